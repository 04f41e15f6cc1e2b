import { Readable } from 'stream';

/** Where a command reads and writes; `run` takes one so tests can capture everything. */
export interface CliIO {
  readonly stdout: { write(text: string): unknown };
  readonly stderr: { write(text: string): unknown };
  readonly stdin: NodeJS.ReadableStream;
  /** True when stderr is a terminal: only then do commands show progress and timing. */
  readonly stderrIsTTY?: boolean;
}

/** How much of a long text `writeChunks` hands the output at a time. */
const WRITE_CHUNK_LENGTH = 1 << 16;

/**
 * Writes text in chunks, waiting for the output to drain whenever it asks to: written at once
 * into a pipe, a large report sits whole in the stream's queue as a second copy (a 330 MiB peak
 * for an audit of 1,000,000 flows with many groups on the flows2 branch).
 */
export async function writeChunks(output: CliIO['stdout'], text: string): Promise<void> {
  const stream = output as Partial<NodeJS.WritableStream>;
  for (let start = 0; start < text.length; start += WRITE_CHUNK_LENGTH) {
    if (output.write(text.slice(start, start + WRITE_CHUNK_LENGTH)) === false && typeof stream.once === 'function') {
      await new Promise<void>((resolve) => stream.once?.('drain', () => resolve()));
    }
  }
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
