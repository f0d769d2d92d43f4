// `npm run bench [-- name ...]`: runs bench/<name>.bench.ts files (all by default) in this process
// and rewrites their sections of bench/RESULTS.md. Each bench default-exports an async function
// returning a markdown section whose figures are ratios against a baseline measured in the same
// run, because this machine is shared and noisy.
import { readdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { cpus } from 'node:os';
import { init } from '../src/index.js';

const benchDir = new URL('./', import.meta.url);
const resultsUrl = new URL('./RESULTS.md', benchDir);
const wanted = process.argv.slice(2);
const names = readdirSync(benchDir)
  .filter((f) => f.endsWith('.bench.ts'))
  .map((f) => f.slice(0, -'.bench.ts'.length))
  .filter((name) => wanted.length === 0 || wanted.includes(name))
  .sort();
if (names.length === 0) throw new Error(`bench: no bench matches ${wanted.join(', ')}.`);

await init(readFileSync(new URL('../build/bonito.wasm', import.meta.url)));

for (const name of names) {
  const started = Date.now();
  process.stderr.write(`bench ${name} ...\n`);
  const { default: run } = (await import(`./${name}.bench.ts`)) as { default: () => Promise<string> };
  const body = await run();
  const when = new Date().toISOString().slice(0, 10);
  const command = `npm run bench -- ${name}`;
  // Re-read just before writing: another bench process may have rewritten other sections meanwhile.
  const sections = readSections();
  sections.set(name, `${body.trim()}\n\n_Made by \`${command}\` on ${when} (${((Date.now() - started) / 1000).toFixed(0)} s)._`);
  writeResults(sections);
}

function readSections(): Map<string, string> {
  const map = new Map<string, string>();
  if (!existsSync(resultsUrl)) return map;
  const text = readFileSync(resultsUrl, 'utf8');
  for (const match of text.matchAll(/<!-- bench:(\S+) -->\n([\s\S]*?)\n<!-- \/bench:\1 -->/g)) map.set(match[1], match[2]);
  return map;
}

function writeResults(all: Map<string, string>): void {
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  const header = [
    '# Benchmark results',
    '',
    'Every figure comes from `npm run bench` (all sections) or `npm run bench -- <name>` (one section),',
    'run on the project machine (2 cores, shared and noisy). Figures are reported as ratios against',
    'a baseline measured in the same process and run; absolute numbers are for orientation only.',
    `Last written on ${new Date().toISOString().slice(0, 10)}: Node ${process.version}, ${cpu}, ${cpus().length} cores.`,
    '',
  ];
  const body = [...all.keys()].sort().map((name) => `<!-- bench:${name} -->\n${all.get(name)}\n<!-- /bench:${name} -->`);
  writeFileSync(resultsUrl, `${header.join('\n')}\n${body.join('\n\n')}\n`);
}
