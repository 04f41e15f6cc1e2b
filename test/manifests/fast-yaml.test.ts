import fc from 'fast-check';
import { readYamlExact } from '../../lib/manifests/exact-yaml';
import { readYamlFast } from '../../lib/manifests/fast-yaml';
import { parseDocuments } from '../../lib/manifests';

/**
 * The fast reader (js-yaml) must give exactly the values of the exact reader (`yaml`), or
 * decline. Documents are generated as text in block and flow styles from a vocabulary of
 * scalars that YAML 1.1, YAML 1.2 and go-yaml v2 read differently.
 */

type Style = 'plain' | 'single' | 'double' | 'literal' | 'folded';
interface ScalarNode {
  readonly kind: 'scalar';
  readonly text: string;
  readonly style: Style;
  readonly chomp: '' | '-' | '+';
}
interface MappingNode {
  readonly kind: 'map';
  readonly flow: boolean;
  readonly entries: readonly (readonly [ScalarNode, YamlNode])[];
}
interface SequenceNode {
  readonly kind: 'seq';
  readonly flow: boolean;
  /** In a block mapping, entries at the key's own indentation (`key:` then `- a`), as kubectl writes them. */
  readonly indentless: boolean;
  readonly items: readonly YamlNode[];
}
type YamlNode = ScalarNode | MappingNode | SequenceNode;

/** Plain scalars whose type differs between YAML versions and parsers; all valid unquoted. */
const TRICKY_PLAIN = [
  'y', 'Y', 'yes', 'No', 'on', 'OFF', 'n', 'true', 'False', 'yES', '~', 'null', 'NULL',
  '0755', '0x1f', '0X1F', '0o17', '0b101', '-0b101', '1_000', '0x_1F', '08', '09.5',
  '1e3', '1E3', '1e1_0', '1.', '.5', '+.5', '._5', '-.5e1', '.inf', '-.Inf', '+.INF', '.NaN', '+.nan', '1e400',
  '12:30:00', '1:30', '2001-12-14', '2001-12-14t21:59:43.10-05:00', '2001-12-14 21:59:43.10',
  '+1', '-0', '-0.0', '0', '9223372036854775808', '18446744073709551616', '0x10000000000000000',
  'hello', 'app-0000', 'a:b', 'a#b', 'http://x/y?z=1', 'ünïcödé', '日本', 'with space', 'x-1_0', '1.2.3',
];
/** Plain-looking text that must be quoted: indicators, comments, quotes, escapes, newlines. */
const QUOTED_ONLY = ['', ' lead', 'trail ', 'a: b', 'a #b', '#c', '- x', "it's", 'say "hi"', 'back\\slash', 'tab\there', 'two\nlines', '{x}', '[y]', ', z', '@at', '`tick'];
const KEYS = ['a', 'b', 'name', 'labels', 'y', 'no', 'On', '1', '0x1', '1e3', '.5', '12:30:00', '2001-12-14', 'ünï', 'with space', '-0', '+1', 'a.b/c'];
const BLOCK_LINES = ['x', 'a: b', '# not a comment', 'ünï', '  more indented', '', 'last line', '---x', 'key: [1, 2]'];

const chomp = fc.constantFrom<ScalarNode['chomp']>('', '-', '+');

function scalar(texts: readonly string[], styles: readonly Style[]): fc.Arbitrary<ScalarNode> {
  return fc.record({ kind: fc.constant('scalar' as const), text: fc.constantFrom(...texts), style: fc.constantFrom(...styles), chomp });
}

const blockScalar: fc.Arbitrary<ScalarNode> = fc.record({
  kind: fc.constant('scalar' as const),
  // The first line sets the indentation, so it may not start with a space or be empty.
  text: fc.tuple(fc.constantFrom('x', 'a: b', 'ünï'), fc.array(fc.constantFrom(...BLOCK_LINES), { maxLength: 3 })).map(([first, rest]) => [first, ...rest].join('\n')),
  style: fc.constantFrom<Style>('literal', 'folded'),
  chomp,
});

