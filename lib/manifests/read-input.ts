import { promises as fs } from 'fs';
import { MAX_MANIFEST_BYTES } from './limits';
import { ManifestError, unreadablePath } from './manifest-error';
import { STDIN_PATH } from './input-files';
import { decodeManifestText } from './text-encoding';

function tooLarge(file: string, maxBytes: number): ManifestError {
  return new ManifestError(file, `larger than ${maxBytes} bytes; manifests that large are refused`);
}

/** Reads a stream as text (see decodeManifestText), refusing it as soon as it passes maxBytes. */
async function readBounded(stream: NodeJS.ReadableStream, file: string, maxBytes: number): Promise<string> {
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

export interface ReadInputOptions {
  /** Standard input, read when the file is `-`. */
  readonly stdin?: NodeJS.ReadableStream;
  /** @default MAX_MANIFEST_BYTES */
  readonly maxBytes?: number;
}

/**
 * The text of one input file, or of standard input for `-`, decoded as kubectl decodes it
 * (text-encoding.ts). A regular file over the limit is refused before it is read; pipes and
 * devices are read only up to the limit.
 */
export async function readInput(file: string, options: ReadInputOptions = {}): Promise<string> {
  const maxBytes = options.maxBytes ?? MAX_MANIFEST_BYTES;
  if (file === STDIN_PATH) {
    if (!options.stdin) {
      throw new ManifestError(file, 'standard input is not available here');
    }
    return readBounded(options.stdin, file, maxBytes);
  }
  let handle;
  try {
    handle = await fs.open(file, 'r');
    const stats = await handle.stat();
    if (!stats.isFile()) {
      return await readBounded(handle.createReadStream({ autoClose: false }), file, maxBytes);
    }
    if (stats.size > maxBytes) {
      throw tooLarge(file, maxBytes);
    }
    // One read of the whole file; it may have grown since the stat.
    const content = await handle.readFile();
    if (content.length > maxBytes) {
      throw tooLarge(file, maxBytes);
    }
    return decodeManifestText(content, file);
  } catch (error) {
    if (error instanceof ManifestError) {
      throw error;
    }
    throw unreadablePath(file, error);
  } finally {
    await handle?.close();
  }
}
