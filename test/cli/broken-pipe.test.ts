import { spawn } from 'child_process';
import { EventEmitter } from 'events';
import * as fs from 'fs';
import * as path from 'path';
import { BROKEN_PIPE_EXIT, exitQuietlyOnBrokenPipe } from '../../lib/cli/io';

const CLI = path.join(__dirname, '..', '..', 'build', 'cli', 'main.js');
const ESTATE = path.join(__dirname, '..', 'fixtures', 'manifests', 'estate');

/** Runs the compiled `netpol` with its stdout a pipe whose reader is gone before anything is written. */
function runWithClosedStdout(args: readonly string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.destroy();
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

describe('a reader that goes away (netpol ... | head -1)', () => {
  beforeAll(() => {
    if (!fs.existsSync(CLI)) {
      throw new Error('build/cli/main.js is missing: run `npm run build` before this test');
    }
  });

  test('ends netpol quietly, with the status of a broken pipe, not a stack trace', async () => {
    const result = await runWithClosedStdout(['reach', ESTATE, '--format', 'json', '--quiet']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(BROKEN_PIPE_EXIT);
  });

  test('other write errors end it with their message', () => {
    const stream = new EventEmitter();
    const exits: number[] = [];
    const written: string[] = [];
    exitQuietlyOnBrokenPipe(stream, 'standard output', (code) => exits.push(code), { write: (text: string) => written.push(text) });
    stream.emit('error', Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }));
    stream.emit('error', Object.assign(new Error('i/o error'), { code: 'EIO' }));
    expect(exits).toEqual([BROKEN_PIPE_EXIT, 2]);
    expect(written).toEqual(['netpol: cannot write standard output: i/o error\n']);
  });
});
