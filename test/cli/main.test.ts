import { execFile } from 'child_process';
import * as path from 'path';
import { promisify } from 'util';
import { version } from '../../package.json';
import { runCli } from './run-cli';

const BIN = path.join(__dirname, '..', '..', 'build', 'cli', 'main.js');

describe('netpol', () => {
  test('--help lists the commands on stdout and exits 0', async () => {
    const result = await runCli(['--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Usage: netpol \[options\] \[command\]/);
    expect(result.stdout).toContain('validate [options] <paths...>');
    expect(result.stderr).toBe('');
  });

  test('help for a command shows its options', async () => {
    const result = await runCli(['help', 'validate']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Usage: netpol validate \[options\] <paths\.\.\.>/);
    for (const option of ['--format <format>', '-n, --namespace <namespace>', '--strict']) {
      expect(result.stdout).toContain(option);
    }
  });

  test.each([
    ['reach', 'probe one port (1-65535)', 'protocol of --port: TCP, UDP or SCTP'],
    ['graph', 'draw only this port (1-65535)', 'protocol of --port: TCP, UDP or SCTP'],
    ['explain', 'the destination port (1-65535)', 'TCP, UDP or SCTP'],
  ])('%s describes --port and --protocol in its own words, TCP by default', async (command, port, protocol) => {
    const help = (await runCli([command, '--help'])).stdout.replace(/\s+/g, ' ');
    expect(help).toContain(`--port <port> ${port}`);
    expect(help).toContain(`--protocol <protocol> ${protocol} (default: "TCP")`);
  });

  test('explain requires --port', async () => {
    const result = await runCli(['explain', '-', '--from', 'x/a', '--to', 'y/a']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("error: required option '--port <port>' not specified");
  });

  test('--version prints the package version', async () => {
    expect(await runCli(['--version'])).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
  });

  test('no command prints usage on stderr and exits 2', async () => {
    const result = await runCli([]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^Usage: netpol/);
  });

  test.each([
    ['an unknown command', ['frobnicate'], "error: unknown command 'frobnicate'\n"],
    ['an unknown option', ['--colour'], "error: unknown option '--colour'\n"],
    ['an unknown command option', ['validate', '-', '--colour'], "error: unknown option '--colour'\n"],
  ])('%s exits 2 with a message', async (_name, argv, stderr) => {
    expect(await runCli(argv)).toEqual({ code: 2, stdout: '', stderr });
  });

  test('the built bin runs as a process (npm test builds first)', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, [BIN, '--version']);
    expect(stdout).toBe(`${version}\n`);
  });

  test('the built bin exits 2 on unreadable input, without a stack trace', async () => {
    const error = await promisify(execFile)(process.execPath, [BIN, 'validate', '/no/such/manifest.yaml']).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 2, stdout: '', stderr: 'netpol: /no/such/manifest.yaml: no such file or directory\n' });
  });
});
