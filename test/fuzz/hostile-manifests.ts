/**
 * fast-check generators of hostile manifests, bounded in size so a run takes seconds: valid
 * objects of every kind netpol reads with parts replaced by hostile values (nulls where objects
 * go, wrong types, huge numbers, odd strings and unicode, deep nesting, shared subtrees written
 * as aliases), and YAML text cut and spliced with fragments that stress the parser.
 */
import fc from 'fast-check';
import { stringify } from 'yaml';
import { clusterArb, tieredClusterArb } from '../analysis/arbitrary-cluster';
import { clusterObjects } from './cluster-manifests';

/** Objects of the kinds the cluster generator does not write. */
const OTHER_OBJECTS: readonly unknown[] = [
  { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'alpha' }, spec: { selector: { app: 'a' }, ports: [{ port: 80, targetPort: 'http' }] } },
  { apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'db', namespace: 'alpha' }, spec: { replicas: 2, ordinals: { start: 1 }, template: { metadata: { labels: { app: 'db' } }, spec: { containers: [{ name: 'c', ports: [{ containerPort: 5432 }] }] } } } },
  { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'beta' }, spec: { template: { metadata: { labels: { app: 'web' } }, spec: { hostNetwork: false, containers: [{ name: 'c' }] } } } },
  { apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'agent', namespace: 'beta', generation: 3 }, spec: { template: { metadata: { labels: { app: 'agent' } }, spec: { hostNetwork: true } } } },
  { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'migrate', namespace: 'alpha' }, spec: { completionMode: 'Indexed', template: { metadata: { labels: { app: 'm' } } } } },
  { apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'report', namespace: 'alpha' }, spec: { schedule: '* * * * *', jobTemplate: { spec: { template: { metadata: { labels: { app: 'r' } } } } } } },
  { apiVersion: 'v1', kind: 'PodList', items: [{ metadata: { name: 'p', namespace: 'alpha', labels: { app: 'p' } }, status: { podIP: '10.0.0.9' } }] },
  { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: 'in', namespace: 'alpha' }, spec: { rules: [{ http: { paths: [{ backend: { service: { name: 'web', port: { number: 80 } } } }] } }] } },
];

/** Strings that have broken parsers, terminals and renderers. */
const ODD_STRINGS = [
  '',
  ' ',
  '-',
  '*',
  '~',
  'null',
  'true',
  'NaN',
  '0x10',
  '1e400',
  '09',
  '---',
  '...',
  '&a',
  '*a',
  '!!binary',
  '<<',
  'a\u0000b',
  '\u001b]0;x\u0007',
  '\r\n',
  '\t',
  '\u202e\u200b\ufeff',
  'ü-ñ',
  '名前',
  '😀',
  '\ud800',
  'a'.repeat(300),
  'x/y',
  'kubernetes.io/metadata.name',
  '`|<>&"\'',
];

/** Numbers at and beyond the edges of every range the schemas have. */
const ODD_NUMBERS = [0, -0, -1, 1, 65535, 65536, 1000, 1001, 2 ** 31, 2 ** 53 + 2, -(2 ** 53), 1.5, 1e308, -1e308, Number.MAX_VALUE, Number.MIN_VALUE, Infinity, -Infinity, NaN];

const leafArb: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.constantFrom(...ODD_NUMBERS),
  fc.integer(),
  fc.double(),
  fc.constantFrom(...ODD_STRINGS),
  fc.string({ maxLength: 12, unit: 'binary' }),
  fc.string({ maxLength: 12, unit: 'grapheme' }),
);

/** A random value of bounded size: leaves, lists and mappings, at most 4 deep. */
const jsonishArb: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small', maxDepth: 4 }, leafArb, tie('list'), tie('map')),
  list: fc.array(tie('value'), { maxLength: 4 }),
  map: fc.dictionary(fc.oneof(fc.constantFrom(...ODD_STRINGS), fc.string({ maxLength: 8 })), tie('value'), { maxKeys: 4 }),
})).value;

