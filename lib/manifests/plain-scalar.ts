/**
 * How kubectl types an untagged plain (unquoted) YAML scalar: go-yaml v2's `resolve`
 * (sigs.k8s.io/yaml/goyaml.v2/resolve.go), which kubectl decodes manifests with. Quoted and
 * block scalars are always strings and never come here.
 *
 * YAML 1.1 booleans (`yes`, `On`, `n`, ...), `~`/`null`/empty as null, `.inf`/`.nan`, and
 * integers as Go's `strconv.ParseInt(s, 0, 64)` reads them after dropping every `_`
 * (`0755` octal, `0x1F`, `0o17`, `0b101`, signs). Not supported by go-yaml v2, so strings:
 * sexagesimal (`12:30:00`) and timestamps, which it hands to `interface{}` as strings.
 */

/** go-yaml's resolveTable: a scalar starting with any other character is a string. */
export const PLAIN_SCALAR_MAY_RESOLVE = /^(?:[-+0-9.~yYnNtTfFoO]|$)/;

const FIXED: ReadonlyMap<string, null | boolean | number> = new Map<string, null | boolean | number>([
  ...['y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON'].map((word) => [word, true] as const),
  ...['n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF'].map((word) => [word, false] as const),
  ...['', '~', 'null', 'Null', 'NULL'].map((word) => [word, null] as const),
  ...['.nan', '.NaN', '.NAN'].map((word) => [word, Number.NaN] as const),
  ...['.inf', '.Inf', '.INF', '+.inf', '+.Inf', '+.INF'].map((word) => [word, Number.POSITIVE_INFINITY] as const),
  ...['-.inf', '-.Inf', '-.INF'].map((word) => [word, Number.NEGATIVE_INFINITY] as const),
]);

/** Go's ParseFloat syntax for a scalar starting with `.` (underscores are not allowed there). */
const DOT_FLOAT = /^\.[0-9]+(?:[eE][-+]?[0-9]+)?$/;

/** go-yaml v2's yamlStyleFloat: what it lets ParseFloat read once integers have failed. */
const YAML_STYLE_FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/;

/** Go integer literals with base 0: prefixed hex, octal, binary; a leading 0 means octal. */
const GO_INTEGER = /^([-+]?)(?:0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|0[0-7]*|[1-9][0-9]*)$/;

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const UINT64_MAX = 2n ** 64n - 1n;

/** A float Go's ParseFloat accepts; overflow is an error there, so the scalar stays a string. */
function finiteFloat(text: string): number | undefined {
  const value = Number(text);
  return Number.isFinite(value) ? value : undefined;
}

/** An unsigned Go integer literal as a BigInt, which reads 0x/0o/0b but not Go's leading-zero octal. */
function goMagnitude(digits: string): bigint {
  return BigInt(/^0[0-7]/.test(digits) ? `0o${digits.slice(1)}` : digits);
}

/**
 * go-yaml's integer attempts in order: ParseInt (int64), ParseUint (uint64, no sign), then,
 * after yamlStyleFloat, big.Int for unsigned literals ParseUint found too large.
 * Returns the value, 'too-large-unsigned' for that last case, or undefined.
 */
function goInteger(plain: string): number | 'too-large-unsigned' | undefined {
  const match = GO_INTEGER.exec(plain);
  if (!match) {
    return undefined;
  }
  const sign = match[1];
  const digits = plain.slice(sign.length);
  if (digits.length <= 15 && (digits[0] !== '0' || digits.length === 1)) {
    // A decimal too short to leave the int64 and exact-double range: the common case, no BigInt.
    return Number(plain) || 0;
  }
  const magnitude = goMagnitude(digits);
  const value = sign === '-' ? -magnitude : magnitude;
  if (value >= INT64_MIN && value <= INT64_MAX) {
    // Number(-0n) is 0: Go integers have no negative zero.
    return Number(value);
  }
  if (sign === '') {
    return value <= UINT64_MAX ? Number(value) : 'too-large-unsigned';
  }
  return undefined;
}

/**
 * The tag go-yaml's resolve gives a scalar's text, as explicit tags check it (tagged-scalar.ts):
 * `wide-int` is an integer beyond int64 (a uint64 or a big.Int), which `!!float` refuses.
 */
export type PlainScalarTag = 'null' | 'bool' | 'int' | 'wide-int' | 'float' | 'str';

/** The tag of what resolvePlainScalar reads from the text. */
export function plainScalarTag(text: string): PlainScalarTag {
  const value = resolvePlainScalar(text);
  if (value === null) {
    return 'null';
  }
  if (typeof value !== 'number') {
    return typeof value === 'boolean' ? 'bool' : 'str';
  }
  const plain = text.replace(/_/g, '');
  const integer = PLAIN_SCALAR_MAY_RESOLVE.test(text) && /^[-+0-9]/.test(text) ? goInteger(plain) : undefined;
  if (integer === undefined || (integer === 'too-large-unsigned' && YAML_STYLE_FLOAT.test(plain))) {
    return 'float';
  }
  if (integer === 'too-large-unsigned') {
    return 'wide-int';
  }
  // Negative integers goInteger reads are all int64; past 2^53 a double cannot tell int64 from uint64.
  return integer < 2 ** 53 || goMagnitude(plain.replace(/^\+/, '')) <= INT64_MAX ? 'int' : 'wide-int';
}

/** The value kubectl reads from an untagged plain scalar: null, a boolean, a number or the text. */
export function resolvePlainScalar(text: string): null | boolean | number | string {
  if (!PLAIN_SCALAR_MAY_RESOLVE.test(text)) {
    return text;
  }
  const fixed = FIXED.get(text);
  if (fixed !== undefined) {
    return fixed;
  }
  const first = text[0];
  if (first === '.') {
    return (DOT_FLOAT.test(text) ? finiteFloat(text) : undefined) ?? text;
  }
  if (first !== '-' && first !== '+' && (first < '0' || first > '9')) {
    return text;
  }
  const plain = text.replace(/_/g, '');
  const integer = goInteger(plain);
  if (typeof integer === 'number') {
    return integer;
  }
  const float = YAML_STYLE_FLOAT.test(plain) ? finiteFloat(plain) : undefined;
  if (float !== undefined) {
    return float;
  }
  return integer === 'too-large-unsigned' ? Number(BigInt(plain)) : text;
}
