import { promises as fs } from 'fs';
import * as path from 'path';
import { compareText } from '../model';
import { ManifestError, unreadablePath } from './manifest-error';

/** The path that means standard input. */
export const STDIN_PATH = '-';

/** File names a directory walk picks up. */
const MANIFEST_FILE = /\.(ya?ml|json)$/i;

/**
 * Manifest files below a directory, recursively, sorted by name at each level. Symbolic
 * links are followed, but a directory already visited (by its real path) is not entered
 * again, so link loops end. Only links cost a stat; the listing types the rest.
 */
async function walkDirectory(directory: string, visited: Set<string>): Promise<string[]> {
  const realPath = await fs.realpath(directory);
  if (visited.has(realPath)) {
    return [];
  }
  visited.add(realPath);
  const entries = (await fs.readdir(directory, { withFileTypes: true })).sort((a, b) => compareText(a.name, b.name));
  const files: string[] = [];
  for (const entry of entries) {
    const child = path.join(directory, entry.name);
    let target: { isDirectory(): boolean; isFile(): boolean } = entry;
    if (entry.isSymbolicLink()) {
      try {
        target = await fs.stat(child);
      } catch {
        // A dangling or looping link inside a directory names no manifest.
        continue;
      }
    }
    if (target.isDirectory()) {
      files.push(...(await walkDirectory(child, visited)));
    } else if (target.isFile() && MANIFEST_FILE.test(entry.name)) {
      files.push(child);
    }
  }
  return files;
}

/**
 * Expands the paths a user gave into the files to read, in order: a file as given (any
 * name), a directory as its `*.yaml`, `*.yml` and `*.json` files, `-` as standard input.
 * A missing path, a directory without manifests, or `-` given twice is an error.
 */
export async function expandInputPaths(paths: readonly string[]): Promise<string[]> {
  if (paths.length === 0) {
    throw new ManifestError('(no input)', 'give at least one file, directory, or - for standard input');
  }
  if (paths.filter((p) => p === STDIN_PATH).length > 1) {
    throw new ManifestError(STDIN_PATH, 'standard input can be read only once');
  }
  const files: string[] = [];
  const visited = new Set<string>();
  for (const given of paths) {
    if (given === STDIN_PATH) {
      files.push(given);
      continue;
    }
    const stats = await fs.stat(given).catch((error: unknown) => {
      throw unreadablePath(given, error);
    });
    if (!stats.isDirectory()) {
      files.push(given);
      continue;
    }
    const found = await walkDirectory(given, visited);
    if (found.length === 0) {
      throw new ManifestError(given, 'directory holds no *.yaml, *.yml or *.json files');
    }
    files.push(...found);
  }
  return files;
}
