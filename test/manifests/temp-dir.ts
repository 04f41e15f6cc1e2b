import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';

/**
 * A scratch directory for the tests of one file: made before they run, removed after.
 * Returns a function giving its path (known only once the tests start).
 */
export function useTempDir(prefix: string): () => string {
  let dir = '';
  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), prefix));
  });
  afterAll(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });
  return () => dir;
}
