import { PlainScalarTag, plainScalarTag, resolvePlainScalar } from './plain-scalar';

/**
 * How kubectl reads a scalar with an explicit tag: go-yaml v2's `resolve` and
 * `decoder.scalar` decoding into interface{} (sigs.k8s.io/yaml, go.yaml.in/yaml/v2
 * resolve.go and decode.go). The text, quoted or not, is resolved as a plain scalar and
 * must come out of the tag's type, or the document is refused: `!!int 1.5` is "cannot
 * decode !!float `1.5` as a !!int". `!!float` also takes an int64 (`!!float 80` is 80), and
 * `!!timestamp` a timestamp, which reaches Kubernetes as the text. `!!str` takes any text,
 * and `!!binary` any base64, decoded. Every other tag (`!!set`, `!foo`) leaves the text a
 * string, and tags on mappings and sequences change nothing: go-yaml ignores both.
 */

/** The core tags go-yaml v2 resolves or decodes, by their YAML 1.1 names. */
export const GO_YAML_V2_SCALAR_TAGS = ['str', 'bool', 'int', 'float', 'null', 'timestamp', 'binary'] as const;

export type GoYamlScalarTag = (typeof GO_YAML_V2_SCALAR_TAGS)[number];

/** A tagged scalar go-yaml refuses; the message is go-yaml's own. */
export class TaggedScalarError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TaggedScalarError';
  }
}

/**
 * go-yaml v2's allowedTimestampFormats as Go's time.Parse reads them: a four-digit year;
 * one- or two-digit month, day, hour, minute and second; any fraction after `.` or `,`; with
 * `T` or `t` a zone (`Z` or `±hh:mm`), with a space none.
 */
const TIMESTAMP = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:([Tt ])(\d{1,2}):(\d{1,2}):(\d{1,2})(?:[.,]\d+)?(?:Z|[-+](\d{2}):(\d{2}))?)?$/;

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Whether go-yaml's parseTimestamp accepts the text: one of the formats, and Go's range checks. */
function isTimestamp(text: string): boolean {
  const match = TIMESTAMP.exec(text);
  if (!match) {
    return false;
  }
  const [year, month, day] = match.slice(1, 4).map(Number);
  const [separator, hour, minute, second, zoneHour, zoneMinute] = match.slice(4);
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const days = month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1];
  if (month < 1 || month > 12 || day < 1 || day > days) {
    return false;
  }
  if (separator === undefined) {
    return true;
  }
  const zoned = text.endsWith('Z') || zoneHour !== undefined;
  // Go allows zone offsets up to 24 hours and 60 minutes, as some write them.
  const zoneInRange = zoneHour === undefined || (Number(zoneHour) <= 24 && Number(zoneMinute) <= 60);
  return zoned === (separator !== ' ') && Number(hour) < 24 && Number(minute) < 60 && Number(second) < 60 && zoneInRange;
}

/** Go's base64.StdEncoding: padded, the standard alphabet; line breaks are skipped. */
const STD_BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/**
 * Bytes as the text Go's json.Marshal writes for a string of them (sigs.k8s.io/yaml turns
 * the decoded YAML into JSON): valid UTF-8 as it is, each byte of an invalid sequence as
 * U+FFFD, as utf8.DecodeRune reads them.
 */
export function goJsonString(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    // Rare: decode sequence by sequence, one U+FFFD per byte that starts no valid one.
  }
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  let text = '';
  let index = 0;
  while (index < bytes.length) {
    const lead = bytes[index];
    const length = lead < 0x80 ? 1 : lead >= 0xc2 && lead <= 0xdf ? 2 : lead >= 0xe0 && lead <= 0xef ? 3 : lead >= 0xf0 && lead <= 0xf4 ? 4 : 0;
    try {
      if (length === 0) {
        throw new RangeError('invalid lead byte');
      }
      text += decoder.decode(bytes.subarray(index, index + length));
      index += length;
    } catch {
      text += '\uFFFD';
      index++;
    }
  }
  return text;
}

function refuse(found: PlainScalarTag | 'timestamp', text: string, tag: GoYamlScalarTag): never {
  const shown = found === 'wide-int' ? 'int' : found;
  throw new TaggedScalarError(`cannot decode !!${shown} \`${text}\` as a !!${tag}`);
}

/** The value kubectl reads from a scalar tagged with one of GO_YAML_V2_SCALAR_TAGS; throws a TaggedScalarError where go-yaml fails. */
export function resolveTaggedScalar(tag: GoYamlScalarTag, text: string): unknown {
  switch (tag) {
    case 'str':
      return text;
    case 'binary': {
      const base64 = text.replace(/[\r\n]/g, '');
      if (!STD_BASE64.test(base64)) {
        throw new TaggedScalarError('!!binary value contains invalid base64 data');
      }
      return goJsonString(Buffer.from(base64, 'base64'));
    }
    case 'timestamp':
      // The text itself: go-yaml hands timestamps to interface{} as strings.
      return isTimestamp(text) ? text : refuse(plainScalarTag(text), text, tag);
  }
  const found = plainScalarTag(text);
  if (found === tag) {
    return resolvePlainScalar(text);
  }
  if (tag === 'float' && found === 'int') {
    return resolvePlainScalar(text);
  }
  return refuse(found, text, tag);
}
