import { IConstruct } from 'constructs';

const printed = new WeakMap<IConstruct, Set<string>>();

/**
 * Prints a lint warning to stderr once per app. cdk8s validates the whole tree more than
 * once per `app.synth()` (once for the app and again per chart), so warnings raised from
 * validations are deduplicated here.
 */
export function warnOnce(scope: IConstruct, message: string): void {
  const root = scope.node.root;
  let seen = printed.get(root);
  if (!seen) {
    seen = new Set();
    printed.set(root, seen);
  }
  if (!seen.has(message)) {
    seen.add(message);
    process.stderr.write(`Warning: ${message}\n`);
  }
}

/**
 * Refuses a render the way cdk8s's own validation does: one "Validation failed" error that
 * lists `errorsOf` every construct of the app, so all of its invalid policies show at once,
 * not only the one being rendered.
 */
export function refuseWithAppErrors(scope: IConstruct, errorsOf: (construct: IConstruct) => readonly string[]): never {
  const errors = scope.node.root.node.findAll().flatMap(errorsOf);
  throw new Error(`Validation failed with the following errors:\n  ${errors.join('\n  ')}`);
}
