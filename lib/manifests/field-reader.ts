import { SourceRef } from '../model';
import { JsonObject, isAbsent, isObject } from '../validate';
import { ManifestError, describeValue } from './manifest-error';

/** Where a manifest object is: its file and document index, always both. */
export type ManifestSource = Required<SourceRef>;

/**
 * Reads fields of one untrusted object by path, failing with a ManifestError that names the
 * file, document and field when a value has the wrong shape. Absent means undefined or null.
 */
export class FieldReader {
  constructor(readonly source: ManifestSource) {}

  fail(path: string, detail: string): never {
    throw new ManifestError(this.source.file, detail, this.source.documentIndex, path);
  }

  /** A mapping, or undefined when absent. */
  optionalMapping(value: unknown, path: string): JsonObject | undefined {
    if (isAbsent(value)) {
      return undefined;
    }
    if (!isObject(value)) {
      this.fail(path, `must be a mapping, got ${describeValue(value)}`);
    }
    return value;
  }

  mapping(value: unknown, path: string): JsonObject {
    return this.optionalMapping(value, path) ?? this.fail(path, 'required: must be a mapping');
  }

  /** A list, or [] when absent. */
  list(value: unknown, path: string): unknown[] {
    if (isAbsent(value)) {
      return [];
    }
    if (!Array.isArray(value)) {
      this.fail(path, `must be a list, got ${describeValue(value)}`);
    }
    return value;
  }

  /** A string, or undefined when absent. */
  optionalString(value: unknown, path: string): string | undefined {
    if (isAbsent(value)) {
      return undefined;
    }
    if (typeof value !== 'string') {
      this.fail(path, `must be a string, got ${describeValue(value)}`);
    }
    return value;
  }

  /**
   * Labels: a mapping of strings to strings; numbers and booleans must be quoted in YAML.
   * A null value is the empty string, as Go decodes null into a map[string]string value.
   */
  labels(value: unknown, path: string): Record<string, string> {
    const labels: Record<string, string> = {};
    for (const [key, given] of Object.entries(this.optionalMapping(value, path) ?? {})) {
      const labelValue = given ?? '';
      if (typeof labelValue !== 'string') {
        this.fail(`${path}[${key}]`, `label values must be strings, got ${describeValue(labelValue)}; quote it in YAML`);
      }
      // defineProperty: a `__proto__` label is data, not the object's prototype.
      Object.defineProperty(labels, key, { value: labelValue, enumerable: true, writable: true, configurable: true });
    }
    return labels;
  }
}
