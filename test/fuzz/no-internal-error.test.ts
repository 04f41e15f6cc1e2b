import fc from 'fast-check';
import { Readable } from 'stream';
import { Analyzer } from '../../lib/analysis';
import { buildClusterModel, loadManifests, ManifestError } from '../../lib/manifests';
import { RULES } from '../../lib/validate';
import { runCli } from '../cli/run-cli';
import { hostileObjectsTextArb, hostileYamlTextArb, manyDocumentsTextArb } from './hostile-manifests';

/*
 * Hostile manifests never make an internal error: every failure is a ManifestError or a
 * finding with a rule id, and the CLI answers with exit code 0, 1 or 2, never an uncaught
 * exception or "internal error". Sizes are bounded by the generators (a few hundred
 * documents at most), so a run takes seconds; the time limit below only guards against a
 * hang, and fails loudly when reached.
 */

const RUNS = { seed: 15, interruptAfterTimeLimit: 90_000, markInterruptAsFailure: true };

// Above the time-limit guard, so fast-check's interruption is what fails, with its counterexample.
jest.setTimeout(120_000);

const INPUTS: Array<[string, fc.Arbitrary<string>, number]> = [
  ['valid objects with hostile parts', hostileObjectsTextArb, 150],
  ['YAML text with fragments spliced in and ranges cut out', hostileYamlTextArb, 150],
  ['many small documents', manyDocumentsTextArb, 10],
];

const stdin = (text: string) => Readable.from([Buffer.from(text)]);

describe.each(INPUTS)('%s', (_name, textArb, numRuns) => {
  test('the library: a ManifestError, or a model whose findings all carry a rule id, which the engine analyses', async () => {
    await fc.assert(
      fc.asyncProperty(textArb, async (text) => {
        let loaded;
        try {
          loaded = await loadManifests(['-'], { stdin: stdin(text) });
        } catch (error) {
          expect(error).toBeInstanceOf(ManifestError);
          return;
        }
        const built = buildClusterModel(loaded.objects);
        for (const finding of built.findings) {
          expect(Object.keys(RULES)).toContain(finding.rule);
        }
        const analyzer = new Analyzer(built.model);
        analyzer.reach({ port: 80, protocol: 'TCP' });
      }),
      { ...RUNS, numRuns },
    );
  });

  test('the CLI: validate and reach exit 0, 1 or 2 with a message, never an internal error', async () => {
    await fc.assert(
      fc.asyncProperty(textArb, async (text) => {
        const validate = await runCli(['validate', '-', '--format', 'json'], text);
        expect([0, 1, 2]).toContain(validate.code);
        expect(validate.stderr).not.toMatch(/internal error|\n\s+at /);
        if (validate.code === 2) {
          expect(validate.stderr).toMatch(/^netpol: \S/);
        } else {
          for (const finding of JSON.parse(validate.stdout) as { rule: string }[]) {
            expect(Object.keys(RULES)).toContain(finding.rule);
          }
        }
        const reach = await runCli(['reach', '-', '--port', '80', '--format', 'json'], text);
        expect([0, 1, 2]).toContain(reach.code);
        expect(reach.stderr).not.toMatch(/internal error|\n\s+at /);
      }),
      { ...RUNS, numRuns: Math.ceil(numRuns / 2) },
    );
  });
});
