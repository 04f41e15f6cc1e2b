import { App } from 'cdk8s';
import { ConstructInputError } from './construct-input-error';

/**
 * Whether an error is a refusal of the app's input (a construct's or cdk8s's own `Error`, or
 * cdk8s's "Validation failed" listing), whose message says everything, rather than a bug in
 * the program (a TypeError, a ReferenceError, ...), whose stack is what a person needs.
 */
function isInputError(error: unknown): error is Error {
  return error instanceof ConstructInputError || (error instanceof Error && Object.getPrototypeOf(error) === Error.prototype);
}

/**
 * Builds (when given a function) and synthesizes a cdk8s app, printing what the app's input
 * is refused for the way a person reads it: the message once on stderr (cdk8s's
 * `Validation failed` listing, `[construct/path] field: message` per error), without a stack
 * trace, and `process.exitCode` 1, so `cdk8s synth` fails. Errors that are bugs in the program
 * (TypeError and the like) keep their stack. Pass a function that builds the app so that what
 * a construct refuses when it is created is printed the same way:
 *
 * ```ts
 * synthesize(() => {
 *   const app = new App();
 *   new ShopPolicies(app, 'shop');
 *   return app;
 * });
 * ```
 *
 * @returns true when the app was synthesized
 */
export function synthesize(app: App | (() => App)): boolean {
  try {
    (typeof app === 'function' ? app() : app).synth();
    return true;
  } catch (error) {
    process.stderr.write(`${isInputError(error) ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
    return false;
  }
}
