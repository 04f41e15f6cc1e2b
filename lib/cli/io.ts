import { Readable } from 'stream';

/** Where a command reads and writes; `run` takes one so tests can capture everything. */
export interface CliIO {
  readonly stdout: { write(text: string): unknown };
  readonly stderr: { write(text: string): unknown };
  readonly stdin: NodeJS.ReadableStream;
  /** True when stderr is a terminal: only then do commands show progress and timing. */
  readonly stderrIsTTY?: boolean;
}

/** The process's own streams. */
export function processIO(): CliIO {
  return { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, stderrIsTTY: process.stderr.isTTY === true };
}

/** An in-memory CliIO: standard input from a string, output collected for reading back. */
export interface MemoryIO {
  readonly io: CliIO;
  stdout(): string;
  stderr(): string;
}

export function memoryIO(stdin = ''): MemoryIO {
  const out: string[] = [];
  const err: string[] = [];
  return {
    io: {
      stdout: { write: (text: string) => out.push(text) },
      stderr: { write: (text: string) => err.push(text) },
      stdin: Readable.from([Buffer.from(stdin)]),
    },
    stdout: () => out.join(''),
    stderr: () => err.join(''),
  };
}
