// The public API as API Extractor sees it, one report per package entry under api/, committed so
// every change of the public surface shows in review. Reads the declarations as shipped: emitted
// here by tsc from tsconfig.build.json (stripInternal included) into build/api/dts/, so the check
// does not depend on a fresh dist/.
//   node scripts/api-report.mjs          check: fails when a report differs from the typings
//   node scripts/api-report.mjs --update rewrite the reports (npm run api:update)
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Extractor, ExtractorConfig, ExtractorLogLevel } from '@microsoft/api-extractor';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const update = process.argv.includes('--update');

/** Report name → the entry's declaration file (package.json "exports"), under build/api/dts/. */
const ENTRIES = [
  ['bonito', 'index.d.ts'],
  ['bonito-numeric', 'numeric.d.ts'],
  ['bonito-bench', 'bench/index.d.ts'],
  ['bonito-node', 'node/index.d.ts'],
  ['bonito-tfjs', 'tfjs/index.d.ts'],
  ['bonito-browser', 'browser/index.d.ts'],
];

/** Entries without a report, and why (printed, so a gap stays visible). None today. */
const EXCLUDED = {};

// Every entry of package.json "exports" with typings has a report (or a reason above).
const exported = Object.entries(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).exports)
  .filter(([, v]) => typeof v === 'object' && v.types !== undefined)
  .map(([k]) => (k === '.' ? 'bonito' : `bonito-${k.slice(2)}`));
const missing = exported.filter((name) => !ENTRIES.some(([n]) => n === name) && !(name in EXCLUDED));
if (missing.length > 0) {
  console.error(`api-report: the package entries ${missing.join(', ')} have no report: add them to ENTRIES in scripts/api-report.mjs.`);
  process.exit(1);
}

const dtsDir = join(root, 'build', 'api', 'dts');
rmSync(dtsDir, { recursive: true, force: true });
const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
execFileSync(
  process.execPath,
  [tsc, '-p', join(root, 'tsconfig.build.json'), '--emitDeclarationOnly', '--declarationMap', 'false', '--outDir', dtsDir],
  { stdio: 'inherit' },
);

const failures = [];
for (const [name, dts] of ENTRIES) {
  const entry = join(dtsDir, dts);
  if (!existsSync(entry)) {
    console.error(`api-report: tsc emitted no ${dts}; is the entry still in package.json "exports"?`);
    process.exit(1);
  }
  const config = ExtractorConfig.prepare({
    configObject: {
      projectFolder: root,
      mainEntryPointFilePath: entry,
      bundledPackages: [],
      compiler: {
        overrideTsconfig: {
          compilerOptions: {
            target: 'ES2022',
            module: 'NodeNext',
            moduleResolution: 'NodeNext',
            lib: ['ES2022', 'DOM', 'WebWorker'],
            types: ['node'],
            strict: true,
            skipLibCheck: true,
          },
          files: [entry],
        },
      },
      apiReport: {
        enabled: true,
        reportFileName: `${name}.api.md`,
        reportFolder: join(root, 'api'),
        reportTempFolder: join(root, 'build', 'api', 'temp'),
      },
      docModel: { enabled: false },
      dtsRollup: { enabled: false },
      tsdocMetadata: { enabled: false },
      // A compiler error in the typings fails the run. Of API Extractor's own findings, the ones
      // a reviewer should see (a type the entry uses but does not export, a dead {@link}) are
      // written into the report; release tags (@public...) are not a convention of this project.
      messages: {
        compilerMessageReporting: { default: { logLevel: ExtractorLogLevel.Error } },
        extractorMessageReporting: {
          default: { logLevel: ExtractorLogLevel.None },
          'ae-forgotten-export': { logLevel: ExtractorLogLevel.None, addToApiReportFile: true },
          'ae-unresolved-link': { logLevel: ExtractorLogLevel.None, addToApiReportFile: true },
          'ae-missing-release-tag': { logLevel: ExtractorLogLevel.None, addToApiReportFile: false },
          'ae-undocumented': { logLevel: ExtractorLogLevel.None, addToApiReportFile: false },
        },
        tsdocMessageReporting: { default: { logLevel: ExtractorLogLevel.None } },
      },
    },
    configObjectFullPath: undefined,
    packageJsonFullPath: join(root, 'package.json'),
  });
  mkdirSync(join(root, 'build', 'api', 'temp'), { recursive: true });
  const result = Extractor.invoke(config, { localBuild: update, showVerboseMessages: false });
  if (result.apiReportChanged && !update) failures.push(name);
  else if (!result.succeeded) failures.push(`${name} (${result.errorCount} errors)`);
}
for (const [name, why] of Object.entries(EXCLUDED)) console.log(`api-report: no report for ${name}: ${why}`);
if (failures.length > 0) {
  console.error(`\napi-report: the public API differs from the committed report for ${failures.join(', ')}.`);
  console.error('If the change is intended, run `npm run api:update` and commit api/*.api.md with it.');
  process.exit(1);
}
console.log(update ? 'api-report: reports in api/ updated.' : 'api-report: the public API matches api/*.api.md.');
