import { promises as fs } from 'fs';
import { MAX_MANIFEST_BYTES } from './limits';
import { InputLimitError, ManifestError, unreadablePath } from './manifest-error';
import { InputFile, STDIN_PATH } from './input-files';
import { decodeManifestText } from './text-encoding';

function tooLarge(file: string, maxBytes: number): InputLimitError {
  return new InputLimitError(file, `larger than ${maxBytes} bytes; manifests that large are refused`, 'maxBytes');
}

/** How much one read asks for when the size is not known (pipes, devices, /proc files). */
const READ_CHUNK_BYTES = 1024 * 1024;

/** Reads a stream as text (see decodeManifestText), refusing it as soon as it passes maxBytes. */
async function readStreamBounded(stream: NodeJS.ReadableStream, file: string, maxBytes: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    size += buffer.length;
    if (size > maxBytes) {
      (stream as NodeJS.ReadableStream & { destroy?: () => void }).destroy?.();
      throw tooLarge(file, maxBytes);
    }
    chunks.push(buffer);
  }
  return decodeManifestText(Buffer.concat(chunks), file);
}

/**
 * Reads an open file up to its end as text (see decodeManifestText), refusing it as soon as
 * it passes maxBytes, whatever its stat says: /proc files say 0 bytes and devices never end. A regular file
 * whose stat is already over the limit is refused unread; for one within it, the first read
 * asks for one byte more than the stat, so that a file read whole ends with an empty read.
 */
async function readFileBounded(handle: fs.FileHandle, file: string, maxBytes: number): Promise<string> {
  const stats = await handle.stat();
  if (stats.isFile() && stats.size > maxBytes) {
    throw tooLarge(file, maxBytes);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  let ask = stats.isFile() && stats.size > 0 ? stats.size + 1 : READ_CHUNK_BYTES;
  // Whole chunks, not just what the limit leaves: some files refuse reads of other sizes
  // (/proc/self/pagemap reads whole 8-byte entries).
  for (;;) {
    const buffer = Buffer.allocUnsafe(ask);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, null);
    if (bytesRead === 0) {
      return decodeManifestText(Buffer.concat(chunks, size), file);
    }
    size += bytesRead;
    if (size > maxBytes) {
      throw tooLarge(file, maxBytes);
    }
    chunks.push(bytesRead === buffer.length ? buffer : buffer.subarray(0, bytesRead));
    ask = READ_CHUNK_BYTES;
  }
}

export interface ReadInputOptions {
  /**
   * Standard input, read when the file is `-`.
   * @default none: `-` is refused
   */
  readonly stdin?: NodeJS.ReadableStream;
  /**
   * The largest file or standard input read, in bytes; counted while reading.
   * @default MAX_MANIFEST_BYTES
   */
  readonly maxBytes?: number;
}

/**
 * The text of one input file (a path, or an InputFile of a directory walk), or of standard
 * input for `-`, decoded as kubectl decodes it (text-encoding.ts), read only up to the limit:
 * beyond it the input is refused with an InputLimitError. Errors name the file as InputFile.name shows it.
 */
export async function readInput(input: string | InputFile, options: ReadInputOptions = {}): Promise<string> {
  const maxBytes = options.maxBytes ?? MAX_MANIFEST_BYTES;
  const { path, name: file } = typeof input === 'string' ? { path: input, name: input } : input;
  if (path === STDIN_PATH) {
    if (!options.stdin) {
      throw new ManifestError(file, 'standard input is not available here');
    }
    return readStreamBounded(options.stdin, file, maxBytes);
  }
  let handle;
  try {
    handle = await fs.open(path, 'r');
    return await readFileBounded(handle, file, maxBytes);
  } catch (error) {
    if (error instanceof ManifestError) {
      throw error;
    }
    throw unreadablePath(file, error);
  } finally {
    await handle?.close();
  }
}
