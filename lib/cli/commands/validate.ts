import { Command } from 'commander';
import type { ReviewedFinding } from '../../report';
import type { CniName } from '../../validate';
import type { IngressControllerRef } from '../../workflows';
import { CliContext } from '../cli-context';
import { cniOption } from '../cni-option';
import { ingressControllerOption } from '../ingress-controller-option';
import { configOption, loadConfig } from '../config-option';
import { ExitCode } from '../exit-code';
import { loadInputs } from '../load-inputs';
import { maxDocumentsOption, maxInputBytesOption, maxYamlNodesOption } from '../input-limit-options';
import { formatOption, namespaceOption, perPodOption } from '../options';

interface ValidateOptions {
  readonly format: 'text' | 'json' | 'sarif' | 'junit';
  readonly namespace: string;
  readonly strict?: boolean;
  readonly perPod: boolean;
  readonly cni?: CniName;
  readonly ingressController?: IngressControllerRef;
  readonly config?: string;
}

/**
 * `netpol validate <paths...>`: every API-server rule for each NetworkPolicy, plus lint
 * warnings per object and over the estate (lib/workflows checkManifestSet). Exit 1 when
 * anything is an error (or, with --strict, a warning).
 */
export function validateCommand(cli: CliContext): Command {
  return new Command('validate')
    .description('check NetworkPolicy manifests as the API server would, plus lint warnings')
    .argument('<paths...>', 'manifest files, directories (searched recursively), or - for standard input')
    .addOption(formatOption(['text', 'json', 'sarif', 'junit']))
    .addOption(namespaceOption())
    .addOption(maxInputBytesOption())
    .addOption(maxYamlNodesOption())
    .addOption(maxDocumentsOption())
    .addOption(perPodOption())
    .option('--strict', 'fail on warnings too')
    .addOption(cniOption())
    .addOption(ingressControllerOption())
    .addOption(configOption())
    .action(
      cli.action(async (paths: string[], options: ValidateOptions) => {
        const config = await loadConfig(options.config);
        const loaded = await loadInputs(cli, paths, options.namespace);
        const { checkFails, checkManifestSet, outstandingFindings, reviewFindings, todayUtc } = await import('../../workflows');
        const { findingsSummary } = await import('../../report');
        const checked = checkManifestSet(loaded.objects, { perPod: options.perPod, cni: options.cni ?? config?.cni, ingressController: options.ingressController });
        const { findings, unusedAcknowledgements } = reviewFindings(checked, loaded.objects, { config, today: todayUtc() });
        cli.io.stdout.write(await renderValidateReport(options, findings, loaded.files));
        for (const entry of unusedAcknowledgements) {
          cli.note(`${entry.where}: acknowledgement of ${entry.rule} matched no finding; remove it if the finding is gone`);
        }
        if (options.format === 'text') {
          // Skipped documents (a values.yaml) are not objects; their warnings say so.
          const objectCount = loaded.objects.filter((object) => object.role !== 'skipped').length;
          cli.note(findingsSummary(findings, objectCount, loaded.files.length));
        }
        return checkFails(outstandingFindings(findings), options.strict === true) ? ExitCode.Findings : ExitCode.Ok;
      }),
    );
}

/** The findings in the chosen format; SARIF and JUnit with the line of each field. */
async function renderValidateReport(options: ValidateOptions, findings: readonly ReviewedFinding[], files: readonly string[]): Promise<string> {
  const report = await import('../../report');
  switch (options.format) {
    case 'json':
      return report.renderFindingsJson(findings);
    case 'sarif':
    case 'junit': {
      const { locateFindings } = await import('../../workflows');
      const located = await locateFindings(findings);
      return options.format === 'sarif' ? report.renderFindingsSarif(located) : report.renderFindingsJunit(located, files, { strict: options.strict });
    }
    default:
      return report.renderFindingsText(findings);
  }
}
