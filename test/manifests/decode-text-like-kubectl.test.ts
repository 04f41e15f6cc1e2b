import * as fs from 'fs';
import * as path from 'path';
import { ManifestError, loadManifests, parseDocuments } from '../../lib/manifests';
import { goJsonString, resolveTaggedScalar } from '../../lib/manifests/tagged-scalar';
import { useTempDir } from './temp-dir';

/** The value of `a` in a one-key document. */
function valueOf(text: string): unknown {
  const [document] = parseDocuments(text, 'in.yaml');
  return (document.value as Record<string, unknown>).a;
}

function parseError(text: string): string {
  try {
    parseDocuments(text, 'in.yaml');
  } catch (error) {
    if (error instanceof ManifestError) {
      return error.message;
    }
    throw error;
  }
  throw new Error('expected a ManifestError');
}

const NAMESPACE = 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: a\n';

/**
 * Explicit tags as kubectl reads them: go-yaml v2 (go.yaml.in/yaml/v2, through
 * sigs.k8s.io/yaml) decoding into interface{}: resolve() in resolve.go and decoder.scalar()
 * in decode.go. The text is resolved as a plain scalar and must be of the tag's type;
 * `!!float` also takes an int, `!!binary` is base64, other tags leave the text a string.
 */
describe('explicit tags, as go-yaml v2 reads them', () => {
  test.each([
    ['!!float 80', 80],
    ['!!float 0x10', 16],
    ['!!float 1e3', 1000],
    ['!!float .5', 0.5],
    ['!!int "80"', 80],
    ['!!int 0755', 0o755],
    ['!!int 1_000', 1000],
    ['!!str 80', '80'],
    ['!!str yes', 'yes'],
    ['!!str', ''],
    ['!!bool yes', true],
    ['!!bool "off"', false],
    ['!!null ~', null],
    ['!!null ""', null],
    ['!!null', null],
    ['!!timestamp 2001-12-14', '2001-12-14'],
    ['!!timestamp 2001-12-14t21:59:43.10-05:00', '2001-12-14t21:59:43.10-05:00'],
    ['!!timestamp "2001-12-14 21:59:43.10"', '2001-12-14 21:59:43.10'],
    ['!!binary aGVsbG8=', 'hello'],
    ['!!binary |\n  aGVs\n  bG8=', 'hello'],
    ['!<tag:yaml.org,2002:float> 3', 3],
    // Tags go-yaml does not resolve leave the text a string.
    ['!foo 12', '12'],
    ['! 12', '12'],
    ['!!merge x', 'x'],
    ['!!set x', 'x'],
    ['!!yaml yes', 'yes'],
  ])('a: %s', (scalar, value) => {
    expect(valueOf(`a: ${scalar}\n`)).toStrictEqual(value);
  });

  test.each([
    ['!!set {x, y}', { x: null, true: null }],
    ['!!omap [x: 1, y: 2]', [{ x: 1 }, { true: 2 }]],
    ['!!pairs [x: 1]', [{ x: 1 }]],
    ['!!str {b: 1}', { b: 1 }],
    ['!!seq {b: 1}', { b: 1 }],
    ['!!map [1]', [1]],
  ])('a collection keeps its shape whatever its tag: a: %s', (collection, value) => {
    expect(valueOf(`a: ${collection}\n`)).toStrictEqual(value);
  });

  test.each([
    ['!!int 1.5', 'cannot decode !!float `1.5` as a !!int'],
    ['!!int 2001-12-14', 'cannot decode !!str `2001-12-14` as a !!int'],
    ['!!bool 1', 'cannot decode !!int `1` as a !!bool'],
    ['!!null x', 'cannot decode !!str `x` as a !!null'],
    ['!!float abc', 'cannot decode !!str `abc` as a !!float'],
    // !!float converts int and int64, not a uint64.
    ['!!float 18446744073709551615', 'cannot decode !!int `18446744073709551615` as a !!float'],
    ['!!timestamp 12', 'cannot decode !!int `12` as a !!timestamp'],
    ['!!timestamp 2001-02-29', 'cannot decode !!str `2001-02-29` as a !!timestamp'],
    ['!!binary aGVsbG8', '!!binary value contains invalid base64 data'],
  ])('a: %s is refused with go-yaml\'s message and the line', (scalar, message) => {
    expect(parseError(`a: ${scalar}\n`)).toBe(`in.yaml: document 0: not valid YAML: ${message} at line 1, column 4`);
  });

  test('a tagged port and label read as kubectl reads them reach the model', () => {
    const text = 'apiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: x, labels: {app: !!binary d2Vi}}\nspec: {containers: [{ports: [{containerPort: !!float 8080}]}]}\n';
    expect(parseDocuments(text, 'in.yaml')[0].value).toMatchObject({ metadata: { labels: { app: 'web' } }, spec: { containers: [{ ports: [{ containerPort: 8080 }] }] } });
  });

  test('!!binary bytes that are not UTF-8 become U+FFFD one byte each, as Go\'s json.Marshal writes them', () => {
    expect(resolveTaggedScalar('binary', '/w==')).toBe('\uFFFD');
    // A truncated three-byte sequence: two bytes, two replacements (a WHATWG decoder writes one).
    expect(goJsonString(Uint8Array.from([0xe2, 0x82, 0x41]))).toBe('\uFFFD\uFFFDA');
    expect(goJsonString(Uint8Array.from([0x68, 0xc3, 0xa9]))).toBe('h\u00e9');
  });
});

