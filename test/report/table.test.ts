import { renderTextTable } from '../../lib/report';

describe('renderTextTable', () => {
  test('pads every column to its widest cell and trims line ends', () => {
    expect(renderTextTable(['FROM', 'TO'], [['a/web', 'b/db'], ['a/x', 'b/postgres']])).toBe(
      'FROM   TO\na/web  b/db\na/x    b/postgres\n',
    );
  });

  test('takes an estate-sized listing (more rows than a call can take as arguments)', () => {
    const rows = Array.from({ length: 200_000 }, (_, i) => [`ns/pod-${i}`, 'TCP 80']);
    const text = renderTextTable(['FROM', 'ALLOWED'], rows);
    expect(text.split('\n')[0]).toBe(`FROM${' '.repeat('ns/pod-199999'.length - 4 + 2)}ALLOWED`);
    expect(text.split('\n')).toHaveLength(200_002);
  });
});