function yamlNode(keys: readonly string[]): fc.Arbitrary<YamlNode> {
  const value = fc.oneof(
    { arbitrary: scalar([...TRICKY_PLAIN, ''], ['plain']), weight: 4 },
    { arbitrary: scalar([...TRICKY_PLAIN, ...QUOTED_ONLY], ['single', 'double']), weight: 2 },
    { arbitrary: blockScalar, weight: 1 },
  );
  const key = fc.oneof(scalar(keys, ['plain']), scalar([...keys, ...QUOTED_ONLY], ['single', 'double']));
  const { node } = fc.letrec<{ node: YamlNode; map: MappingNode; seq: SequenceNode }>((tie) => ({
    node: fc.oneof({ depthSize: 'small' }, { arbitrary: value, weight: 3 }, tie('map'), tie('seq')),
    map: fc.record({
      kind: fc.constant('map' as const),
      flow: fc.boolean(),
      entries: fc.uniqueArray(fc.tuple(key, tie('node')), { maxLength: 4, selector: ([k]) => `${k.style} ${k.text}` }),
    }),
    seq: fc.record({ kind: fc.constant('seq' as const), flow: fc.boolean(), indentless: fc.boolean(), items: fc.array(tie('node'), { maxLength: 4 }) }),
  }));
  return node;
}

function inline(node: ScalarNode, inFlowSequence = false): string {
  switch (node.style) {
    case 'plain':
      // An empty plain scalar cannot be a flow sequence item; `~` is the same null.
      return node.text === '' && inFlowSequence ? '~' : node.text;
    case 'single':
      return `'${node.text.replace(/'/g, "''")}'`;
    default:
      // JSON's escapes are all YAML double-quoted escapes.
      return JSON.stringify(node.text);
  }
}

function flow(node: YamlNode, inFlowSequence = false): string {
  switch (node.kind) {
    case 'scalar':
      return inline(node, inFlowSequence);
    case 'map':
      return `{${node.entries.map(([key, value]) => `${inline(key)}: ${flow(value)}`).join(', ')}}`;
    case 'seq':
      return `[${node.items.map((item) => flow(item, true)).join(', ')}]`;
  }
}

function isBlockScalar(node: YamlNode): node is ScalarNode {
  return node.kind === 'scalar' && (node.style === 'literal' || node.style === 'folded');
}

function isBlockCollection(node: YamlNode): node is MappingNode | SequenceNode {
  return node.kind === 'map' ? !node.flow && node.entries.length > 0 : node.kind === 'seq' && !node.flow && node.items.length > 0;
}

/** `head` (a key or a dash) followed by the node: inline, a block scalar, or a block collection below. */
function after(head: string, node: YamlNode, indent: number, afterKey: boolean): string[] {
  const pad = ' '.repeat(indent + 2);
  if (isBlockScalar(node)) {
    const body = node.text.split('\n').map((line) => (line === '' ? '' : pad + line));
    return [`${head} ${node.style === 'literal' ? '|' : '>'}${node.chomp}`, ...body];
  }
  if (isBlockCollection(node)) {
    const indentless = afterKey && node.kind === 'seq' && node.indentless;
    return [head, ...block(node, indentless ? indent : indent + 2)];
  }
  const text = flow(node);
  return [text === '' ? head : `${head} ${text}`];
}

function block(node: MappingNode | SequenceNode, indent: number): string[] {
  const pad = ' '.repeat(indent);
  if (node.kind === 'map') {
    return node.entries.flatMap(([key, value]) => after(`${pad}${inline(key)}:`, value, indent, true));
  }
  return node.items.flatMap((item) => {
    if (isBlockCollection(item)) {
      // The compact form: the item's first line shares the dash's line.
      const [first, ...rest] = block(item, indent + 2);
      return [`${pad}- ${first.slice(indent + 2)}`, ...rest];
    }
    return after(`${pad}-`, item, indent, false);
  });
}

function documentText(root: YamlNode): string {
  return `${isBlockCollection(root) ? block(root, 0).join('\n') : flow(root)}\n`;
}

const documents = (keys: readonly string[]) =>
  fc
    .tuple(
      fc.array(fc.oneof(yamlNode(keys), fc.constant(undefined)), { minLength: 1, maxLength: 3 }),
      fc.boolean(),
      fc.constantFrom('', '# a comment\n'),
      fc.constantFrom('\n', '\r\n'),
    )
    .map(([roots, leadingMarker, comment, newline]) =>
      ((leadingMarker ? '---\n' : '') + roots.map((root) => comment + (root ? documentText(root) : '')).join('---\n')).replace(/\n/g, newline),
    );

