import * as path from 'path';
import { Violation, layeringViolations, readTree } from './layering';

function tree(files: Record<string, string>): Map<string, string> {
  return new Map(Object.entries(files));
}

function rules(violations: readonly Violation[]): string[] {
  return violations.map((violation) => `${violation.file} ${violation.rule} ${violation.specifier}`);
}

describe('the layering of lib/', () => {
  const violations = layeringViolations(readTree(path.join(__dirname, '..', '..', 'lib')));

  it('has no upward, sideways or forbidden import, and none past an index.ts', () => {
    expect(rules(violations)).toEqual([]);
  });
});

describe('layeringViolations', () => {
  const base = {
    'index.ts': "export { Chart } from './constructs';",
    'model/index.ts': "export * from './selector';",
    'model/selector.ts': 'export const selector = 1;',
    'analysis/index.ts': "import { selector } from '../model';\nexport const analyzer = selector;",
    'report/index.ts': "import type { analyzer } from '../analysis';\nexport const render = 1;",
    'constructs/index.ts': "export const Chart = 1;",
    'cli/main.ts': "export async function run() { return import('../report'); }",
  };

  it('accepts imports that point down through an index.ts', () => {
    expect(layeringViolations(tree(base))).toEqual([]);
  });

  it('reports an upward import, static, dynamic or type-only', () => {
    const upward = tree({
      ...base,
      'model/selector.ts': "import { render } from '../report';\nexport const selector = render;",
      'analysis/index.ts': "export async function later() { return import('../cli/main'); }",
      'constructs/index.ts': "export type Chart = import('../report').Render;",
    });
    expect(rules(layeringViolations(upward))).toEqual([
      'model/selector.ts upward ../report',
      'analysis/index.ts upward ../cli/main',
      'analysis/index.ts past-index ../cli/main',
      'constructs/index.ts upward ../report',
    ]);
  });

  it('reports a sideways import between rooms of one layer, and analysis importing manifests', () => {
    const sideways = tree({
      ...base,
      'manifests/index.ts': 'export const read = 1;',
      'testing/index.ts': "export { run } from '../cli/main';",
      'analysis/index.ts': "import { read } from '../manifests';\nexport const analyzer = read;",
    });
    const found = layeringViolations(sideways);
    expect(rules(found)).toEqual(['analysis/index.ts forbidden ../manifests', 'testing/index.ts upward ../cli/main', 'testing/index.ts past-index ../cli/main']);
    expect(found[0].message).toBe('analysis must not import manifests: the engine does not know how manifests are read');
  });

  it('lets public surfaces build on lower ones', () => {
    const surfaces = tree({
      ...base,
      'model/public-api.ts': "export { selector } from './index';",
      'analysis/public-api.ts': "export * from '../model/public-api';\nexport { analyzer } from './index';",
      // The package's index entries (the root and /testing) are public surfaces as well.
      'constructs/public-api.ts': "export { Chart } from './index';",
      'index.ts': "export * from './constructs/public-api';",
      'testing/index.ts': "export type * from '../constructs/public-api';",
    });
    expect(layeringViolations(surfaces)).toEqual([]);
  });

  it('reports an import past an index.ts, and room code importing a public surface', () => {
    const past = tree({
      ...base,
      'analysis/index.ts': "import { selector } from '../model/selector';\nexport const analyzer = selector;",
      'analysis/public-api.ts': "export { analyzer } from './index';",
      'report/index.ts': "import '../analysis/public-api';",
    });
    expect(rules(layeringViolations(past))).toEqual(['analysis/index.ts past-index ../model/selector', 'report/index.ts public-entry ../analysis/public-api']);
  });

  it('reports a folder that is not a room', () => {
    expect(rules(layeringViolations(tree({ ...base, 'helpers/util.ts': 'export {};' })))).toEqual(['helpers/util.ts unknown-room ']);
  });
});
