import { Readable } from 'stream';

/** Where a command reads and writes; `run` takes one so tests can capture everything. */
export interface CliIO {
  readonly stdout: { write(text: string): unknown };
  readonly stderr: { write(text: string): unknown };
  readonly stdin: NodeJS.ReadableStream;
  /**
   * True when stderr is a terminal: only then do commands show progress and timing.
   * @default false
   */
  readonly stderrIsTTY?: boolean;
  /**
   * True when stdin is a terminal: `-` is then refused with a hint instead of waiting for
   * someone to type manifests.
   * @default false
   */
  readonly stdinIsTTY?: boolean;
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
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    stderrIsTTY: process.stderr.isTTY === true,
    stdinIsTTY: process.stdin.isTTY === true,
  };
}

/** The exit status of a process a broken pipe killed (128 + SIGPIPE), as a Go program such as kubectl exits. */
export const BROKEN_PIPE_EXIT = 141;

/**
 * Ends the process quietly when a reader of its output goes away (`netpol reach ... | head
 * -1`): Node reports the broken pipe as an error event on the stream, which, unhandled,
 * prints a stack trace. Other write errors end it with their message and exit 2.
 */
export function exitQuietlyOnBrokenPipe(
  stream: NodeJS.EventEmitter,
  name: string,
  exit: (code: number) => void = (code) => process.exit(code),
  stderr: { write(text: string): unknown } = process.stderr,
): void {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') {
      exit(BROKEN_PIPE_EXIT);
      return;
    }
    stderr.write(`netpol: cannot write ${name}: ${error.message}\n`);
    exit(2);
  });
}

/** An in-memory CliIO: standard input from a string, output collected for reading back. */
export interface MemoryIO {
  readonly io: CliIO;
  stdout(): string;
  stderr(): string;
}

/** memoryIO with standard input from a string; `stdinIsTTY` makes it stand for a terminal. */
export function memoryIO(stdin = '', options: { readonly stdinIsTTY?: boolean } = {}): MemoryIO {
  const out: string[] = [];
  const err: string[] = [];
  return {
    io: {
      stdout: { write: (text: string) => out.push(text) },
      stderr: { write: (text: string) => err.push(text) },
      stdin: Readable.from([Buffer.from(stdin)]),
      stdinIsTTY: options.stdinIsTTY,
    },
    stdout: () => out.join(''),
    stderr: () => err.join(''),
  };
}
