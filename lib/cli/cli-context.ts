import { CliIO } from './io';

/** What every command factory receives: the IO to use, and where its exit code goes. */
export class CliContext {
  exitCode: number = 0;

  constructor(readonly io: CliIO) {}

  /**
   * Wraps a command handler for commander's `.action()`: the number it resolves to
   * becomes the exit code of `run`. Throw a CliError for usage or input errors.
   */
  action<Args extends unknown[]>(handler: (...args: Args) => Promise<number>): (...args: Args) => Promise<void> {
    return async (...args: Args) => {
      this.exitCode = await handler(...args);
    };
  }
}
