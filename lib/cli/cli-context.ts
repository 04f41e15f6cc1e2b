import { performance } from 'perf_hooks';
import type { InputBudgetOptions, ReadInputOptions } from '../manifests';
import { CliError } from './exit-code';
import { CliIO } from './io';

/**
 * lib/report, whose escape.ts shows control characters in messages as escapes; loaded on
 * first use, as the commands load it: loading it takes longer than starting the CLI.
 */
export function reportModule(): typeof import('../report') {
  return require('../report') as typeof import('../report');
}

/** Clears the terminal line a progress message was written on. */
const CLEAR_LINE = '\r\x1b[K';

/** What every command factory receives: the IO to use, and where its exit code goes. */
export class CliContext {
  exitCode: number = 0;
  /** The least exit code of the running command, raised by failWith. */
  private exitFloor: number = 0;
  /** Set by `--quiet`: nothing but errors goes to stderr. */
  quiet = false;
  private progressShown = false;
  /** The limits on the manifest inputs, from --max-input-bytes, --max-yaml-nodes and --max-documents. */
  inputLimits: Pick<ReadInputOptions, 'maxBytes'> & InputBudgetOptions = {};
  /** What standard input is read as, once something has claimed it. */
  private stdinReader?: string;

  constructor(readonly io: CliIO) {}

  /**
   * Claims standard input (`-`) for one reader (`the manifests`, `the flows`): it can be
   * read only once, and a terminal is refused rather than waited on; `example` shows a pipe
   * that feeds it.
   */
  claimStdin(reader: string, example: string): void {
    if (this.stdinReader !== undefined) {
      const instead = this.stdinReader === reader ? 'give files for all but one -' : `it is already ${this.stdinReader}, so give a file for ${reader}`;
      throw new CliError(`standard input (-) can be read only once: ${instead}`);
    }
    if (this.io.stdinIsTTY) {
      throw new CliError(
        `standard input (-) is a terminal: pipe ${reader} in (e.g. ${example}) or name a file instead of -`,
      );
    }
    this.stdinReader = reader;
  }

  /** A message for people, not an error (summaries, hints): on stderr unless --quiet; control characters shown as escapes. */
  note(text: string): void {
    if (!this.quiet) {
      this.clearProgress();
      this.io.stderr.write(reportModule().terminalText(text.endsWith('\n') ? text : `${text}\n`));
    }
  }

  /** An error for people, on stderr even with --quiet; control characters shown as escapes. */
  error(text: string): void {
    this.clearProgress();
    this.io.stderr.write(reportModule().terminalText(text.endsWith('\n') ? text : `${text}\n`));
  }

  /**
   * The command will exit with at least `code` whatever its handler returns: for input
   * findings (objects left out as invalid) found while the command goes on to its answer.
   */
  failWith(code: number): void {
    this.exitFloor = Math.max(this.exitFloor, code);
  }

  /** What a long run is doing, on one line that the next message replaces: only on a terminal, never with --quiet. */
  progress(text: string): void {
    if (this.io.stderrIsTTY && !this.quiet) {
      this.io.stderr.write(`${CLEAR_LINE}${reportModule().textLine(text)}`);
      this.progressShown = true;
    }
  }

  private clearProgress(): void {
    if (this.progressShown) {
      this.io.stderr.write(CLEAR_LINE);
      this.progressShown = false;
    }
  }

  /**
   * Wraps a command handler for commander's `.action()`: the number it resolves to
   * becomes the exit code of `run`. Throw a CliError for usage or input errors. On a
   * terminal the run ends with its duration on stderr.
   */
  action<Args extends unknown[]>(handler: (...args: Args) => Promise<number>): (...args: Args) => Promise<void> {
    return async (...args: Args) => {
      const start = performance.now();
      try {
        this.exitCode = Math.max(await handler(...args), this.exitFloor);
      } finally {
        this.clearProgress();
      }
      if (this.io.stderrIsTTY) {
        this.note(`done in ${((performance.now() - start) / 1000).toFixed(2)} s`);
      }
    };
  }
}
