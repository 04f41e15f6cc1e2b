import { ALL_PORTS, portRangeSet, unionPortSets } from '../../lib/analysis/port-set';
import { ReachResult } from '../../lib/analysis/types';
import {
  MATRIX_LIMIT,
  renderPortMatrixJson,
  renderPortMatrixMarkdown,
  renderPortMatrixText,
  renderReachJson,
  renderReachMarkdown,
  renderReachSummary,
  renderReachText,
} from '../../lib/report';

const small: ReachResult = {
  port: 80,
  protocol: 'TCP',
  endpoints: ['x/a', 'x/b', 'y/a'],
  allowed: [
    ['x/a', 'x/a'],
    ['x/a', 'y/a'],
    ['x/b', 'x/a'],
  ],
};

describe('reach renderers', () => {
  test('text is an e2e-style truth table for small sets: rows from, columns to', () => {
    expect(renderReachText(small)).toBe(
      [
        'from\\to TCP/80  x/a  x/b  y/a',
        'x/a             .    X    .',
        'x/b             .    X    X',
        'y/a             X    X    X',
        'legend: . allowed, X denied; rows are sources (from), columns destinations (to)',
        '3 of 9 ordered pairs allowed on TCP/80',
        '',
      ].join('\n'),
    );
  });

  test('text lists allowed pairs when the set is too large for a matrix', () => {
    const endpoints = Array.from({ length: MATRIX_LIMIT + 1 }, (_, i) => `ns/e${String(i).padStart(2, '0')}`);
    const result: ReachResult = { port: 53, protocol: 'UDP', endpoints, allowed: [['ns/e00', 'ns/e16']] };
    const text = renderReachText(result);
    expect(text).toBe(`FROM        TO\nns/e00  ->  ns/e16\n1 of ${17 * 17} ordered pairs allowed on UDP/53\n`);
  });

  test('json has exactly port, protocol, endpoints and allowed', () => {
    expect(JSON.parse(renderReachJson(small))).toEqual({
      port: 80,
      protocol: 'TCP',
      endpoints: ['x/a', 'x/b', 'y/a'],
      allowed: [
        ['x/a', 'x/a'],
        ['x/a', 'y/a'],
        ['x/b', 'x/a'],
      ],
    });
  });

  test('summary counts endpoints and allowed pairs', () => {
    expect(JSON.parse(renderReachSummary(small))).toEqual({ endpoints: 3, allowed: 3 });
  });

  test('markdown lists allowed pairs in a table', () => {
    expect(renderReachMarkdown(small)).toBe(
      '| From | To |\n| --- | --- |\n| `x/a` | `x/a` |\n| `x/a` | `y/a` |\n| `x/b` | `x/a` |\n\n3 of 9 ordered pairs allowed on TCP/80.\n',
    );
  });
});

describe('port matrix renderers', () => {
  const endpoints = ['prod/api', 'prod/db'];
  const flows = [
    { from: 'prod/api', to: 'prod/db', ports: unionPortSets(portRangeSet('TCP', 5432), portRangeSet('UDP', 53)) },
    { from: 'prod/db', to: 'prod/api', ports: portRangeSet('TCP', 1000, 2000) },
    { from: 'prod/db', to: 'prod/db', ports: ALL_PORTS },
  ];

  test('text names the allowed ports of every pair that allows something', () => {
    const text = renderPortMatrixText(endpoints, flows);
    const lines = text.split('\n');
    expect(lines[0]).toMatch(/^FROM\s+TO\s+ALLOWED$/);
    expect(lines[1]).toMatch(/^prod\/api\s+prod\/db\s+TCP 5432, UDP 53$/);
    expect(lines[2]).toMatch(/^prod\/db\s+prod\/api\s+TCP 1000-2000$/);
    expect(lines[3]).toMatch(/^prod\/db\s+prod\/db\s+all$/);
    expect(lines[4]).toBe('3 of 4 ordered pairs allow some traffic; pairs not listed allow nothing');
  });

  test('json carries readable ports and exact ranges', () => {
    const data = JSON.parse(renderPortMatrixJson(endpoints, flows));
    expect(data.endpoints).toEqual(endpoints);
    expect(data.allowed[0]).toEqual({
      from: 'prod/api',
      to: 'prod/db',
      ports: 'TCP 5432, UDP 53',
      ranges: { TCP: [{ from: 5432, to: 5432 }], UDP: [{ from: 53, to: 53 }], SCTP: [] },
    });
  });

  test('markdown has one row per pair', () => {
    const markdown = renderPortMatrixMarkdown(endpoints, flows);
    expect(markdown.split('\n').slice(0, 4)).toEqual([
      '| From | To | Allowed ports |',
      '| --- | --- | --- |',
      '| `prod/api` | `prod/db` | TCP 5432, UDP 53 |',
      '| `prod/db` | `prod/api` | TCP 1000-2000 |',
    ]);
  });

  test('an empty matrix still says what it means', () => {
    expect(renderPortMatrixText(endpoints, [])).toBe('0 of 4 ordered pairs allow some traffic; pairs not listed allow nothing\n');
    expect(renderPortMatrixMarkdown([], [])).toBe('0 of 0 ordered pairs allow some traffic; pairs not listed allow nothing.\n');
  });
});
