import { run } from '../../lib/cli/main';
import { memoryIO } from '../../lib/cli/io';

/** What one in-process `netpol` run produced. */
export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs `netpol <argv>` in this process with captured output and `stdin` as standard input;
 * `stdinIsTTY` makes standard input stand for a terminal.
 */
export async function runCli(argv: readonly string[], stdin = '', options: { readonly stdinIsTTY?: boolean } = {}): Promise<CliResult> {
  const memory = memoryIO(stdin, options);
  const code = await run(argv, memory.io);
  return { code, stdout: memory.stdout(), stderr: memory.stderr() };
}