/**
 * Empty documents at the end hold no object and shift no index: js-yaml reads a stream of
 * only comments as one empty document, `yaml` as none.
 */
function withoutTrailingEmpty(values: readonly unknown[]): unknown[] {
  let end = values.length;
  while (end > 0 && values[end - 1] === null) {
    end--;
  }
  return values.slice(0, end);
}

/** Either reader's verdict must be the other's: same values, or the fast one declines. */
function expectSameReading(text: string): unknown[] | undefined {
  const exact = readYamlExact(text);
  const fast = readYamlFast(text);
  if (exact.failure !== undefined || fast === undefined) {
    expect(fast).toBeUndefined();
  } else {
    expect(withoutTrailingEmpty(fast)).toStrictEqual(withoutTrailingEmpty(exact.values));
  }
  return fast;
}

describe('the fast YAML reader agrees with the exact one', () => {
  test('on generated documents it reads: equal values and types, or it declines', () => {
    let readFast = 0;
    fc.assert(
      fc.property(documents(KEYS), (text) => {
        if (expectSameReading(text)) {
          readFast++;
        }
      }),
      { numRuns: 1500 },
    );
    // The agreement above means something only if the fast reader took most documents.
    expect(readFast).toBeGreaterThan(1500 / 2);
  });

  test('the go-yaml v2 vocabulary, one scalar per key, block and flow', () => {
    const block = TRICKY_PLAIN.map((text, index) => `k${index}: ${text}`).join('\n');
    const flowMap = `{${TRICKY_PLAIN.filter((text) => !text.includes('?')).map((text, index) => `k${index}: ${text}`).join(', ')}}`;
    for (const text of [block, flowMap, `- ${TRICKY_PLAIN.join('\n- ')}`]) {
      expect(expectSameReading(text)).toBeDefined();
    }
  });

  test.each([
    ['an anchor and alias', 'a: &x {b: 1}\nc: *x\n'],
    ['a tag', 'a: !!str 0755\n'],
    ['a merge key', 'base: {a: 1}\nd:\n  <<: {b: 2}\n'],
    ['an explicit key', '? a\n: b\n'],
    ['a directive', '%YAML 1.1\n---\na: 1\n'],
    ['a null key', '~: 1\n'],
    ['an empty key', '{: 1}\n'],
    ['a collection as key', '{[a, b]: 1}\n'],
    ['a double-quoted scalar continued after an escaped line break', 'a: "x\\\n  y"\n'],
    ['a single-quoted scalar over two lines', "a: 'x\n  y'\n"],
    ['a flow collection over two lines', 'a: [b,\n  c]\n'],
    ['an empty entry of a nested sequence', '- -\n- a\n'],
  ])('%s is left to the exact reader, whose values parseDocuments returns', (_name, text) => {
    expect(readYamlFast(text)).toBeUndefined();
    const exact = readYamlExact(text);
    expect(parseDocuments(text, 'f.yaml').map((document) => document.value)).toStrictEqual(exact.values);
  });

  test('merge keys and tags are read as kubectl reads them', () => {
    expect(parseDocuments('a: &x {b: 1, c: yes}\nd:\n  <<: *x\n  c: 0o17\n', 'f.yaml')[0].value).toStrictEqual({ a: { b: 1, c: true }, d: { b: 1, c: 15 } });
    expect(parseDocuments('a: !!str 0755\nb: 0755\nt: 12:30:00\n', 'f.yaml')[0].value).toStrictEqual({ a: '0755', b: 493, t: '12:30:00' });
  });

  test('text js-yaml refuses is left to the exact reader, which words the error', () => {
    expect(readYamlFast('a: 1\na: 2\n')).toBeUndefined();
    expect(() => parseDocuments('x: 1\n---\na: 1\na: 2\n', 'f.yaml')).toThrow('f.yaml: document 1: not valid YAML: Map keys must be unique at line 4, column 1');
  });
});

test('a block scalar ends at the first line indented less than its body, so a quoted scalar after it is seen', () => {
  // Found by the differential property: the header sits in `- - 'a': |`, and the key after
  // the body is indented deeper than that line but less than the body.
  expectSameReading("- - 'a': |\n      x\n    '1e3':\n      - 'two\nlines'\n");
});
