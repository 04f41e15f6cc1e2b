import { InputBudget, InputBudgetOptions } from './input-budget';
import { expandInputPaths } from './input-files';
import { ManifestObject, readManifestObject } from './manifest-object';
import { parseDocuments } from './parse-documents';
import { ReadInputOptions, readInput } from './read-input';

/**
 * How many files are read while an earlier one is parsed: parsing is CPU work, reading waits
 * on the disk, and overlapping them hides most of the wait. Bounded to bound memory.
 */
const READ_AHEAD = 8;

export interface LoadManifestsOptions extends ReadInputOptions, InputBudgetOptions {
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
  /** Every document, as an object of its kind, in file and document order. */
  readonly objects: readonly ManifestObject[];
}

/**
 * Reads manifests from files, directories (recursively) and `-` (standard input). Documents
 * that are not Kubernetes objects and objects with fields of the wrong shape are objects too
 * (SkippedDocument, InvalidObject), reported when the model is built. Throws a ManifestError,
 * naming the file and document, on the first input that cannot be read at all, and an
 * InputLimitError when the inputs pass a limit (maxBytes per file; maxDocuments and
 * maxYamlNodes over all of them).
 */
export async function loadManifests(paths: readonly string[], options: LoadManifestsOptions = {}): Promise<LoadedManifests> {
  const defaultNamespace = options.defaultNamespace ?? 'default';
  const files = await expandInputPaths(paths);
  const budget = new InputBudget(options);
  const reads: Promise<string>[] = [];
  const readAhead = (index: number): void => {
    if (index < files.length && !reads[index]) {
      reads[index] = readInput(files[index], options);
      // Awaited in order below; a failure is reported only once the files before it are read.
      reads[index].catch(() => undefined);
    }
  };
  const objects: ManifestObject[] = [];
  for (const [index, { name: file }] of files.entries()) {
    for (let ahead = index; ahead <= index + READ_AHEAD; ahead++) {
      readAhead(ahead);
    }
    const text = await reads[index];
    delete reads[index];
    for (const { documentIndex, value } of parseDocuments(text, file, budget)) {
      objects.push(readManifestObject(value, { file, documentIndex }, defaultNamespace));
    }
  }
  return { files: files.map(({ name }) => name), objects };
}
