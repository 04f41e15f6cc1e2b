import { promises as fs } from 'fs';
import * as path from 'path';
import { compareText } from '../model';
import { ManifestError, unreadablePath } from './manifest-error';

/** The path that means standard input. */
export const STDIN_PATH = '-';

/** File names a directory walk picks up. */
const MANIFEST_FILE = /\.(ya?ml|json)$/i;

/** One file to read: where it is, and how messages and reports name it. */
export interface InputFile {
  /** What to open: the bytes of the name when a directory listing gave a name that is not UTF-8. */
  readonly path: string | Buffer;
  /** The path as shown: as given, or (below a directory) with bytes that are not UTF-8, and control characters, as `\xNN`. */
  readonly name: string;
}

const UTF8 = new TextDecoder('utf-8', { fatal: true });

/** How many bytes a UTF-8 sequence starting with this byte has; 0 when it cannot start one. */
function sequenceLength(lead: number): number {
  return lead >= 0xc2 && lead <= 0xdf ? 2 : lead >= 0xe0 && lead <= 0xef ? 3 : lead >= 0xf0 && lead <= 0xf4 ? 4 : 0;
}

/**
 * A file name as text: valid UTF-8 as it is, every other byte (and every control
 * character, which would act on a terminal) as `\xNN`.
 */
export function escapeFileName(bytes: Buffer): string {
  let text = '';
  let i = 0;
  while (i < bytes.length) {
    const byte = bytes[i];
    if (byte >= 0x20 && byte < 0x7f) {
      text += String.fromCharCode(byte);
      i++;
      continue;
    }
    const length = sequenceLength(byte);
    if (length > 0 && i + length <= bytes.length) {
      try {
        const character = UTF8.decode(bytes.subarray(i, i + length));
        // C1 control characters are controls too.
        if (!/[\u0080-\u009f]/.test(character)) {
          text += character;
          i += length;
          continue;
        }
      } catch {
        // Not a valid sequence: escaped byte by byte below.
      }
    }
    text += `\\x${byte.toString(16).padStart(2, '0')}`;
    i++;
  }
  return text;
}

/** A name of a directory entry below `parent`: a string path where the name is UTF-8, the bytes where it is not. */
function childFile(parent: InputFile, name: Buffer): InputFile {
  const shown = escapeFileName(name);
  if (typeof parent.path === 'string' && shown === name.toString('utf8')) {
    const child = path.join(parent.path, shown);
    return { path: child, name: path.join(parent.name, shown) };
  }
  const parentBytes = typeof parent.path === 'string' ? Buffer.from(parent.path) : parent.path;
  return { path: Buffer.concat([parentBytes, Buffer.from(path.sep), name]), name: path.join(parent.name, shown) };
}

/** The real path of a file or directory as a key: bytes kept exactly (latin1 maps each to one character). */
async function realPathKey(file: string | Buffer): Promise<string> {
  return (await fs.realpath(file, { encoding: 'buffer' })).toString('latin1');
}

/** What a walk found, and whether it passed by a directory already read. */
interface Walk {
  readonly files: InputFile[];
  skippedVisited: boolean;
}

/**
 * Manifest files below a directory, recursively, sorted by name at each level. Symbolic
 * links are followed, but a directory already visited (by its real path) is not entered
 * again, so link loops end. Only links cost a stat; the listing types the rest. Names are
 * read as bytes, so a name that is not UTF-8 is still opened (and shown escaped).
 */
async function walkDirectory(directory: InputFile, visited: Set<string>, walk: Walk): Promise<void> {
  const realPath = await realPathKey(directory.path);
  if (visited.has(realPath)) {
    walk.skippedVisited = true;
    return;
  }
  visited.add(realPath);
  const entries = (await fs.readdir(directory.path, { withFileTypes: true, encoding: 'buffer' }))
    .map((entry) => ({ entry, file: childFile(directory, entry.name) }))
    .sort((a, b) => compareText(a.file.name, b.file.name));
  for (const { entry, file } of entries) {
    let target: { isDirectory(): boolean; isFile(): boolean } = entry;
    if (entry.isSymbolicLink()) {
      try {
        target = await fs.stat(file.path);
      } catch {
        // A dangling or looping link inside a directory names no manifest.
        continue;
      }
    }
    if (target.isDirectory()) {
      await walkDirectory(file, visited, walk);
    } else if (target.isFile() && MANIFEST_FILE.test(file.name)) {
      walk.files.push(file);
    }
  }
}

/**
 * Expands the paths a user gave into the files to read, in order: a file as given (any
 * name), a directory as its `*.yaml`, `*.yml` and `*.json` files, `-` as standard input.
 * A file or directory named twice (directly, inside a directory given too, or through a
 * symbolic link) is read once, where it first comes. A missing path, a directory without
 * manifests, or `-` given twice is an error.
 */
export async function expandInputPaths(paths: readonly string[]): Promise<InputFile[]> {
  if (paths.length === 0) {
    throw new ManifestError('(no input)', 'give at least one file, directory, or - for standard input');
  }
  if (paths.filter((p) => p === STDIN_PATH).length > 1) {
    throw new ManifestError(STDIN_PATH, 'standard input can be read only once');
  }
  const files: InputFile[] = [];
  const visited = new Set<string>();
  const readFiles = new Set<string>();
  const addOnce = async (file: InputFile): Promise<void> => {
    // A file gone since it was listed keys by its path: reading it reports it.
    const key = await realPathKey(file.path).catch(() => `path:${file.name}`);
    if (!readFiles.has(key)) {
      readFiles.add(key);
      files.push(file);
    }
  };
  for (const given of paths) {
    if (given === STDIN_PATH) {
      files.push({ path: given, name: given });
      continue;
    }
    const stats = await fs.stat(given).catch((error: unknown) => {
      throw unreadablePath(given, error);
    });
    if (!stats.isDirectory()) {
      await addOnce({ path: given, name: given });
      continue;
    }
    const walk: Walk = { files: [], skippedVisited: false };
    await walkDirectory({ path: given, name: given }, visited, walk);
    if (walk.files.length === 0 && !walk.skippedVisited) {
      throw new ManifestError(given, 'directory holds no *.yaml, *.yml or *.json files');
    }
    for (const file of walk.files) {
      await addOnce(file);
    }
  }
  return files;
}
