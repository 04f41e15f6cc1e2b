import type { PortMatrixEntry } from '../../lib/analysis/analyzer';
import { diffPortMatrices } from '../../lib/analysis/diff';
import { ALL_PORTS, portRangeSet, unionPortSets } from '../../lib/analysis/port-set';
import { renderDiffJson, renderDiffMarkdown, renderDiffText } from '../../lib/report';

const before: PortMatrixEntry[] = [
  { from: 'p/api', to: 'p/db', ports: portRangeSet('TCP', 5000, 6000) },
  { from: 'p/web', to: 'p/api', ports: portRangeSet('TCP', 8080) },
  { from: 'p/db', to: 'p/db', ports: ALL_PORTS },
];
const after: PortMatrixEntry[] = [
  { from: 'p/web', to: 'p/api', ports: portRangeSet('TCP', 8080) },
  { from: 'p/api', to: 'p/db', ports: unionPortSets(portRangeSet('TCP', 5432), portRangeSet('UDP', 53)) },
  { from: 'p/db', to: 'p/db', ports: ALL_PORTS },
];

describe('diffPortMatrices', () => {
  const diff = diffPortMatrices(before, after);

  test('added holds only newly allowed ports, removed only ports no longer allowed', () => {
    expect(diff.added).toEqual([{ from: 'p/api', to: 'p/db', ports: portRangeSet('UDP', 53) }]);
    expect(diff.removed).toEqual([
      { from: 'p/api', to: 'p/db', ports: unionPortSets(portRangeSet('TCP', 5000, 5431), portRangeSet('TCP', 5433, 6000)) },
    ]);
  });

  test('a pair missing on one side allows nothing there', () => {
    const gone = diffPortMatrices(before, []);
    expect(gone.added).toEqual([]);
    expect(gone.removed.map((flow) => `${flow.from}>${flow.to}`)).toEqual(['p/api>p/db', 'p/db>p/db', 'p/web>p/api']);
    expect(diffPortMatrices([], before).added).toHaveLength(3);
  });

  test('identical matrices differ in nothing', () => {
    expect(diffPortMatrices(after, after)).toEqual({ added: [], removed: [] });
  });

  test('cutting the middle and both ends out of a protocol', () => {
    const wide = [{ from: 'a/a', to: 'a/b', ports: ALL_PORTS }];
    const narrow = [{ from: 'a/a', to: 'a/b', ports: unionPortSets(portRangeSet('TCP', 1), portRangeSet('TCP', 443), portRangeSet('TCP', 65535)) }];
    const { removed } = diffPortMatrices(wide, narrow);
    expect(removed[0].ports.TCP).toEqual([
      { from: 2, to: 442 },
      { from: 444, to: 65534 },
    ]);
    expect(removed[0].ports.UDP).toEqual([{ from: 1, to: 65535 }]);
  });
});

describe('diff renderers', () => {
  const diff = diffPortMatrices(before, after);

  test('text marks added with + and removed with -', () => {
    const lines = renderDiffText(diff).split('\n');
    expect(lines[1]).toMatch(/^\+\s+p\/api\s+->\s+p\/db\s+UDP 53$/);
    expect(lines[2]).toMatch(/^-\s+p\/api\s+->\s+p\/db\s+TCP 5000-5431, TCP 5433-6000$/);
    expect(lines[3]).toBe('1 flows added, 1 removed');
  });

  test('text says so when nothing changed', () => {
    expect(renderDiffText({ added: [], removed: [] })).toBe('no change in allowed traffic\n0 flows added, 0 removed\n');
  });

  test('json lists added and removed flows', () => {
    const data = JSON.parse(renderDiffJson(diff));
    expect(data.added).toEqual([{ from: 'p/api', to: 'p/db', ports: 'UDP 53', ranges: portRangeSet('UDP', 53) }]);
    expect(data.removed[0].ports).toBe('TCP 5000-5431, TCP 5433-6000');
  });

  test('markdown has an added and a removed section', () => {
    expect(renderDiffMarkdown(diff)).toBe(
      [
        '### Added flows (1)',
        '',
        '| From | To | Ports |',
        '| --- | --- | --- |',
        '| `p/api` | `p/db` | UDP 53 |',
        '',
        '### Removed flows (1)',
        '',
        '| From | To | Ports |',
        '| --- | --- | --- |',
        '| `p/api` | `p/db` | TCP 5000-5431, TCP 5433-6000 |',
        '',
      ].join('\n'),
    );
  });
});
