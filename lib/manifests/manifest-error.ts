import type { Finding } from '../validate';

/**
 * Input that cannot be read as manifests: a missing path, an oversized file, text that is
 * not YAML, a list whose items are not a list. Thrown too by FieldReader for a field of the
 * wrong shape, which readManifestObject turns into an InvalidObject (`toFinding`).
 * The message names the file, the document index when known, and the field path.
 */
export class ManifestError extends Error {
  constructor(
    readonly file: string,
    readonly detail: string,
    readonly documentIndex?: number,
    readonly path?: string,
  ) {
    const where = [file];
    if (documentIndex !== undefined) {
      where.push(`document ${documentIndex}`);
    }
    if (path) {
      where.push(path);
    }
    super(`${where.join(': ')}: ${detail}`);
    this.name = 'ManifestError';
  }

  /** The error as a finding on its object: the object is then left out, not the whole input. */
  toFinding(): Finding {
    return { severity: 'error', rule: 'api-decode', path: this.path ?? '', message: this.detail };
  }
}

/** How a value reads in an error message: `a string`, `a list`, `null`, ... */
export function describeValue(value: unknown): string {
  if (value === null || value === undefined) {
    return 'null';
  }
  if (Array.isArray(value)) {
    return 'a list';
  }
  switch (typeof value) {
    case 'object':
      return 'a mapping';
    case 'number':
    case 'bigint':
      return `a number (${String(value)})`;
    case 'boolean':
      return `a boolean (${String(value)})`;
    case 'string':
      return `a string (${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}...` : value)})`;
    default:
      return `a ${typeof value}`;
  }
}

/** The error for a path the file system refuses: missing, a link loop, no permission, ... */
export function unreadablePath(file: string, error: unknown): ManifestError {
  const code = (error as NodeJS.ErrnoException).code;
  const reasons: Record<string, string> = {
    ENOENT: 'no such file or directory',
    ELOOP: 'symbolic link loop',
    EACCES: 'permission denied',
    EISDIR: 'is a directory',
  };
  return new ManifestError(file, (code && reasons[code]) ?? `cannot read (${code ?? String(error)})`);
}

/** The option of LoadManifestsOptions that sets each input limit (see limits.ts). */
export type InputLimit = 'maxBytes' | 'maxYamlNodes' | 'maxDocuments';

/**
 * Input refused for passing one of the limits of limits.ts; `limit` names the option that
 * raises it, so that a command can name its own flag for it.
 */
export class InputLimitError extends ManifestError {
  constructor(
    file: string,
    detail: string,
    /** The option of LoadManifestsOptions that raises the limit passed. */
    readonly limit: InputLimit,
    documentIndex?: number,
  ) {
    super(file, detail, documentIndex);
    this.name = 'InputLimitError';
  }
}