/**
 * Encodings as go-yaml's reader takes them (readerc.go: yaml_parser_determine_encoding reads
 * the UTF-16LE and UTF-16BE byte order marks, UTF-8 otherwise; invalid sequences are errors).
 */
describe('encodings, as kubectl reads them', () => {
  const dir = useTempDir('netpol-encodings-');
  let files = 0;

  /** The objects loaded from a file of these bytes, or the detail of the error. */
  async function load(bytes: Buffer): Promise<string[] | string> {
    const file = path.join(dir(), `m${files++}.yaml`);
    fs.writeFileSync(file, bytes);
    try {
      const { objects } = await loadManifests([file]);
      return objects.map((object) => `${object.kind} ${object.name}`);
    } catch (error) {
      if (error instanceof ManifestError) {
        return error.detail;
      }
      throw error;
    }
  }

  const utf16be = (text: string): Buffer => Buffer.from(text, 'utf16le').swap16();

  test('UTF-16 with a byte order mark, little- and big-endian, is decoded', async () => {
    expect(await load(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(NAMESPACE, 'utf16le')]))).toEqual(['Namespace a']);
    expect(await load(Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be(NAMESPACE)]))).toEqual(['Namespace a']);
  });

  test('a UTF-8 byte order mark is skipped', async () => {
    expect(await load(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(NAMESPACE)]))).toEqual(['Namespace a']);
  });

  test('UTF-16 with several documents is refused: kubectl would read only the first', async () => {
    const text = `${NAMESPACE}---\n${NAMESPACE.replace('name: a', 'name: b')}`;
    expect(await load(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]))).toMatch(/^is UTF-16LE with several documents, of which kubectl reads only the first/);
    // A leading document marker is one document.
    expect(await load(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`# c\n---\n${NAMESPACE}`, 'utf16le')]))).toEqual(['Namespace a']);
  });

  test('UTF-32 is named and refused: go-yaml cannot read it', async () => {
    const utf32le = Buffer.alloc(4 * (NAMESPACE.length + 1));
    [0xfeff, ...[...NAMESPACE].map((char) => char.charCodeAt(0))].forEach((code, index) => utf32le.writeUInt32LE(code, 4 * index));
    expect(await load(utf32le)).toBe('is UTF-32LE (it starts with a UTF-32LE byte order mark), which kubectl cannot read; save the file as UTF-8');
    const utf32be = Buffer.alloc(utf32le.length);
    for (let index = 0; index < utf32le.length; index += 4) {
      utf32be.writeUInt32BE(utf32le.readUInt32LE(index), index);
    }
    expect(await load(utf32be)).toMatch(/^is UTF-32BE/);
  });

  test('bytes that are not UTF-8 are refused with their line, not replaced', async () => {
    expect(await load(Buffer.concat([Buffer.from('apiVersion: v1\nkind: Namespace\nmetadata:\n  name: a'), Buffer.from([0xff]), Buffer.from('\n')]))).toBe(
      'not valid UTF-8 at line 4; kubectl reads UTF-8, or UTF-16 with a byte order mark: save the file as UTF-8',
    );
    expect(await load(Buffer.concat([Buffer.from('a: '.repeat(5000) + '\n\n'), Buffer.from([0xe2, 0x82])]))).toMatch(/^not valid UTF-8 at line 3;/);
  });

  test('UTF-16 with an unpaired surrogate is refused', async () => {
    const text = Buffer.from('a: x\n', 'utf16le');
    expect(await load(Buffer.concat([Buffer.from([0xff, 0xfe]), text, Buffer.from([0x00, 0xd8])]))).toMatch(/^not valid UTF-16LE/);
  });

  test('UTF-16 without a byte order mark is UTF-8 with NULs to go-yaml: refused as control characters', async () => {
    expect(await load(Buffer.from(NAMESPACE, 'utf16le'))).toBe(
      'not valid YAML: control characters are not allowed (U+0000 at line 1, column 2); write them as escapes in a double-quoted string',
    );
  });
});

/**
 * What kubectl refuses before reading a document: characters go-yaml's reader does not allow
 * (yaml_parser_update_buffer), and JSON with comments (apimachinery's YAMLOrJSONDecoder reads
 * a stream starting with `{` as JSON, which has none).
 */
