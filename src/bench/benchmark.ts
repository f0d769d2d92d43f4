// The sampler workbench behind `bonito benchmark`: every sampler on every test function over
// seeds, optionally on randomly shifted copies, with regret quartiles, time per trial and the
// regret-curve charts, as plain data.
import type { Sampler } from '../samplers/base.js';
import type { TestFunction } from './functions.js';
import { regretCurveSpec } from './regret-plot.js';
import { runRegret, type RegretResult } from './regret.js';
import { checkShiftable, shiftedFunction } from './shift.js';
import { checkPositiveInteger } from '../validate.js';

/** Options of `runBenchmark`. */
export interface BenchmarkOptions {
  /** Sampler name → factory (called once per run with the run's seed). */
  readonly samplers: Readonly<Record<string, (seed: number) => Sampler>>;
  readonly functions: readonly TestFunction[];
  /** Trials per run. @defaultValue 100 */
  readonly trials?: number;
  /** Seeds 0 … seeds − 1. @defaultValue 10 */
  readonly seeds?: number;
  /** Run each function on a copy shifted randomly per seed (`shiftedFunction`). @defaultValue false */
  readonly shift?: boolean;
  /** Trial counts reported in the table. @defaultValue [25, 50, 100] (those ≤ trials, and trials itself) */
  readonly checkpoints?: readonly number[];
  /** Called after each (function, sampler) pair with what is done so far. */
  readonly onProgress?: (event: { fn: string; sampler: string; done: number; total: number; result: RegretResult }) => void;
}

/** One (function, sampler) pair. */
export interface BenchmarkCell {
  readonly fn: string;
  readonly sampler: string;
  readonly result: RegretResult;
}

/** What `runBenchmark` returns: plain data, `JSON.stringify`-able once curves are arrays (see `benchmarkToJson`). */
export interface BenchmarkResult {
  readonly trials: number;
  readonly seeds: number;
  readonly shift: boolean;
  readonly samplers: readonly string[];
  readonly functions: readonly string[];
  readonly cells: readonly BenchmarkCell[];
}

/**
 * Runs every sampler on every function through ask/tell, once per seed.
 * @param options - samplers, functions, budget, seeds, shift.
 * @returns every run's regret curve and quartiles, and time per trial.
 * @throws RangeError when no sampler or function is given, a count is not a positive integer, or
 *   `shift` is asked for a function with categorical or conditional parameters.
 * @example
 * ```ts
 * await init();
 * const r = await runBenchmark({ samplers: { gp: () => new GPSampler(), random: () => new RandomSampler() }, functions: [branin], trials: 30, seeds: 3 });
 * ```
 */
export async function runBenchmark(options: BenchmarkOptions): Promise<BenchmarkResult> {
  const samplers = Object.keys(options.samplers);
  if (samplers.length === 0) throw new RangeError('runBenchmark: `samplers` must name at least one sampler but got none.');
  if (options.functions.length === 0) throw new RangeError('runBenchmark: `functions` must hold at least one function but got none.');
  const trials = options.trials ?? 100;
  const seeds = options.seeds ?? 10;
  for (const [name, v] of [
    ['trials', trials],
    ['seeds', seeds],
  ] as const) {
    checkPositiveInteger('runBenchmark', name, v);
  }
  const shift = options.shift ?? false;
  if (shift) for (const fn of options.functions) checkShiftable('runBenchmark', fn);
  const checkpoints = [...new Set([...(options.checkpoints ?? [25, 50, 100]).filter((t) => t <= trials), trials])].sort((a, b) => a - b);
  const cells: BenchmarkCell[] = [];
  const total = samplers.length * options.functions.length;
  for (const fn of options.functions) {
    for (const sampler of samplers) {
      const result = await runRegret({
        sampler: options.samplers[sampler],
        fn: shift ? (seed) => shiftedFunction(fn, seed) : fn,
        nTrials: trials,
        seeds,
        checkpoints,
      });
      cells.push({ fn: result.fn, sampler, result });
      options.onProgress?.({ fn: result.fn, sampler, done: cells.length, total, result });
    }
  }
  return { trials, seeds, shift, samplers, functions: [...new Set(cells.map((c) => c.fn))], cells };
}

/** The result as JSON-ready data: curves as arrays of numbers. */
export function benchmarkToJson(result: BenchmarkResult): unknown {
  return {
    ...result,
    cells: result.cells.map((c) => ({
      fn: c.fn,
      sampler: c.sampler,
      msPerTrial: c.result.msPerTrial,
      checkpoints: c.result.checkpoints,
      curves: c.result.curves.map((curve) => Array.from(curve)),
    })),
  };
}

/** One regret chart per function, Vega-Lite specs. */
export function benchmarkPlotSpecs(result: BenchmarkResult): { fn: string; spec: Record<string, unknown> }[] {
  const comparison = {
    samplers: Object.fromEntries(
      result.samplers.map((s) => [s, result.cells.filter((c) => c.sampler === s).map((c) => ({ fn: c.fn, curves: c.result.curves }))]),
    ),
  };
  return result.functions.map((fn) => ({ fn, spec: regretCurveSpec(comparison, fn, { samplers: result.samplers }).spec }));
}
