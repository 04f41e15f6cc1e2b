import { Testing } from 'cdk8s';
import { AllowFrom, NamespacePolicyChart, Workload, synthesize } from '../../lib';
import { captureWarnings } from './synth-helpers';

/** Runs synthesize with stderr captured, and restores process.exitCode. */
function run(app: Parameters<typeof synthesize>[0]): { ok: boolean; stderr: string; exitCode: typeof process.exitCode } {
  const before = process.exitCode;
  let ok = false;
  let exitCode: typeof process.exitCode;
  const stderr = captureWarnings(() => {
    ok = synthesize(app);
    exitCode = process.exitCode;
  }).join('');
  process.exitCode = before;
  return { ok, stderr, exitCode };
}

describe('synthesize', () => {
  test('a valid app synthesizes, prints nothing and leaves the exit code alone', () => {
    const app = Testing.app();
    new NamespacePolicyChart(app, 'shop', { namespace: 'shop', baseline: true });
    expect(run(app)).toEqual({ ok: true, stderr: '', exitCode: undefined });
  });

  test('what a construct refuses when it is created prints once, without a stack, with exit code 1', () => {
    const result = run(() => {
      const app = Testing.app();
      new AllowFrom(new NamespacePolicyChart(app, 'shop', { namespace: 'shop' }), 'Bad_Id', { pods: Workload.all(), from: Workload.all() });
      return app;
    });
    expect(result.ok).toBe(false);
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toMatch(/^\[shop\/Bad_Id\] metadata\.name: Invalid value: "Bad_Id": the construct id is the policy's metadata\.name/);
    expect(result.stderr).not.toMatch(/^\s+at /m);
  });

  test('a bug in the program keeps its stack', () => {
    const result = run(() => {
      throw new TypeError('cannot read properties of undefined');
    });
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toMatch(/^TypeError: cannot read properties of undefined\n\s+at /);
  });
});
