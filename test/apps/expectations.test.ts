import * as path from 'path';
import { Testing } from 'cdk8s';
import { defineEstate } from '../../apps/estate';
import { runCli } from '../cli/run-cli';

/** apps/expectations.yaml is the example app's contract: docs/expectations.md shows this run. */
test('the example app meets apps/expectations.yaml', async () => {
  const app = Testing.app();
  defineEstate(app);
  app.synth();
  const result = await runCli(['test', app.outdir, '--expect', path.join(__dirname, '..', '..', 'apps', 'expectations.yaml')]);
  expect(result.stderr).toContain('7 expectations: 7 passed, 0 failed');
  expect(result.code).toBe(0);
});
