import { invalid } from './field-error';
import { childPath, indexPath } from './field-path';
import { FieldError, Finding } from './finding';

/**
 * Run-time shape checks for untrusted parsed YAML. `null` counts as absent, as it does when
 * the API server decodes JSON into Go structs.
 */

export type JsonObject = Readonly<Record<string, unknown>>;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function isAbsent(value: unknown): value is null | undefined {
  return value === undefined || value === null;
}

/** The error for a value of the wrong JSON type; `expected` completes "must be ...". */
export function wrongType(path: string, value: unknown, expected: string): FieldError {
  return invalid(path, value, `must be ${expected}`);
}

/** A string field, checked by `errorsOf` (which returns what is wrong, empty when valid). */
export function validateString(value: unknown, path: string, errorsOf: (text: string) => string[]): FieldError[] {
  if (typeof value !== 'string') {
    return [wrongType(path, value, 'a string')];
  }
  return errorsOf(value).map((message) => invalid(path, value, message));
}

/** A list field (absent is empty): each item validated at its index path. */
export function validateList(value: unknown, path: string, what: string, validateItem: (item: unknown, path: string) => FieldError[]): FieldError[] {
  if (isAbsent(value)) {
    return [];
  }
  if (!Array.isArray(value)) {
    return [wrongType(path, value, `a list of ${what}`)];
  }
  return value.flatMap((item, i) => validateItem(item, indexPath(path, i)));
}

/**
 * Fields the schema does not know. `kubectl apply` (strict field validation) rejects them, and
 * a lenient apply drops them silently, which turns a typo like `form:` into "allow everyone".
 */
export function unknownFields(obj: JsonObject, path: string, known: readonly string[]): Finding[] {
  const valid = known.map((field) => JSON.stringify(field)).join(', ');
  return Object.keys(obj)
    .filter((field) => !known.includes(field))
    .map((field) => ({ ...invalid(childPath(path, field), obj[field], `unknown field; valid fields here are ${valid}`), rule: 'api-unknown-field' }));
}
