import { promises as fs } from 'fs';
import * as path from 'path';
import { loadManifests } from '../../lib/manifests';
import { useTempDir } from '../manifests/temp-dir';
import { runCli } from './run-cli';

const scratch = useTempDir('netpol-input-paths-');

/** A Pod and a policy that selects no workload of the inputs: `validate` warns about it, naming its file. */
const LONELY_POLICY =
  'apiVersion: v1\nkind: Pod\nmetadata: {name: web, namespace: shop, labels: {app: web}}\n---\n' +
  'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: lonely, namespace: shop}\nspec:\n  podSelector: {matchLabels: {app: nobody}}\n';

async function estateDir(name: string): Promise<{ dir: string; file: string }> {
  const dir = path.join(scratch(), name);
  await fs.mkdir(dir);
  const file = path.join(dir, 'policy.yaml');
  await fs.writeFile(file, LONELY_POLICY);
  return { dir, file };
}

describe('a path named twice is read once, by its real path', () => {
  test.each([
    ['the same file twice', async ({ file }: { dir: string; file: string }) => [file, file]],
    ['the same directory twice', async ({ dir }: { dir: string; file: string }) => [dir, dir]],
    ['a file and the directory holding it', async ({ dir, file }: { dir: string; file: string }) => [file, dir]],
    [
      'a file and a symbolic link to it',
      async ({ dir, file }: { dir: string; file: string }) => {
        const link = path.join(path.dirname(dir), `${path.basename(dir)}-link.yaml`);
        await fs.symlink(file, link);
        return [file, link];
      },
    ],
    [
      'a directory and a symbolic link to it',
      async ({ dir }: { dir: string; file: string }) => {
        const link = `${dir}-link`;
        await fs.symlink(dir, link);
        return [dir, link];
      },
    ],
  ])('%s', async (name, pathsOf) => {
    const estate = await estateDir(name.replace(/\W+/g, '-'));
    const paths = await pathsOf(estate);
    const once = await runCli(['validate', estate.file, '--format', 'json']);
    const twice = await runCli(['validate', ...paths, '--format', 'json']);
    expect(twice.stderr).toBe('');
    expect(twice.code).toBe(once.code);
    expect(twice.stdout).toBe(once.stdout);
    expect((await loadManifests(paths)).objects).toHaveLength(2);
  });
});

describe('file names that are not UTF-8 or hold control characters', () => {
  test('a file of a directory with a name that is not UTF-8 is read, and named with the byte escaped', async () => {
    const dir = path.join(scratch(), 'latin1');
    await fs.mkdir(dir);
    // "café.yaml" in Latin-1: 0xe9 alone is not UTF-8.
    await fs.writeFile(Buffer.concat([Buffer.from(`${dir}/caf`), Buffer.from([0xe9]), Buffer.from('.yaml')]), LONELY_POLICY);
    const loaded = await loadManifests([dir]);
    expect(loaded.files).toEqual([path.join(dir, 'caf\\xe9.yaml')]);
    expect(loaded.objects.map((object) => object.source.file)).toEqual([path.join(dir, 'caf\\xe9.yaml'), path.join(dir, 'caf\\xe9.yaml')]);
    const result = await runCli(['validate', dir]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`${path.join(dir, 'caf\\xe9.yaml')}: NetworkPolicy shop/lonely`);
  });

  test('UTF-8 names are shown as they are; control characters in a name are escaped', async () => {
    const dir = path.join(scratch(), 'names');
    await fs.mkdir(dir);
    await fs.writeFile(path.join(dir, 'café.yaml'), LONELY_POLICY.replace('lonely', 'one').replace('web', 'web-1'));
    await fs.writeFile(path.join(dir, 'evil\x1b[2J.yaml'), LONELY_POLICY.replace('lonely', 'two').replace('web', 'web-2'));
    const loaded = await loadManifests([dir]);
    expect(loaded.files).toEqual([path.join(dir, 'café.yaml'), path.join(dir, 'evil\\x1b[2J.yaml')]);
    expect(loaded.objects).toHaveLength(4);
  });
});
