import * as fs from 'fs';
import * as path from 'path';

/**
 * The README's "Setting up a project" section is what `npm run test:package` builds and checks:
 * the same files (test/package/consumer), the same packages at the lock file's versions, the same
 * cdk8s-plus lines. This keeps the README true without running the package test.
 */
const repo = path.resolve(__dirname, '../..');
const readme = fs.readFileSync(path.join(repo, 'README.md'), 'utf8');
const runScript = fs.readFileSync(path.join(repo, 'test/package/run.sh'), 'utf8');
const consumer = (file: string): string => fs.readFileSync(path.join(repo, 'test/package/consumer', file), 'utf8');
const lock = JSON.parse(fs.readFileSync(path.join(repo, 'package-lock.json'), 'utf8')) as { packages: Record<string, { version: string }> };
const { version } = JSON.parse(fs.readFileSync(path.join(repo, 'package.json'), 'utf8')) as { version: string };

const section = (() => {
  const start = readme.indexOf('## Setting up a project\n');
  const end = readme.indexOf('\n## ', start + 1);
  if (start < 0 || end < 0) {
    throw new Error('README.md has no "## Setting up a project" section');
  }
  return readme.slice(start, end);
})();

/** The fenced block right after the bold file name `**`name`**` in the section. */
function blockAfter(name: string): string {
  const heading = section.indexOf(`**\`${name}\`**`);
  const match = heading < 0 ? null : /```[a-z]*\n([\s\S]*?)```/.exec(section.slice(heading));
  if (!match) {
    throw new Error(`the setup section has no code block after **\`${name}\`**`);
  }
  return match[1];
}

function locked(name: string): string {
  return lock.packages[`node_modules/${name}`].version;
}

/** `name@version` arguments of the section's `npm install` lines. */
function readmePackages(): Map<string, string> {
  const packages = new Map<string, string>();
  for (const line of section.split('\n').filter((text) => text.startsWith('npm install '))) {
    for (const argument of line.split(/\s+/).filter((word) => /^(@[^/\s]+\/)?[a-z0-9.-]+@\d/.test(word))) {
      const at = argument.lastIndexOf('@');
      packages.set(argument.slice(0, at), argument.slice(at + 1));
    }
  }
  return packages;
}

test('the setup files are the consumer project of the package test', () => {
  expect(blockAfter('tsconfig.json')).toBe(consumer('tsconfig.json'));
  expect(blockAfter('jest.config.js')).toBe(consumer('jest.config.js'));
  expect(blockAfter('cdk8s.yaml')).toBe(consumer('cdk8s.yaml').replace('__VERSION__', version));
});

test('the install lines name the packages the package test installs, at the lock file versions', () => {
  const installed = /for name in ([^;]+); do/.exec(runScript)?.[1].split(/\s+/).map((name) => name.replace('"$plus"', 'cdk8s-plus-33'));
  expect(installed).toBeDefined();
  const packages = readmePackages();
  expect([...packages.keys()].sort()).toEqual([...(installed ?? [])].sort());
  for (const [name, given] of packages) {
    expect(`${name}@${given}`).toBe(`${name}@${locked(name)}`);
  }
  expect(section).toContain(`\`cdk8s-plus-28@${locked('cdk8s-plus-28')}\``);
  expect(locked('typescript')).toMatch(/^5\./);
});

test('the package test runs both cdk8s-plus lines the README names', () => {
  expect(runScript).toContain('PLUS_LINES:-cdk8s-plus-28 cdk8s-plus-33');
  expect(section).toContain('once with cdk8s-plus-28 and once with cdk8s-plus-33');
});
