import { dns1123SubdomainErrors, maxLengthError, regexError } from './dns-name';
import { invalid } from './field-error';
import { FieldError } from './finding';
import { isAbsent, isObject, validateString, wrongType } from './shape';

/** Label keys and values as apimachinery's IsQualifiedName and IsValidLabelValue check them. */

const QUALIFIED_NAME_FMT = '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]';
const QUALIFIED_NAME = new RegExp(`^${QUALIFIED_NAME_FMT}$`);
const QUALIFIED_NAME_RULE =
  "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
const QUALIFIED_NAME_MAX_LENGTH = 63;
const LABEL_VALUE_FMT = `(${QUALIFIED_NAME_FMT})?`;
const LABEL_VALUE = new RegExp(`^${LABEL_VALUE_FMT}$`);
const LABEL_VALUE_MAX_LENGTH = 63;

/**
 * What is wrong with a `[prefix/]name` key (`app`, `kubernetes.io/metadata.name`); empty when
 * valid. `what` names the key in the plain sentence before the API server's text.
 */
export function qualifiedNameErrors(value: string, what = 'a label key'): string[] {
  const errors: string[] = [];
  const parts = value.split('/');
  if (parts.length > 2) {
    // The API server's text below says it only in its last words; the plain rule comes first.
    return [
      `${what} has at most one '/' (between an optional DNS-name prefix and the name): a qualified name ${regexError(QUALIFIED_NAME_RULE, QUALIFIED_NAME_FMT, 'MyName', 'my.name', '123-abc')} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`,
    ];
  }
  const name = parts[parts.length - 1];
  if (parts.length === 2) {
    const prefix = parts[0];
    if (prefix.length === 0) {
      errors.push('prefix part must be non-empty');
    } else {
      errors.push(...dns1123SubdomainErrors(prefix).map((message) => `prefix part ${message}`));
    }
  }
  if (name.length === 0) {
    errors.push('name part must be non-empty');
  } else if (name.length > QUALIFIED_NAME_MAX_LENGTH) {
    errors.push(`name part ${maxLengthError(QUALIFIED_NAME_MAX_LENGTH)}`);
  }
  if (!QUALIFIED_NAME.test(name)) {
    errors.push(`name part ${regexError(QUALIFIED_NAME_RULE, QUALIFIED_NAME_FMT, 'MyName', 'my.name', '123-abc')}`);
  }
  return errors;
}

/** What is wrong with a label value (may be empty); empty when valid. */
export function labelValueErrors(value: string): string[] {
  const errors: string[] = [];
  if (value.length > LABEL_VALUE_MAX_LENGTH) {
    errors.push(maxLengthError(LABEL_VALUE_MAX_LENGTH));
  }
  if (!LABEL_VALUE.test(value)) {
    errors.push(
      regexError(
        "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character",
        LABEL_VALUE_FMT,
        'MyValue',
        'my_value',
        '12345',
      ),
    );
  }
  return errors;
}

/** A label key (or annotation key, or selector key). */
export function validateLabelKey(value: unknown, path: string): FieldError[] {
  return validateString(value, path, qualifiedNameErrors);
}

/** A label value. `null` reads as the empty string, as in the API server. */
export function validateLabelValue(value: unknown, path: string): FieldError[] {
  if (isAbsent(value)) {
    return [];
  }
  if (typeof value !== 'string') {
    return [wrongType(path, value, 'a string (quote numbers and booleans in YAML)')];
  }
  return labelValueErrors(value).map((message) => invalid(path, value, message));
}

/**
 * A label map (metadata.labels, matchLabels). As in the API server, every problem is reported
 * at the map's path, not at the key.
 */
export function validateLabels(value: unknown, path: string): FieldError[] {
  if (isAbsent(value)) {
    return [];
  }
  if (!isObject(value)) {
    return [wrongType(path, value, 'a map of label keys to string values')];
  }
  return Object.entries(value).flatMap(([key, labelValue]) => [
    ...validateLabelKey(key, path),
    ...validateLabelValue(labelValue, path),
  ]);
}
