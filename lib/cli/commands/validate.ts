import { Command } from 'commander';
import { CliContext } from '../cli-context';
import { ExitCode } from '../exit-code';
import { loadInputs } from '../load-inputs';
import { formatOption, namespaceOption } from '../options';

interface ValidateOptions {
  readonly format: 'text' | 'json';
  readonly namespace: string;
  readonly strict?: boolean;
}

/**
 * `netpol validate <paths...>`: every API-server rule for each NetworkPolicy, plus lint
 * warnings. Exit 1 when anything is an error (or, with --strict, a warning).
 */
export function validateCommand(cli: CliContext): Command {
  return new Command('validate')
    .description('check NetworkPolicy manifests as the API server would, plus lint warnings')
    .argument('<paths...>', 'manifest files, directories (searched recursively), or - for standard input')
    .addOption(formatOption(['text', 'json']))
    .addOption(namespaceOption())
    .option('--strict', 'fail on warnings too')
    .action(
      cli.action(async (paths: string[], options: ValidateOptions) => {
        const loaded = await loadInputs(cli, paths, options.namespace);
        const { buildClusterModel } = await import('../../manifests');
        const { findingsSummary, renderFindingsJson, renderFindingsText } = await import('../../report/findings');
        const { findings } = buildClusterModel(loaded.objects);
        cli.io.stdout.write(options.format === 'json' ? renderFindingsJson(findings) : renderFindingsText(findings));
        if (options.format === 'text') {
          cli.io.stderr.write(`${findingsSummary(findings, loaded.objects.length, loaded.files.length)}\n`);
        }
        const failing = findings.filter((finding) => finding.severity === 'error' || options.strict);
        return failing.length > 0 ? ExitCode.Findings : ExitCode.Ok;
      }),
    );
}
