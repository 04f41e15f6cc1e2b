'use strict';

const fs = require('fs');
const path = require('path');
const ts = require('typescript');
const { measureCommand } = require('../harness/measure');
const { BUILD, ROOT } = require('../harness/paths');
const { resultRow } = require('../harness/result-row');
const { round } = require('../harness/stats');
const { temporaryDir } = require('../estate/write-estate');

const APPS = path.join(ROOT, 'apps');

/**
 * Transpiles apps/*.ts next to a `lib` symlink to build/, so the example app's
 * `import ... from '../lib'` runs the compiled library: the app as plain `node` runs it.
 */
function compileApps(dir) {
  const out = path.join(dir, 'apps');
  fs.mkdirSync(out);
  fs.symlinkSync(BUILD, path.join(dir, 'lib'));
  for (const file of fs.readdirSync(APPS).filter((name) => name.endsWith('.ts'))) {
    const source = fs.readFileSync(path.join(APPS, file), 'utf8');
    const { outputText } = ts.transpileModule(source, {
      compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
      fileName: file,
    });
    fs.writeFileSync(path.join(out, file.replace(/\.ts$/, '.js')), outputText);
  }
  return path.join(out, 'main.js');
}

/** Every file under dir with its content, for comparing two synth outputs. */
function outputFiles(dir) {
  return Object.fromEntries(
    fs
      .readdirSync(dir)
      .sort()
      .map((file) => [file, fs.readFileSync(path.join(dir, file), 'utf8')]),
  );
}

/**
 * cdk8s-synth: the example app end to end through `npx cdk8s synth` (which runs it with
 * ts-node, per cdk8s.yaml) against the same app compiled and run with node.
 */
function runCdk8sSynth({ quick }) {
  const runs = quick ? 1 : 3;
  const dir = temporaryDir('cdk8s-synth');
  try {
    const cliOut = path.join(dir, 'cli-dist');
    const nodeOut = path.join(dir, 'node-dist');
    const env = { ...process.env, CDK8S_CHECK_UPGRADE: 'false' };
    const cli = measureCommand('npx', ['cdk8s', 'synth', '-o', cliOut], { runs, cwd: ROOT, env });
    const main = compileApps(dir);
    const nodeEnv = { ...env, CDK8S_OUTDIR: nodeOut, NODE_PATH: path.join(ROOT, 'node_modules') };
    const compiled = measureCommand(process.execPath, [main], { runs, cwd: dir, env: nodeEnv });
    if (JSON.stringify(outputFiles(cliOut)) !== JSON.stringify(outputFiles(nodeOut))) {
      throw new Error(`cdk8s-synth: \`cdk8s synth\` and the compiled app wrote different files (${cliOut} vs ${nodeOut})`);
    }
    const files = fs.readdirSync(cliOut).length;
    console.log(`  checked: both wrote the same ${files} manifest files`);
    console.log(`  npx cdk8s synth ${cli.medianMs} ms, node (compiled) ${compiled.medianMs} ms, median of ${runs}`);
    const size = `example app, ${files} manifest files`;
    return {
      sizes: { manifestFiles: files },
      rows: [
        resultRow('npx cdk8s synth -o DIR (ts-node app)', cli, { size, baseline: 'compiled app with node', ratio: round(cli.medianMs / compiled.medianMs, 2) }),
        resultRow('compiled app with node (baseline)', compiled, { size }),
      ],
      goals: [],
      notes: ['No goal: shows what the cdk8s CLI and ts-node add over running the compiled app.'],
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

module.exports = { name: 'cdk8s-synth', run: runCdk8sSynth };
