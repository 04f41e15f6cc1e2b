import { Command } from 'commander';
import type { CniName } from '../../validate';
import type { IngressControllerRef } from '../../workflows';
import { CliContext } from '../cli-context';
import { cniOption } from '../cni-option';
import { ingressControllerOption } from '../ingress-controller-option';
import { ExitCode } from '../exit-code';
import { loadInputs } from '../load-inputs';
import { formatOption, namespaceOption, perPodOption } from '../options';

interface ValidateOptions {
  readonly format: 'text' | 'json';
  readonly namespace: string;
  readonly strict?: boolean;
  readonly perPod: boolean;
  readonly cni?: CniName;
  readonly ingressController?: IngressControllerRef;
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
    .addOption(formatOption(['text', 'json']))
    .addOption(namespaceOption())
    .addOption(perPodOption())
    .option('--strict', 'fail on warnings too')
    .addOption(cniOption())
    .addOption(ingressControllerOption())
    .action(
      cli.action(async (paths: string[], options: ValidateOptions) => {
        const loaded = await loadInputs(cli, paths, options.namespace);
        const { checkFails, checkManifestSet } = await import('../../workflows');
        const { findingsSummary, renderFindingsJson, renderFindingsText } = await import('../../report');
        const findings = checkManifestSet(loaded.objects, { perPod: options.perPod, cni: options.cni, ingressController: options.ingressController });
        cli.io.stdout.write(options.format === 'json' ? renderFindingsJson(findings) : renderFindingsText(findings));
        if (options.format === 'text') {
          // Skipped documents (a values.yaml) are not objects; their warnings say so.
          const objectCount = loaded.objects.filter((object) => object.role !== 'skipped').length;
          cli.note(findingsSummary(findings, objectCount, loaded.files.length));
        }
        return checkFails(findings, options.strict === true) ? ExitCode.Findings : ExitCode.Ok;
      }),
    );
}
