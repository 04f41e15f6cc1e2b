import { FieldError, Finding } from './finding';
import { RuleId } from './rules';

/**
 * Findings in the API server's words (k8s.io/apimachinery field.Error): `Invalid value: 70000:
 * must be between 1 and 65535, inclusive`, `Required value: ...`, `Unsupported value: ...`,
 * `Forbidden: ...`, `Duplicate value: ...`. Prefixed by the path, they read as kubectl prints them.
 */

const MAX_VALUE_TEXT = 80;

/** A bad value as the API server quotes it: strings quoted, numbers and booleans bare. */
function formatValue(value: unknown): string {
  if (value === undefined || value === null) {
    return 'null';
  }
  let text: string;
  try {
    text = typeof value === 'number' || typeof value === 'boolean' ? String(value) : JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > MAX_VALUE_TEXT ? `${text.slice(0, MAX_VALUE_TEXT)}...` : text;
}

export function invalid(path: string, value: unknown, detail: string): FieldError {
  return { severity: 'error', path, message: `Invalid value: ${formatValue(value)}: ${detail}` };
}

export function required(path: string, detail?: string): FieldError {
  return { severity: 'error', path, message: detail ? `Required value: ${detail}` : 'Required value' };
}

export function forbidden(path: string, detail: string): FieldError {
  return { severity: 'error', path, message: `Forbidden: ${detail}` };
}

export function notSupported(path: string, value: unknown, supported: readonly string[]): FieldError {
  const quoted = supported.map((s) => JSON.stringify(s)).join(', ');
  return { severity: 'error', path, message: `Unsupported value: ${formatValue(value)}: supported values: ${quoted}` };
}

/** A lint finding: valid for the API server, but probably not what the author meant. */
export function warning(path: string, message: string, rule: RuleId): Finding {
  return { severity: 'warning', path, message, rule };
}

export function duplicate(path: string, value: unknown): FieldError {
  return { severity: 'error', path, message: `Duplicate value: ${formatValue(value)}` };
}

/** A list (or object) with too many entries: `Too many: 26: must have at most 25 items`. */
export function tooMany(path: string, actual: number, max: number): FieldError {
  return { severity: 'error', path, message: `Too many: ${actual}: must have at most ${max} ${max === 1 ? 'item' : 'items'}` };
}

/** A string over a schema's maxLength; the API server omits the value. */
export function tooLong(path: string, maxBytes: number): FieldError {
  return { severity: 'error', path, message: `Too long: may not be more than ${maxBytes} ${maxBytes === 1 ? 'byte' : 'bytes'}` };
}
