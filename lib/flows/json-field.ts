/**
 * Reading one decoded JSON value by field path, for error messages that name the path
 * (`flow.l4.TCP.destination_port`) and what would be valid. A thrown FieldError is turned
 * into a FlowInputError with file and line by the reader.
 */
export class FieldError extends Error {
  readonly code = 'FLOW_FIELD_INVALID';
}

export type JsonObject = Readonly<Record<string, unknown>>;

/** `path.name`, or `name` at the top (path ''). */
export function fieldPath(path: string, name: string): string {
  return path === '' ? name : `${path}.${name}`;
}

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The value of the first of `names` the object has (proto3 JSON accepts a field's proto name
 * and its lowerCamelCase JSON name); null counts as absent, as in proto3 JSON.
 */
export function field(object: JsonObject, names: readonly string[]): { readonly name: string; readonly value: unknown } | undefined {
  for (const name of names) {
    const value = object[name];
    if (value !== undefined && value !== null) {
      return { name, value };
    }
  }
  return undefined;
}

export function objectField(object: JsonObject, names: readonly string[], path: string): { name: string; value: JsonObject } | undefined {
  const found = field(object, names);
  if (found && !isObject(found.value)) {
    throw new FieldError(`${fieldPath(path, found.name)}: expected an object, got ${JSON.stringify(found.value)}`);
  }
  return found as { name: string; value: JsonObject } | undefined;
}

export function stringField(object: JsonObject, names: readonly string[], path: string): string | undefined {
  const found = field(object, names);
  if (found && typeof found.value !== 'string') {
    throw new FieldError(`${fieldPath(path, found.name)}: expected a string, got ${JSON.stringify(found.value)}`);
  }
  return found?.value as string | undefined;
}

export function stringListField(object: JsonObject, names: readonly string[], path: string): string[] {
  const found = field(object, names);
  if (!found) {
    return [];
  }
  if (!Array.isArray(found.value) || found.value.some((item) => typeof item !== 'string')) {
    throw new FieldError(`${fieldPath(path, found.name)}: expected a list of strings, got ${JSON.stringify(found.value)}`);
  }
  return found.value as string[];
}

/** A proto3 JSON unsigned integer: a number, or its decimal text (both are valid proto3 JSON). */
export function unsignedField(object: JsonObject, names: readonly string[], path: string): number | undefined {
  const found = field(object, names);
  if (!found) {
    return undefined;
  }
  const value = typeof found.value === 'string' && /^[0-9]+$/.test(found.value) ? Number(found.value) : found.value;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    throw new FieldError(`${fieldPath(path, found.name)}: expected an unsigned integer, got ${JSON.stringify(found.value)}`);
  }
  return value;
}

/**
 * A proto3 JSON enum: its value name, or its number (mapped by `values`, index = number).
 * Names this reader does not know (a newer Cilium's) are kept as written.
 */
export function enumField(object: JsonObject, fieldNames: readonly string[], path: string, values: readonly string[]): string | undefined {
  const found = field(object, fieldNames);
  if (!found) {
    return undefined;
  }
  if (typeof found.value === 'string' && /^[A-Z][A-Z0-9_]*$/.test(found.value)) {
    return found.value;
  }
  if (typeof found.value === 'number' && Number.isInteger(found.value) && found.value >= 0) {
    return values[found.value] ?? `${found.value}`;
  }
  throw new FieldError(`${fieldPath(path, found.name)}: expected one of ${values.filter((value) => value !== '').join(', ')} (or its number), got ${JSON.stringify(found.value)}`);
}

/** A proto3 JSON bool, or a google.protobuf.BoolValue (a bool in JSON; null when absent). */
export function boolField(object: JsonObject, names: readonly string[], path: string): boolean | undefined {
  const found = field(object, names);
  if (found && typeof found.value !== 'boolean') {
    throw new FieldError(`${fieldPath(path, found.name)}: expected true or false, got ${JSON.stringify(found.value)}`);
  }
  return found?.value as boolean | undefined;
}
