/** A flow file that cannot be read: names the file, the 1-based line and the field, and what would be valid. */
export class FlowInputError extends Error {
  readonly code = 'FLOW_INPUT_INVALID';

  constructor(
    readonly file: string,
    readonly line: number | undefined,
    readonly detail: string,
  ) {
    super(`${file}${line === undefined ? '' : `:${line}`}: ${detail}`);
    this.name = 'FlowInputError';
  }
}
