import { FieldPositions } from '../../lib/manifests';

describe('FieldPositions', () => {
  const text = [
    'apiVersion: networking.k8s.io/v1', // 1
    'kind: NetworkPolicy',
    'metadata: {name: a, namespace: shop}',
    'spec:',
    '  podSelector: {}', // 5
    '  ingress:',
    '    - ports:',
    '        - port: 70000',
    '---',
    '', // 10: an empty document takes an index
    '---',
    'apiVersion: v1',
    'kind: List',
    'items:',
    '  - kind: Pod', // 15
    '    metadata: {name: p}',
    '  - kind: List',
    '    items:',
    '      - kind: Pod',
    '        metadata: {name: q, labels: &l {app: x}}', // 20
    '        spec: {containers: *l}',
  ].join('\n');
  const positions = new FieldPositions(text);

  test('finds the key of a field, the start of a list item, and the object for the root path', () => {
    expect(positions.find(0, 'spec.ingress[0].ports[0].port')).toEqual({ line: 8, column: 11 });
    expect(positions.find(0, 'spec.ingress[0]')).toEqual({ line: 7, column: 7 });
    expect(positions.find(0, 'metadata.namespace')).toEqual({ line: 3, column: 21 });
    expect(positions.find(0, '')).toEqual({ line: 1, column: 1 });
  });

  test('a field the document does not write points at the nearest enclosing one', () => {
    expect(positions.find(0, 'spec.policyTypes')).toEqual({ line: 4, column: 1 });
    expect(positions.find(0, 'spec.ingress[3].from')).toEqual({ line: 6, column: 3 });
  });

  test('counts documents as parseDocuments does: empty ones take an index, lists (nested too) one per item', () => {
    expect(positions.find(2, 'metadata.name')).toEqual({ line: 16, column: 16 });
    expect(positions.find(3, 'metadata.labels')).toEqual({ line: 20, column: 29 });
    expect(positions.find(3, 'spec.containers.app')).toEqual({ line: 20, column: 41 });
    expect(positions.find(4, '')).toBeUndefined();
  });

  test('JSON input has positions too; unreadable text has none', () => {
    const json = new FieldPositions('{\n  "kind": "NetworkPolicy",\n  "spec": {"podSelector": {}}\n}\n');
    expect(json.find(0, 'spec.podSelector')).toEqual({ line: 3, column: 12 });
    expect(new FieldPositions('a: [\n').find(0, 'a')).toBeUndefined();
  });
});
