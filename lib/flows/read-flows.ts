import { closeSync, createReadStream, fstatSync, open } from 'fs';
import { createInterface } from 'readline';
import { Transform, TransformCallback } from 'stream';
import type { ObservedFlows } from '../model';
import { FlowGroups } from './flow-groups';
import { FlowInputError } from './flow-input-error';
import { HubbleDecoder, isHubbleLine } from './hubble-flow';
import { FieldError, isObject } from './json-field';
import type { Observation } from './observation';
import { csvHeader, csvRecord, decodePlainFlow, isPlainLine } from './plain-flow';

/** Options for `readFlows`. */
export interface ReadFlowsOptions {
  /**
   * Standard input, read for a file named `-`.
   * @default process.stdin
   */
  readonly stdin?: NodeJS.ReadableStream;
  /**
   * Called every 100,000 lines with the lines read so far, for progress messages.
   * @default none
   */
  readonly onProgress?: (lines: number) => void;
}

/**
 * The longest line a flow file may have: 1 MiB. A Hubble flow is a few KB; readline would
 * otherwise hold a file without line breaks in memory whole.
 */
export const MAX_FLOW_LINE_BYTES = 1024 * 1024;

/** A line longer than MAX_FLOW_LINE_BYTES, seen by lineLengthGuard. */
class LineTooLongError extends Error {
  constructor(readonly line: number) {
    super(`longer than ${MAX_FLOW_LINE_BYTES / (1024 * 1024)} MiB`);
  }
}

/** Passes a stream through unchanged, failing it with LineTooLongError at the first line over the limit. */
function lineLengthGuard(): Transform {
  let length = 0;
  let line = 1;
  return new Transform({
    transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback) {
      let start = 0;
      for (let index = chunk.indexOf(10); index !== -1; index = chunk.indexOf(10, start)) {
        if (length + index - start > MAX_FLOW_LINE_BYTES) {
          done(new LineTooLongError(line));
          return;
        }
        length = 0;
        line++;
        start = index + 1;
      }
      length += chunk.length - start;
      done(length > MAX_FLOW_LINE_BYTES ? new LineTooLongError(line) : null, chunk);
    },
  });
}

/** How the lines of one file are read: decided by its first non-blank line. */
type LineDecoder = (line: string) => Observation;

/** JSON lines (Hubble or plain, per line), or CSV after its header line. */
function decoderFor(firstLine: string, hubble: HubbleDecoder): { decoder: LineDecoder; header: boolean } {
  if (firstLine.trimStart().startsWith('{')) {
    return { decoder: (line) => jsonLine(line, hubble), header: false };
  }
  const columns = csvHeader(firstLine);
  return { decoder: (line) => decodePlainFlow(csvRecord(columns, line)), header: true };
}

function jsonLine(line: string, hubble: HubbleDecoder): Observation {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (error) {
    throw new FieldError(`not JSON (${(error as Error).message}); a flow file has one JSON object per line, or is CSV with a header`);
  }
  if (!isObject(value)) {
    throw new FieldError(`expected a JSON object (a Hubble flow, {"flow": ...}, or {"from", "to", "port", "protocol"}), got ${JSON.stringify(value).slice(0, 80)}`);
  }
  if (isPlainLine(value)) {
    return decodePlainFlow(value);
  }
  if (isHubbleLine(value)) {
    return hubble.decode(value);
  }
  throw new FieldError(
    `neither a Hubble flow (fields of flow.proto, or {"flow": ...}) nor a plain flow ({"from", "to", "port", "protocol"}); keys: ${Object.keys(value).slice(0, 8).join(', ')}`,
  );
}

/**
 * Reads flow files line by line, never whole: Hubble output (`hubble observe -o json` or
 * `-o jsonpb`, exporter files) and the plain format (JSON lines or CSV), and groups the flows
 * (see FlowGroups). A line that cannot be read throws FlowInputError naming file and line.
 */
export async function readFlows(files: readonly string[], options: ReadFlowsOptions = {}): Promise<ObservedFlows> {
  const groups = new FlowGroups();
  const hubble = new HubbleDecoder();
  let lines = 0;
  for (const file of files) {
    const stream = file === '-' ? (options.stdin ?? process.stdin) : await openFile(file);
    const guard = lineLengthGuard();
    stream.on('error', (error) => guard.destroy(error));
    const reader = createInterface({ input: stream.pipe(guard), crlfDelay: Infinity });
    let decoder: LineDecoder | undefined;
    let number = 0;
    try {
      for await (const text of reader) {
        number++;
        lines++;
        if (options.onProgress && lines % 100_000 === 0) {
          options.onProgress(lines);
        }
        if (text.trim() === '') {
          continue;
        }
        try {
          if (!decoder) {
            const chosen = decoderFor(text, hubble);
            decoder = chosen.decoder;
            if (chosen.header) {
              continue;
            }
          }
          const observation = decoder(text);
          const place = { file, line: number };
          if (observation.kind === 'flow') {
            groups.add(observation.flow, place);
          } else {
            groups.skip(observation.reason, place);
          }
        } catch (error) {
          if (error instanceof FieldError) {
            throw new FlowInputError(file, number, error.message);
          }
          throw error;
        }
      }
    } catch (error) {
      if (error instanceof LineTooLongError) {
        throw new FlowInputError(file, error.line, `${error.message}: a flow file has one flow per line (Hubble JSON, or the plain JSON-lines or CSV format)`);
      }
      throw error;
    } finally {
      reader.close();
      guard.destroy();
    }
  }
  return groups.result(files, lines);
}

/**
 * A file's stream, or FlowInputError when it cannot be opened or is a directory. Opened by
 * descriptor: a FileHandle's stream reads through promises, several times slower.
 */
async function openFile(file: string): Promise<NodeJS.ReadableStream> {
  let fd: number;
  try {
    fd = await new Promise<number>((resolve, reject) => open(file, 'r', (error, opened) => (error ? reject(error) : resolve(opened))));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new FlowInputError(file, undefined, `cannot read: ${code === 'ENOENT' ? 'no such file' : (code ?? (error as Error).message)}`);
  }
  if (fstatSync(fd).isDirectory()) {
    closeSync(fd);
    throw new FlowInputError(file, undefined, 'is a directory; --flows takes flow files');
  }
  return createReadStream('', { fd });
}
