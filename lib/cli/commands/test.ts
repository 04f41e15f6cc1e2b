import { Command, Option } from 'commander';
import type { ExpectationsReport } from '../../report';
import type { CniName } from '../../validate';
import type { ManifestObject } from '../../manifests';
import type { ClusterModel } from '../../model';
import type { NetpolConfig } from '../../workflows';
import { CliContext } from '../cli-context';
import { cniOption } from '../cni-option';
import { configOption, loadConfig } from '../config-option';
import { CliError, ExitCode } from '../exit-code';
import { analyseObjects, loadInputs } from '../load-inputs';
import { formatOption, namespaceOption, perPodOption } from '../options';

interface TestOptions {
  readonly expect: string;
  readonly format: 'text' | 'json' | 'junit' | 'sarif';
  readonly namespace: string;
  readonly perPod: boolean;
  readonly cni?: CniName;
  readonly config?: string;
}

/** Runs `read`, turning a bad expectations file into a usage error (exit 2) naming file, line and field. */
async function readingExpectations<T>(read: () => T | Promise<T>): Promise<T> {
  const { ExpectationsFileError } = await import('../../workflows');
  try {
    return await read();
  } catch (error) {
    if (error instanceof ExpectationsFileError) {
      throw new CliError(error.message);
    }
    throw error;
  }
}

/**
 * `netpol test <paths...> --expect FILE`: every entry of the expectations file checked against
 * the analysis of the inputs (lib/workflows checkExpectations). Exit 0 when all hold, 1 when
 * one fails (or objects were left out as invalid), 2 when the file cannot be read, breaks its
 * schema or names what the inputs do not have.
 */
export function testCommand(cli: CliContext): Command {
  return new Command('test')
    .description('check an expectations file (allow, deny, only, isolated, notExposed, everyNamespace) against the policies')
    .argument('<paths...>', 'manifest files, directories (searched recursively), or - for standard input')
    .addOption(new Option('--expect <file>', 'the expectations file (YAML; schema: schemas/netpol-expectations.schema.json)').makeOptionMandatory())
    .addOption(formatOption(['text', 'json', 'junit', 'sarif']))
    .addOption(namespaceOption())
    .addOption(perPodOption())
    .addOption(cniOption(true))
    .addOption(configOption())
    .action(
      cli.action(async (paths: string[], options: TestOptions) => {
        const config = await loadConfig(options.config);
        const workflows = await import('../../workflows');
        const expectations = await readingExpectations(() => workflows.loadExpectationsFile(options.expect));
        const loaded = await loadInputs(cli, paths, options.namespace);
        const load = await analyseObjects(cli, loaded.objects, { perPod: options.perPod });
        const cni = options.cni ?? config?.cni;
        // The CNI's treatment of hostNetwork pods decides verdicts; its warnings, with the config's acknowledgements, are noted below.
        const model = cni ? workflows.modelUnderCni(cni, load.model) : load.model;
        const checked = await readingExpectations(() => workflows.checkExpectations(expectations, model));
        // What failWith(1) fails the run on must be in the report too, where the pipeline shows it.
        const errors = load.verdictFindings.filter((finding) => finding.severity === 'error');
        const report = errors.length === 0 ? checked : { ...checked, inputErrors: options.format === 'text' ? errors : await workflows.locateFindings(errors) };
        if (cni) {
          await noteCniWarnings(cli, cni, loaded.objects, load.model, config);
        }
        cli.io.stdout.write(await renderTestReport(options.format, report));
        const { expectationsSummary } = await import('../../report');
        cli.note(expectationsSummary(report));
        return report.outcomes.every((outcome) => outcome.passed) ? ExitCode.Ok : ExitCode.Findings;
      }),
    );
}

/**
 * The verdicts assume the policies are enforced as written: with a CNI profile, its warnings
 * (those not acknowledged in the config or on the objects) go to stderr beside them.
 */
async function noteCniWarnings(
  cli: CliContext,
  cni: CniName,
  objects: readonly ManifestObject[],
  model: ClusterModel,
  config: NetpolConfig | undefined,
): Promise<void> {
  const workflows = await import('../../workflows');
  const { renderFindingsText } = await import('../../report');
  const { findings } = workflows.reviewFindings(workflows.cniProfileFindings(cni, objects, model), objects, { config, today: workflows.todayUtc() });
  const outstanding = workflows.outstandingFindings(findings).filter((finding) => finding.rule.startsWith('cni-'));
  if (outstanding.length > 0) {
    cli.note(`the verdicts below assume the policies are enforced as written; with --cni ${cni}:\n${renderFindingsText(outstanding)}`);
  }
}

async function renderTestReport(format: TestOptions['format'], report: ExpectationsReport): Promise<string> {
  const rendering = await import('../../report');
  switch (format) {
    case 'json':
      return rendering.renderExpectationsJson(report);
    case 'junit':
      return rendering.renderExpectationsJunit(report);
    case 'sarif':
      return rendering.renderExpectationsSarif(report);
    default:
      return rendering.renderExpectationsText(report);
  }
}
