import { expandInputPaths } from './input-files';
import { ManifestObject, readManifestObject } from './manifest-object';
import { parseDocuments } from './parse-documents';
import { ReadInputOptions, readInput } from './read-input';

export interface LoadManifestsOptions extends ReadInputOptions {
  /**
   * The namespace of objects that name none, as `kubectl --namespace` would apply them.
   * @default 'default'
   */
  readonly defaultNamespace?: string;
}

/** Everything read from the inputs, in input order. */
export interface LoadedManifests {
  /** The files read, in order (`-` for standard input). */
  readonly files: readonly string[];
  /** Every object, recognised or not, in file and document order. */
  readonly objects: readonly ManifestObject[];
}

/**
 * Reads manifests from files, directories (recursively) and `-` (standard input).
 * Throws a ManifestError, naming the file and document, on the first input that cannot be read.
 */
export async function loadManifests(paths: readonly string[], options: LoadManifestsOptions = {}): Promise<LoadedManifests> {
  const defaultNamespace = options.defaultNamespace ?? 'default';
  const files = await expandInputPaths(paths);
  const objects: ManifestObject[] = [];
  for (const file of files) {
    const text = await readInput(file, options);
    for (const { documentIndex, value } of parseDocuments(text, file)) {
      objects.push(readManifestObject(value, { file, documentIndex }, defaultNamespace));
    }
  }
  return { files, objects };
}
