import { Construct } from 'constructs';
import { childPath, indexPath, notSupported, required } from '../validate';
import { ConstructInputError, ConstructInputErrorCode } from './construct-input-error';

/*
 * Construct props checked at run time, for callers without a type checker (plain JavaScript,
 * values read from JSON or YAML): a `null`, a missing required prop, a value of the wrong type,
 * an unknown enum value, or a key a rule or an options object does not have is refused where
 * the construct is created, as a
 * `ConstructInputError` naming the construct, the prop path and what would be valid, never a
 * bare TypeError later or a silent default. Values the API server judges (port ranges, label
 * syntax, CIDRs) are left to the validation at synth, which lists every error of the app at once.
 */

/** Why a value does not fit: its prop path and the message, in the API server's words. */
interface Misfit {
  readonly code: ConstructInputErrorCode;
  readonly field: string;
  readonly message: string;
}

/** What one prop may hold. */
export interface PropType {
  /** What would be valid, completing "must be ...": `a whole number`, `a Port (Port.tcp(443), ...)`. */
  readonly expected: string;
  /** Why `value` (at `field`) does not fit, or undefined when it fits. */
  misfit(value: unknown, field: string): Misfit | undefined;
}

/** A prop of a props object: its type, and whether it must be given. */
export interface PropSpec {
  readonly type: PropType;
  readonly required: boolean;
}

/** Every prop of `T`, each with its spec: a prop added to `T` must be added here too. */
export type PropsShape<T> = { readonly [K in keyof T]-?: PropSpec };

/** A prop that must be given (not undefined, not null). */
export function requiredProp(type: PropType): PropSpec {
  return { type, required: true };
}

/** A prop that may be left out for its default; `null` is refused, not taken for "left out". */
export function optionalProp(type: PropType): PropSpec {
  return { type, required: false };
}

/** A short description of a value that does not fit: never its whole content. */
export function describeValue(value: unknown): string {
  if (value === null || value === undefined || typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') {
    return String(value);
  }
  if (typeof value === 'string') {
    const quoted = JSON.stringify(value);
    return quoted.length > 60 ? `${quoted.slice(0, 60)}..."` : quoted;
  }
  if (typeof value === 'function') {
    return 'a function';
  }
  if (typeof value === 'symbol') {
    return value.toString();
  }
  if (Array.isArray(value)) {
    return `a list of ${value.length}`;
  }
  const type = (value as object).constructor?.name;
  return type === undefined || type === 'Object' ? 'an object' : `an object of type ${type}`;
}

function wrongType(field: string, value: unknown, expected: string): Misfit {
  return { code: 'WRONG_TYPE', field, message: `Invalid value: ${describeValue(value)}: must be ${expected}` };
}

/** A value that fits when `test` says so. */
export function satisfying(test: (value: unknown) => boolean, expected: string): PropType {
  return { expected, misfit: (value, field) => (test(value) ? undefined : wrongType(field, value, expected)) };
}

/** A string. */
export const TEXT: PropType = satisfying((value) => typeof value === 'string', 'a string');

/** true or false. */
export const FLAG: PropType = satisfying((value) => typeof value === 'boolean', 'true or false');

/** A whole number (not NaN, not Infinity, which JSON would write as null). */
export const WHOLE_NUMBER: PropType = satisfying((value) => Number.isInteger(value), 'a whole number');

/**
 * One of `values` (case-sensitive, as the API's enums are); a value that differs only in case
 * is named as the one meant.
 */
export function oneOf(values: readonly string[]): PropType {
  const expected = `one of ${values.map((value) => JSON.stringify(value)).join(', ')}`;
  return {
    expected,
    misfit(value, field) {
      if (typeof value !== 'string') {
        return wrongType(field, value, expected);
      }
      if (values.includes(value)) {
        return undefined;
      }
      const meant = values.find((candidate) => candidate.toLowerCase() === value.toLowerCase());
      const hint = meant === undefined ? '' : ` (did you mean ${JSON.stringify(meant)}? the values are case-sensitive)`;
      return { code: 'UNSUPPORTED_VALUE', field, message: `${notSupported(field, value, values).message}${hint}` };
    },
  };
}

/** A list (an array) of `item`s, each checked at its index. */
export function listOf(item: PropType, items: string): PropType {
  const expected = `a list of ${items}`;
  return {
    expected,
    misfit(value, field) {
      if (!Array.isArray(value)) {
        return wrongType(field, value, expected);
      }
      return firstMisfit(value, (entry, index) => item.misfit(entry, indexPath(field, index)));
    },
  };
}