/** A list or a mapping nested `depth` deep (bounded: the limit on nesting is not this suite's). */
const deepArb: fc.Arbitrary<unknown> = fc
  .tuple(fc.integer({ min: 10, max: 60 }), fc.boolean())
  .map(([depth, lists]) => Array.from({ length: depth }).reduce<unknown>((inner) => (lists ? [inner] : { a: inner }), null));

/** What replaces a part of an object. */
const hostileValueArb: fc.Arbitrary<unknown> = fc.oneof(
  { arbitrary: leafArb, weight: 6 },
  { arbitrary: jsonishArb, weight: 3 },
  { arbitrary: fc.constantFrom([], {}, [null], [[]], [{}], { '': null }), weight: 2 },
  { arbitrary: deepArb, weight: 1 },
);

/** A change to an object: at the `at`-th of its parts, replace it, remove it, or add a key beside it. */
type Mutation =
  | { readonly kind: 'replace'; readonly at: number; readonly value: unknown }
  | { readonly kind: 'remove'; readonly at: number }
  | { readonly kind: 'add'; readonly at: number; readonly key: string; readonly value: unknown }
  | { readonly kind: 'share'; readonly at: number; readonly from: number };

const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  { arbitrary: fc.record({ kind: fc.constant('replace' as const), at: fc.nat(), value: hostileValueArb }), weight: 6 },
  { arbitrary: fc.record({ kind: fc.constant('remove' as const), at: fc.nat() }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant('add' as const), at: fc.nat(), key: fc.constantFrom(...ODD_STRINGS, 'spec', 'metadata', 'items', 'kind'), value: hostileValueArb }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant('share' as const), at: fc.nat(), from: fc.nat() }), weight: 1 },
);

type Container = Record<string, unknown> | unknown[];

/** Every (container, key) slot of `root`, depth first. */
function slots(root: unknown): Array<[Container, string | number]> {
  const found: Array<[Container, string | number]> = [];
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) {
      value.forEach((item, index) => {
        found.push([value, index]);
        visit(item);
      });
    } else if (typeof value === 'object' && value !== null) {
      for (const [key, item] of Object.entries(value)) {
        found.push([value as Record<string, unknown>, key]);
        visit(item);
      }
    }
  };
  visit(root);
  return found;
}

function applyMutation(root: unknown, mutation: Mutation): void {
  const all = slots(root);
  if (all.length === 0) {
    return;
  }
  const [container, key] = all[mutation.at % all.length];
  const set = (value: unknown) => ((container as Record<string | number, unknown>)[key] = value);
  switch (mutation.kind) {
    case 'replace':
      set(mutation.value);
      break;
    case 'remove':
      if (Array.isArray(container)) {
        container.splice(key as number, 1);
      } else {
        delete container[key as string];
      }
      break;
    case 'add':
      if (!Array.isArray(container)) {
        container[mutation.key] = mutation.value;
      } else {
        container.push(mutation.value);
      }
      break;
    case 'share': {
      // The same subtree in two places: yaml writes the second as an alias (unless it would recurse).
      const [source, sourceKey] = all[mutation.from % all.length];
      const shared = (source as Record<string | number, unknown>)[sourceKey];
      if (!slots(shared).some(([inner]) => inner === container)) {
        set(shared);
      }
      break;
    }
  }
}

/** A few objects, each a deep copy of a valid one: policies, workloads, namespaces, lists. */
const baseObjectsArb: fc.Arbitrary<unknown[]> = fc
  .tuple(fc.oneof(clusterArb, tieredClusterArb), fc.subarray([...OTHER_OBJECTS], { maxLength: 3 }))
  .map(([cluster, others]) => structuredClone([...clusterObjects(cluster), ...others].slice(0, 12)));

