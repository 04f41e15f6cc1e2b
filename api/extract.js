#!/usr/bin/env node
/**
 * The API report of every package entry point, checked in beside this file as
 * `<entry>.api.md` (api-extractor): a change of the public surface shows in review.
 *
 *   node api/extract.js          rewrite the reports from build/ (npm run api)
 *   node api/extract.js --check  fail when a report is stale (part of npm test)
 *
 * Either way it fails when an entry's signatures use a type the entry does not export
 * (api-extractor's ae-forgotten-export): each entry must be complete on its own.
 *
 * Needs a fresh `npm run build`: the reports are made from build/**.d.ts.
 */
const fs = require('fs');
const path = require('path');
const { Extractor, ExtractorConfig } = require('@microsoft/api-extractor');

const ROOT = path.join(__dirname, '..');

/** package.json `exports` subpath -> the declaration file it points at, and its report's name. */
const ENTRIES = [
  { entry: '.', types: 'build/index.d.ts', report: 'cdk8s-netpol.api.md' },
  { entry: './analysis', types: 'build/analysis/public-api.d.ts', report: 'analysis.api.md' },
  { entry: './validate', types: 'build/validate/public-api.d.ts', report: 'validate.api.md' },
  { entry: './manifests', types: 'build/manifests/public-api.d.ts', report: 'manifests.api.md' },
  { entry: './report', types: 'build/report/public-api.d.ts', report: 'report.api.md' },
  { entry: './testing', types: 'build/testing/index.d.ts', report: 'testing.api.md' },
];

function extract({ types, report }, localBuild) {
  const config = ExtractorConfig.prepare({
    configObjectFullPath: path.join(__dirname, 'api-extractor.json'),
    packageJsonFullPath: path.join(ROOT, 'package.json'),
    configObject: {
      projectFolder: ROOT,
      mainEntryPointFilePath: path.join(ROOT, types),
      compiler: {
        overrideTsconfig: {
          compilerOptions: { target: 'es2022', module: 'commonjs', moduleResolution: 'node', lib: ['es2022'], types: ['node'], strict: true, skipLibCheck: true },
          files: [path.join(ROOT, types)],
        },
      },
      apiReport: { enabled: true, reportFolder: __dirname, reportTempFolder: path.join(ROOT, 'build', 'api'), reportFileName: report },
      docModel: { enabled: false },
      dtsRollup: { enabled: false },
      tsdocMetadata: { enabled: false },
      messages: {
        compilerMessageReporting: { default: { logLevel: 'warning' } },
        // No release tags (@public, @beta): everything an entry exports is public.
        extractorMessageReporting: { default: { logLevel: 'warning', addToApiReportFile: true }, 'ae-missing-release-tag': { logLevel: 'none' } },
        tsdocMessageReporting: { default: { logLevel: 'none' } },
      },
    },
  });
  const result = Extractor.invoke(config, { localBuild, showVerboseMessages: false, messageCallback: (message) => {
    // Findings are written into the report itself (addToApiReportFile), so review sees them.
    if (message.category === 'Extractor') {
      message.handled = true;
    }
  } });
  return result;
}

/** Types an entry's signatures use but the entry does not export: a user cannot name them. */
function forgottenExports(report) {
  const text = fs.readFileSync(path.join(__dirname, report), 'utf8');
  return [...new Set([...text.matchAll(/ae-forgotten-export\) The symbol "([^"]+)"/g)].map((match) => match[1]))];
}

const check = process.argv.includes('--check');
let failed = 0;
for (const entry of ENTRIES) {
  const result = extract(entry, !check);
  if (!result.succeeded || (check && result.apiReportChanged)) {
    failed += 1;
    console.error(`api/${entry.report}: the public surface of cdk8s-netpol${entry.entry.slice(1)} changed: run \`npm run api\` and review the diff`);
  }
  const forgotten = forgottenExports(entry.report);
  if (forgotten.length > 0) {
    failed += 1;
    console.error(`api/${entry.report}: cdk8s-netpol${entry.entry.slice(1)} uses types it does not export: ${forgotten.join(', ')}; export them from that entry`);
  }
}
process.exitCode = failed > 0 ? 1 : 0;
