#!/usr/bin/env node
/**
 * The `netpol` command. To add a command: write lib/cli/commands/<name>.ts exporting
 * `<name>Command(cli: CliContext): Command` (use cli.action, loadInputs, loadAnalysis or loadAnalysisModel,
 * and the shared options: options.ts, probe-options.ts, endpoint-filter.ts, external-target.ts;
 * import heavy modules inside the action), then add it to `commands` below.
 */
import { readFileSync } from 'fs';
import * as path from 'path';
import { Command, CommanderError } from 'commander';
import { CliContext, reportModule } from './cli-context';
import { auditCommand } from './commands/audit';
import { diffCommand } from './commands/diff';
import { explainCommand } from './commands/explain';
import { generateCommand } from './commands/generate';
import { graphCommand } from './commands/graph';
import { reachCommand } from './commands/reach';
import { testCommand } from './commands/test';
import { validateCommand } from './commands/validate';
import { CliError, ExitCode } from './exit-code';
import { inputLimitsOf } from './input-limit-options';
import { CliIO, exitQuietlyOnBrokenPipe, processIO } from './io';

function commands(cli: CliContext): Command[] {
  return [validateCommand(cli), reachCommand(cli), graphCommand(cli), explainCommand(cli), testCommand(cli), diffCommand(cli), auditCommand(cli), generateCommand(cli)];
}

/** Read at run time: lib/cli/main.ts and build/cli/main.js both sit two levels below the package root. */
function packageVersion(): string {
  const packageJson = JSON.parse(readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8')) as { version: string };
  return packageJson.version;
}

/** Runs `netpol` with the arguments after the program name; resolves to the exit code. */
export async function run(argv: readonly string[], io: CliIO = processIO()): Promise<number> {
  const cli = new CliContext(io);
  const program = new Command('netpol')
    .description('Validate Kubernetes NetworkPolicy manifests and compute who can reach whom, without a cluster.')
    .version(packageVersion(), '-V, --version', 'print the version')
    .option('-q, --quiet', 'write nothing to stderr but errors')
    .hook('preAction', (_program, command) => {
      cli.quiet = program.opts().quiet === true;
      cli.inputLimits = inputLimitsOf(command.opts());
    })
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(reportModule().terminalText(text)),
    });
  for (const command of commands(cli)) {
    program.addCommand(command.copyInheritedSettings(program));
  }
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return cli.exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version exit 0; commander has already printed any usage error.
      return error.exitCode === 0 ? ExitCode.Ok : ExitCode.Usage;
    }
    const message = error instanceof Error ? error.message : String(error);
    io.stderr.write(`netpol: ${error instanceof CliError ? '' : 'internal error: '}${reportModule().textLine(message)}\n`);
    return error instanceof CliError ? error.exitCode : ExitCode.Usage;
  }
}

if (require.main === module) {
  exitQuietlyOnBrokenPipe(process.stdout, 'standard output');
  exitQuietlyOnBrokenPipe(process.stderr, 'standard error');
  void run(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