describe('text kubectl refuses', () => {
  test.each([
    ['\u001b', 'U+001B'],
    ['\u0007', 'U+0007'],
    ['\u0000', 'U+0000'],
    ['\u007f', 'U+007F'],
    ['\u009b', 'U+009B'],
    ['\uffff', 'U+FFFF'],
  ])('a raw control character (%j) is refused with its position', (char, code) => {
    expect(parseError(`a: b\nc: "x${char}y"\n`)).toBe(`in.yaml: not valid YAML: control characters are not allowed (${code} at line 2, column 6); write them as escapes in a double-quoted string`);
  });

  test('tab, line breaks, U+0085 and escapes in a double-quoted string are read', () => {
    expect(valueOf('a: "x\\e]0;t\\a\\x00"\n')).toBe('x\u001b]0;t\u0007\u0000');
    expect(valueOf('a:\tx\r\n')).toBe('x');
    expect(valueOf('a: x\u0085y\n')).toBe('x\u0085y');
  });

  test('in a JSON stream, DEL and C1 controls are JSON string content; C0 controls are refused', () => {
    expect(valueOf('{"a": "x\u007f\u009by"}')).toBe('x\u007f\u009by');
    expect(parseError('{"a": "x\u001by"}')).toBe('in.yaml: not valid JSON: control characters are not allowed (U+001B at line 1, column 9); write them as escapes in a double-quoted string');
  });

  test('JSON with // and /* */ comments is named as such, with the line', () => {
    const json = '{\n  // a namespace\n  "apiVersion": "v1",\n  "kind": "Namespace",\n  "metadata": {"name": "a"}\n}\n';
    expect(parseError(json)).toBe('in.yaml: not JSON: comments are not allowed (line 2, column 3); remove them');
    expect(parseError('{"apiVersion": "v1", /* ns */ "kind": "Namespace", "metadata": {"name": "a"}}')).toBe(
      'in.yaml: not JSON: comments are not allowed (line 1, column 22); remove them',
    );
  });

  test('// inside JSON strings, and YAML flow mappings with URLs, are no comments', () => {
    expect(parseDocuments('{"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "a", "annotations": {"u": "http://x //y"}}}', 'in.yaml')).toHaveLength(1);
    expect(valueOf('{a: http://x/y}')).toBe('http://x/y');
  });
});

/**
 * JSON objects one after another without `---`: apimachinery's YAMLOrJSONDecoder
 * (pkg/util/yaml/decoder.go) reads a stream starting with `{` with json.Decoder, object after
 * object; after more than one, a break fails the stream; with at most one before it, the
 * rest is read as YAML.
 */
describe('a stream of JSON objects, as kubectl reads it', () => {
  const namespace = (name: string) => JSON.stringify({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
  const names = (text: string) => parseDocuments(text, 'in.yaml').map((document) => [document.documentIndex, (document.value as { metadata: { name: string } }).metadata.name]);

  test('objects back to back, one per line, or pretty-printed are documents in order', () => {
    expect(names(`${namespace('a')}${namespace('b')}`)).toEqual([[0, 'a'], [1, 'b']]);
    expect(names(`${namespace('a')}\n${namespace('b')}\n${namespace('c')}\n`)).toEqual([[0, 'a'], [1, 'b'], [2, 'c']]);
    const pretty = [JSON.stringify({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'a', annotations: { u: 'x}{"' } } }, null, 2), JSON.stringify(JSON.parse(namespace('b')), null, 2)].join('\n');
    expect(names(pretty)).toEqual([[0, 'a'], [1, 'b']]);
  });

  test('a List among them is flattened, as any document', () => {
    const list = JSON.stringify({ apiVersion: 'v1', kind: 'List', items: [JSON.parse(namespace('b')), JSON.parse(namespace('c'))] });
    expect(names(`${namespace('a')}\n${list}`)).toEqual([[0, 'a'], [1, 'b'], [2, 'c']]);
  });

  test('after two objects, text that is not a next object fails the stream with its line', () => {
    expect(parseError(`${namespace('a')}\n${namespace('b')}\n---\n${namespace('c')}\n`)).toBe(
      'in.yaml: document 2: not valid JSON: after 2 JSON objects, line 3, column 1: "-" where the next object or the end should be',
    );
    expect(parseError(`${namespace('a')}\n${namespace('b')}\n{"kind": }`)).toMatch(/^in\.yaml: document 2: not valid JSON: after 2 JSON objects, line 3, column 1: Unexpected token/);
  });

  test('one object and YAML after it, or a single object, read as before', () => {
    expect(names(`${namespace('a')}\n---\n${NAMESPACE.replace('name: a', 'name: b')}`)).toEqual([[0, 'a'], [1, 'b']]);
    expect(names(namespace('a'))).toEqual([[0, 'a']]);
  });

  test('a duplicate key in a streamed object is the same error as in a single one', () => {
    const duplicate = '{"apiVersion": "v1", "kind": "Namespace", "kind": "Namespace", "metadata": {"name": "b"}}';
    expect(parseError(`${namespace('a')}\n${duplicate}`)).toMatch(/^in\.yaml: document 1: not valid YAML: Map keys must be unique at line 2/);
  });
});
