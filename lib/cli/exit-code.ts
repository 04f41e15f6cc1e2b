/** The exit codes every netpol command uses. */
export const ExitCode = {
  /** Done, nothing to report that fails. */
  Ok: 0,
  /** The command ran and found something that fails (errors, or warnings with --strict). */
  Findings: 1,
  /** A usage error, or input that cannot be read. */
  Usage: 2,
} as const;

/** A failure a command reports in one line on stderr and turns into an exit code. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = ExitCode.Usage,
  ) {
    super(message);
    this.name = 'CliError';
  }
}