/** Valid objects with 1 to 6 hostile changes, written as YAML (aliases where subtrees are shared) or JSON. */
export const hostileObjectsTextArb: fc.Arbitrary<string> = fc
  .tuple(baseObjectsArb, fc.array(mutationArb, { minLength: 1, maxLength: 6 }), fc.constantFrom('yaml', 'yaml-one-list', 'json'))
  .map(([objects, mutations, spelling]) => {
    const root: unknown[] = objects;
    mutations.forEach((mutation) => applyMutation(root, mutation));
    if (spelling === 'json') {
      // JSON.stringify writes NaN and Infinity as null, and a shared subtree twice. Documents are
      // separated by `---`: kubectl also reads JSON objects one after another (apimachinery's
      // YAMLOrJSONDecoder), which netpol refuses as "not valid YAML" (reported, not this suite's).
      return root.map((object) => JSON.stringify(object) ?? 'null').join('\n---\n');
    }
    const yaml = (value: unknown) => stringify(value, { aliasDuplicateObjects: true, lineWidth: 0 });
    return spelling === 'yaml' ? root.map(yaml).join('---\n') : yaml({ apiVersion: 'v1', kind: 'List', items: root });
  });

/** Pieces of YAML syntax that have tripped parsers: anchors, aliases, tags, merges, odd scalars, broken flow. */
const YAML_FRAGMENTS = [
  '---\n',
  '...\n',
  '--- !!map\n',
  '&a ',
  '*a',
  '&a [*a]\n',
  '<<: *a\n',
  '<<: [*a, *a]\n',
  '!!binary aGVsbG8=',
  '!!float 1',
  '!!int "x"',
  '!!str ',
  '!!set {a, b}\n',
  '!!omap [a: 1]\n',
  '!custom x',
  '%YAML 1.1\n---\n',
  '%TAG ! tag:x,2000:\n---\n',
  '? [a, b]\n: c\n',
  '{',
  '}',
  '[',
  ']',
  ',',
  ': ',
  '- ',
  '  ',
  '\t',
  '\n',
  '\r\n',
  '# comment\n',
  '"unterminated',
  "'it''s'",
  '|\n  text\n',
  '>-\n  folded\n',
  '~',
  '.inf',
  '-.nan',
  '0o17',
  '0x1F',
  '1_000',
  '2001-12-14t21:59:43.10-05:00',
  'yes',
  'on',
  '\ufeff',
  '\u0000',
  '\u2028',
  'kind: ',
  'apiVersion: v1\n',
  'metadata: {name: x}\n',
  'spec:\n',
  'items:\n',
];

const fragmentArb = fc.oneof(fc.constantFrom(...YAML_FRAGMENTS), fc.string({ maxLength: 6 }));

/** YAML text: a valid manifest stream with fragments spliced in and ranges cut out. */
export const hostileYamlTextArb: fc.Arbitrary<string> = fc
  .tuple(
    baseObjectsArb.map((objects) => objects.map((object) => stringify(object)).join('---\n')),
    fc.array(fc.tuple(fc.nat(), fc.oneof(fragmentArb, fc.nat({ max: 40 }))), { minLength: 1, maxLength: 8 }),
  )
  .map(([text, edits]) =>
    edits.reduce((current, [at, edit]) => {
      const offset = current.length === 0 ? 0 : at % (current.length + 1);
      return typeof edit === 'string' ? current.slice(0, offset) + edit + current.slice(offset) : current.slice(0, offset) + current.slice(offset + edit);
    }, text),
  );

/** Many small documents: empty ones, comments, scalars, bare separators (bounded to a few hundred). */
export const manyDocumentsTextArb: fc.Arbitrary<string> = fc
  .array(fc.constantFrom('', '# c', 'x', '~', '[]', '{}', 'kind: Pod', 'apiVersion: v1\nkind: Namespace\nmetadata: {name: n}', '...'), { minLength: 50, maxLength: 300 })
  .map((documents) => documents.join('\n---\n'));