/** One `item` or a list of them (each checked at its index). */
export function oneOrListOf(item: PropType): PropType {
  const list = listOf(item, item.expected);
  return {
    expected: `${item.expected}, or a list of them`,
    misfit: (value, field) => (Array.isArray(value) ? list.misfit(value, field) : item.misfit(value, field)),
  };
}

/** A value that fits one of `types` (each a single value, not a list or an object of props). */
export function anyOf(...types: readonly PropType[]): PropType {
  const expected = types.map((type) => type.expected).join(', or ');
  return satisfying((value) => types.some((type) => type.misfit(value, '') === undefined), expected);
}

/** Labels: a plain object of string values (`{ app: 'web' }`). */
export const LABELS: PropType = {
  expected: "an object of label keys to string values, e.g. { app: 'web' }",
  misfit(value, field) {
    if (!isPlainObject(value)) {
      return wrongType(field, value, LABELS.expected);
    }
    return firstMisfit(Object.entries(value), ([key, text]) => TEXT.misfit(text, childPath(field, key)));
  },
};

/**
 * A plain object with these props (`what` names it in messages: `an ingress rule`). A key it
 * does not know is refused: in a rule, a typo (`form:`) or the other direction's `to` would
 * otherwise leave a rule that allows everything.
 */
export function objectOf<T>(shape: PropsShape<T>, what: string): PropType {
  const keys = Object.keys(shape);
  const expected = `${what} { ${Object.entries<PropSpec>(shape)
    .map(([key, spec]) => (spec.required ? key : `${key}?`))
    .join(', ')} }`;
  return {
    expected,
    misfit(value, field) {
      if (!isPlainObject(value)) {
        return wrongType(field, value, expected);
      }
      const unknown = Object.keys(value).find((key) => !keys.includes(key));
      if (unknown !== undefined) {
        const valid = keys.map((key) => JSON.stringify(key)).join(', ');
        return { code: 'UNKNOWN_PROP', field: childPath(field, unknown), message: `Invalid value: ${describeValue(value[unknown])}: unknown field; valid fields here are ${valid}` };
      }
      return shapeMisfit(value, shape, field);
    },
  };
}

/**
 * Refuses `props` unless every prop fits `shape`. `where` is the construct path (or the
 * factory, `Port.tcp`); props left out entirely count as `{}`.
 */
export function checkProps<T>(where: string, props: unknown, shape: PropsShape<T>): void {
  // Keys the shape does not know are not refused here, only in nested objects (objectOf): a
  // chart's props extend cdk8s's ChartProps, which a newer cdk8s may extend.
  const misfit =
    props === undefined ? shapeMisfit({}, shape, '') : isPlainObject(props) ? shapeMisfit(props, shape, '') : objectOf(shape, 'props').misfit(props, 'props');
  if (misfit !== undefined) {
    throw new ConstructInputError(misfit.code, where, misfit.field, misfit.message);
  }
}

/** Refuses `value`, the prop at `field` (`ingress[2]`), unless it fits `spec`. */
export function checkProp(where: string, field: string, value: unknown, spec: PropSpec): void {
  checkProps(where, { [field]: value }, { [field]: spec });
}

/** The path of the construct `id` would be under `scope`, for errors raised before it exists. */
export function constructPath(scope: Construct, id: string): string {
  return scope.node.path ? `${scope.node.path}/${id}` : id;
}

function shapeMisfit<T>(value: Readonly<Record<string, unknown>>, shape: PropsShape<T>, parent: string): Misfit | undefined {
  return firstMisfit(Object.entries<PropSpec>(shape), ([key, spec]) => {
    const field = childPath(parent, key);
    const prop = value[key];
    if (prop === undefined) {
      return spec.required ? { code: 'REQUIRED_PROP', field, message: required(field, `give ${spec.type.expected}`).message } : undefined;
    }
    if (prop === null) {
      const leaveOut = spec.required ? '' : '; leave the prop out for its default';
      return wrongType(field, prop, `${spec.type.expected}${leaveOut}`);
    }
    return spec.type.misfit(prop, field);
  });
}

function firstMisfit<T>(entries: readonly T[], misfitOf: (entry: T, index: number) => Misfit | undefined): Misfit | undefined {
  for (let index = 0; index < entries.length; index++) {
    const misfit = misfitOf(entries[index], index);
    if (misfit !== undefined) {
      return misfit;
    }
  }
  return undefined;
}

function isPlainObject(value: unknown): value is Readonly<Record<string, unknown>> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return false;
  }
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}
