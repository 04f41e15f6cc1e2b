import { promises as fs } from 'fs';
import * as path from 'path';
import { Command, Option } from 'commander';
import { CliContext } from '../cli-context';
import { CliError, ExitCode } from '../exit-code';

interface GenerateOptions {
  flows: string[];
  out?: string;
  importFrom: string;
  enforcement: 'enforced' | 'staged';
}

/** The app that synthesizes the generated estate, for `cdk8s synth` (app: npx ts-node main.ts); staged or enforced. */
function mainTs(enforcement: GenerateOptions['enforcement']): string {
  return `import { App } from 'cdk8s';
import { defineObservedEstate } from './observed-estate';

const app = new App();
defineObservedEstate(app, '${enforcement}'); // 'staged': Calico's StagedKubernetesNetworkPolicy, logged, not enforced
app.synth();
`;
}

/** `netpol generate`: a starting estate in the DSL from observed flows. */
export function generateCommand(cli: CliContext): Command {
  return new Command('generate')
    .description('write a starting policy estate (TypeScript for the DSL) that allows the observed flows and nothing else')
    .addOption(new Option('--flows <files...>', 'flow files (Hubble or the plain format; see audit), - for standard input').makeOptionMandatory())
    .addOption(new Option('--out <dir>', 'write observed-estate.ts and main.ts there (default: observed-estate.ts to standard output)'))
    .addOption(new Option('--import-from <module>', 'the module the DSL is imported from').default('cdk8s-netpol'))
    .addOption(
      new Option('--enforcement <mode>', "main.ts synthesizes the policies enforced (NetworkPolicy) or staged (Calico's StagedKubernetesNetworkPolicy)")
        .choices(['enforced', 'staged'])
        .default('enforced'),
    )
    .action(
      cli.action(async (options: GenerateOptions) => {
        const { FlowInputError, readFlows } = await import('../../flows');
        const { planEstate } = await import('../../workflows');
        const { renderEstateTypeScript } = await import('../../report');
        if (options.flows.includes('-')) {
          cli.claimStdin('the flows', 'hubble observe -o jsonpb | netpol generate --flows -');
        }
        let observed;
        try {
          observed = await readFlows(options.flows, { stdin: cli.io.stdin });
        } catch (error) {
          if (error instanceof FlowInputError) {
            throw new CliError(error.message);
          }
          throw error;
        }
        const plan = planEstate(observed);
        const source = renderEstateTypeScript(plan, { importFrom: options.importFrom });
        if (options.out) {
          await fs.mkdir(options.out, { recursive: true });
          await fs.writeFile(path.join(options.out, 'observed-estate.ts'), source);
          await fs.writeFile(path.join(options.out, 'main.ts'), mainTs(options.enforcement));
          cli.note(`wrote ${path.join(options.out, 'observed-estate.ts')} and main.ts`);
        } else {
          cli.io.stdout.write(source);
        }
        cli.note(
          `${plan.namespaces.length} namespaces, ${plan.workloads.length} workloads, ${plan.allowances.length} allowances; ` +
            `${plan.leftOut.length} observed flow groups left out (listed at the top of the file)`,
        );
        return ExitCode.Ok;
      }),
    );
}
