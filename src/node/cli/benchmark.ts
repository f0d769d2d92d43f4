// `bonito benchmark`: the sampler workbench from the command line. Samplers and test functions by
// name (or functions from a module of your own), regret quartiles per checkpoint and time per
// trial on stdout, one progress line per run on stderr, and optionally an HTML page of
// regret-curve charts and the raw curves as JSON.
import { writeFile } from 'node:fs/promises';
import { benchmarkPlotSpecs, benchmarkToJson, runBenchmark, type BenchmarkResult } from '../../bench/benchmark.js';
import type { TestFunction } from '../../bench/functions.js';
import { testFunctionByName } from '../../bench/registry.js';
import { samplerByName } from '../../samplers/registry.js';
import { escapeHtml } from '../report/html.js';
import { formatNumber, formatTable } from './report.js';
import { CliError } from './cli-error.js';
import { importUserModule } from './config-module.js';
import { initCore } from './core-wasm.js';

/** Flags of `bonito benchmark`. @internal */
export interface BenchmarkFlags {
  samplers: string;
  functions: string;
  trials: number;
  seeds: number;
  shift?: boolean;
  output?: string;
  json?: string;
}

const MODULE = /\.(?:[cm]?[jt]s|tsx)$/;

async function functionsFrom(list: string): Promise<TestFunction[]> {
  const out: TestFunction[] = [];
  for (const item of list
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    if (!MODULE.test(item)) {
      out.push(testFunctionByName(item));
      continue;
    }
    const { ns } = await importUserModule(item, 'bonito benchmark', 'function module');
    const exported = ns.default ?? ns.functions;
    const fns = (Array.isArray(exported) ? exported : [exported]) as TestFunction[];
    if (fns.length === 0 || !fns.every((f) => typeof f?.evaluate === 'function' && typeof f?.space === 'object')) {
      throw new CliError(
        `bonito benchmark: the function module ${item} must export (default) a test function or an array of them, made with defineTestFunction.`,
      );
    }
    out.push(...fns);
  }
  if (out.length === 0) throw new CliError('bonito benchmark: `--functions` must name at least one function but got none.');
  return out;
}

/** The median/quartile table, one row per (function, sampler). @internal */
export function benchmarkTable(result: BenchmarkResult): string {
  const checkpoints = result.cells[0]?.result.checkpoints.map((c) => c.trials) ?? [];
  const rows = result.cells.map((c) => [
    c.fn,
    c.sampler,
    ...c.result.checkpoints.map((q) => `${formatNumber(q.median)} [${formatNumber(q.q1)}, ${formatNumber(q.q3)}]`),
    formatNumber(c.result.msPerTrial),
  ]);
  return formatTable(['function', 'sampler', ...checkpoints.map((t) => `regret @${t} median [q1, q3]`), 'ms/trial'], rows);
}

async function html(result: BenchmarkResult): Promise<string> {
  const { renderSvg } = await import('../report/render-svg.js');
  const charts = await Promise.all(benchmarkPlotSpecs(result).map((p) => renderSvg(p.spec)));
  return [
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>bonito benchmark</title>',
    '<style>body{font-family:system-ui,sans-serif;margin:2em;max-width:70em}pre{background:#f6f6f6;padding:1em;overflow:auto}</style></head><body>',
    '<h1>Sampler benchmark</h1>',
    `<p>${escapeHtml(`${result.samplers.join(', ')} on ${result.functions.length} function(s), ${result.trials} trials, ${result.seeds} seeds${result.shift ? ', randomly shifted per seed' : ''}. Simple regret = best value so far − the known minimum; ms/trial is the time spent in bonito (ask, suggest, tell), the objective excluded.`)}</p>`,
    `<pre>${escapeHtml(benchmarkTable(result))}</pre>`,
    ...charts,
    `<p>Made by bonito on ${new Date().toISOString().slice(0, 10)}.</p></body></html>`,
  ].join('\n');
}

/**
 * Runs `bonito benchmark`.
 * @returns the exit status.
 * @internal
 */
export async function benchmark(flags: BenchmarkFlags): Promise<number> {
  const names = flags.samplers
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (names.length === 0) throw new CliError('bonito benchmark: `--samplers` must name at least one sampler but got none.');
  for (const n of names) samplerByName(n); // fail on a bad name before any work
  const functions = await functionsFrom(flags.functions);
  await initCore();
  const samplers = Object.fromEntries(names.map((n) => [n, () => samplerByName(n)]));
  const result = await runBenchmark({
    samplers,
    functions,
    trials: flags.trials,
    seeds: flags.seeds,
    shift: flags.shift === true,
    onProgress: (e) =>
      process.stderr.write(
        `[${e.done}/${e.total}] ${e.fn} ${e.sampler}: median regret @${flags.trials} ${formatNumber(e.result.checkpoints.at(-1)?.median ?? Number.NaN)}, ${formatNumber(e.result.msPerTrial)} ms/trial\n`,
      ),
  });
  process.stdout.write(`${benchmarkTable(result)}\n`);
  if (flags.json !== undefined) {
    await writeFile(flags.json, `${JSON.stringify(benchmarkToJson(result))}\n`);
    process.stdout.write(`Wrote ${flags.json}\n`);
  }
  if (flags.output !== undefined) {
    await writeFile(flags.output, await html(result));
    process.stdout.write(`Wrote ${flags.output}\n`);
  }
  return 0;
}
