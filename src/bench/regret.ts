import type { Sampler } from '../samplers/base.js';
import { createStudy } from '../study/create.js';
import type { TestFunction } from './functions.js';

/** Options of `runRegret`. */
export interface RegretOptions {
  /**
   * The sampler under test, or a factory called with each run's seed. A sampler without a seed of
   * its own follows the study seed, which is the run's seed, so one instance serves every run.
   */
  sampler: Sampler | ((seed: number) => Sampler);
  /** The function to minimise, or a factory called with each run's seed (e.g. a shifted copy). */
  fn: TestFunction | ((seed: number) => TestFunction);
  /** Trials per run. @defaultValue 100 */
  nTrials?: number;
  /** Run seeds, or how many (seeds 0, 1, ..., n − 1). @defaultValue 10 */
  seeds?: number | readonly number[];
  /** Trial counts at which quartiles are reported (those above nTrials are dropped). @defaultValue [25, 50, 100] */
  checkpoints?: readonly number[];
  /** Receives study warnings (sampler fallbacks...). @defaultValue ignore them */
  onWarning?: (message: string) => void;
}

/** Quartiles of simple regret over the runs after `trials` trials. */
export interface RegretCheckpoint {
  readonly trials: number;
  readonly q1: number;
  readonly median: number;
  readonly q3: number;
}

/** What `runRegret` returns. */
export interface RegretResult {
  readonly fn: string;
  readonly nTrials: number;
  readonly seeds: readonly number[];
  /** Per run: simple regret (best value so far − the known minimum, at least 0) after each trial. */
  readonly curves: readonly Float64Array[];
  readonly checkpoints: readonly RegretCheckpoint[];
  /** Mean milliseconds per trial spent in bonito (ask, suggest, tell), the objective excluded. */
  readonly msPerTrial: number;
}

/**
 * Runs a sampler on a test function through the study's ask/tell API, once per seed (the seed is
 * the study seed), and returns simple-regret curves and their quartiles at the checkpoints.
 *
 * @param options - sampler, function, budget, seeds and checkpoints.
 * @returns the curves and quartiles.
 * @throws RangeError when `nTrials` is not a positive integer or `seeds` is empty or invalid.
 * @example
 * ```ts
 * await init();
 * const r = await runRegret({ sampler: new SobolSampler(), fn: branin, nTrials: 50, seeds: 10 });
 * r.checkpoints; // [{ trials: 25, q1, median, q3 }, { trials: 50, ... }]
 * ```
 */
export async function runRegret(options: RegretOptions): Promise<RegretResult> {
  const nTrials = options.nTrials ?? 100;
  if (!Number.isSafeInteger(nTrials) || nTrials < 1) {
    throw new RangeError(`runRegret: \`nTrials\` must be a positive integer but got ${nTrials}.`);
  }
  const seeds = typeof options.seeds === 'object' ? [...options.seeds] : seedList(options.seeds ?? 10);
  if (seeds.length === 0) throw new RangeError('runRegret: `seeds` must hold at least one seed but got none.');
  const curves: Float64Array[] = [];
  let ms = 0;
  let name = '';
  for (const seed of seeds) {
    const sampler = typeof options.sampler === 'function' ? options.sampler(seed) : options.sampler;
    const fn = typeof options.fn === 'function' ? options.fn(seed) : options.fn;
    name = fn.name;
    const run = await runOnce(sampler, fn, nTrials, seed, options.onWarning ?? (() => {}));
    curves.push(run.curve);
    ms += run.ms;
  }
  const checkpoints = (options.checkpoints ?? [25, 50, 100])
    .filter((t) => t >= 1 && t <= nTrials)
    .map((trials) => ({ trials, ...quartiles(curves.map((c) => c[trials - 1])) }));
  return Object.freeze({ fn: name, nTrials, seeds, curves, checkpoints, msPerTrial: ms / (seeds.length * nTrials) });
}

/**
 * Sample quartiles with linear interpolation between order statistics (numpy's default, R type 7).
 * @param values - at least one number.
 * @returns q1, median and q3.
 * @example
 * ```ts
 * quartiles([1, 2, 3, 4]); // { q1: 1.75, median: 2.5, q3: 3.25 }
 * ```
 */
export function quartiles(values: readonly number[]): { q1: number; median: number; q3: number } {
  const s = Float64Array.from(values).sort();
  const at = (p: number) => {
    const h = (s.length - 1) * p;
    const lo = Math.floor(h);
    if (lo + 1 >= s.length || h === lo || s[lo] === s[lo + 1]) return s[lo];
    // Interpolating towards +Infinity (a run that never found a feasible point) is +Infinity.
    if (s[lo + 1] === Infinity) return Infinity;
    return s[lo] + (h - lo) * (s[lo + 1] - s[lo]);
  };
  return { q1: at(0.25), median: at(0.5), q3: at(0.75) };
}

async function runOnce(
  sampler: Sampler,
  fn: TestFunction,
  nTrials: number,
  seed: number,
  onWarning: (message: string) => void,
): Promise<{ curve: Float64Array; ms: number }> {
  const study = await createStudy({ sampler, seed, direction: 'minimize', onWarning });
  const names = Object.keys(fn.space);
  const x = new Float64Array(fn.d);
  const curve = new Float64Array(nTrials);
  let best = Infinity;
  let ms = 0;
  for (let i = 0; i < nTrials; i++) {
    const started = performance.now();
    const trial = await study.ask();
    let params: Readonly<Record<string, unknown>> | undefined;
    if (fn.suggest !== undefined) params = fn.suggest(trial);
    else names.forEach((name, j) => (x[j] = trial.suggestFloat(name, fn.bounds[j][0], fn.bounds[j][1])));
    ms += performance.now() - started;
    const value = params === undefined ? fn.evaluate(x) : fn.objective(params);
    const telling = performance.now();
    await study.tell(trial, value);
    ms += performance.now() - telling;
    best = Math.min(best, value);
    curve[i] = Math.max(0, best - fn.minimum);
  }
  return { curve, ms };
}

function seedList(n: number): number[] {
  if (!Number.isSafeInteger(n) || n < 1) throw new RangeError(`runRegret: \`seeds\` must be a positive count or a list but got ${n}.`);
  return Array.from({ length: n }, (_, i) => i);
}
