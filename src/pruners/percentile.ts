import { lastReportedStep, type FrozenTrial, type StudyView } from '../trial/index.js';
import type { Pruner } from './base.js';
import { checkInteger } from '../validate.js';

/** Options of `PercentilePruner` (and `MedianPruner`, without `percentile`). */
export interface PercentilePrunerOptions {
  /** Trials are not pruned until this many trials are COMPLETE. @defaultValue 5 */
  nStartupTrials?: number;
  /** A trial is not pruned before this step. @defaultValue 0 */
  nWarmupSteps?: number;
  /** Pruning is checked at the first reported step of each interval after warm-up. @defaultValue 1 */
  intervalSteps?: number;
  /** Pruning needs at least this many COMPLETE trials that reported the same step. @defaultValue 1 */
  nMinTrials?: number;
}

/** Whether `step` is the first reported step in its pruning interval (Optuna's rule). */
function isFirstInInterval(trial: FrozenTrial, step: number, warmup: number, interval: number): boolean {
  const intervalStart = Math.floor((step - warmup) / interval) * interval + warmup;
  let previous = -1;
  for (const s of trial.intermediateValues.keys()) if (s < step && s > previous) previous = s;
  return previous < intervalStart;
}

/** Best of a trial's intermediate values so far, ignoring NaN (NaN if there are only NaNs). */
function bestIntermediate(trial: FrozenTrial, minimize: boolean): number {
  let best = NaN;
  for (const v of trial.intermediateValues.values()) {
    if (Number.isNaN(v)) continue;
    if (Number.isNaN(best) || (minimize ? v < best : v > best)) best = v;
  }
  return best;
}

/**
 * The q-th percentile (0..100) of values with linear interpolation between order statistics
 * (NumPy's default `linear` method), ignoring NaN; NaN when nothing is left.
 * @internal
 */
export function percentileOf(values: readonly number[], q: number): number {
  const sorted = values.filter((v) => !Number.isNaN(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  const pos = (q / 100) * (sorted.length - 1);
  const lo = Math.floor(pos);
  const frac = pos - lo;
  // Skipping the blend at frac = 0 keeps an infinite neighbour from turning 0 · ∞ into NaN.
  if (frac === 0 || sorted[lo] === sorted[lo + 1]) return sorted[lo];
  return sorted[lo] + frac * (sorted[lo + 1] - sorted[lo]);
}

/** @internal */
export function checkCount(where: string, name: string, v: number, min: number): number {
  return checkInteger(where, name, v, min);
}

/**
 * Prunes a trial whose best intermediate value so far is worse than the given percentile of the
 * COMPLETE trials' values at the same step (Optuna's `PercentilePruner`). For a maximized study
 * the percentile is taken from the top (percentile 25 keeps the best 25%).
 *
 * Checked at the trial's last reported step, only at the first reported step of each interval
 * after warm-up; a trial whose intermediate values are all NaN is pruned.
 *
 * @example
 * ```ts
 * const study = await createStudy({ pruner: new PercentilePruner(25, { nStartupTrials: 5, nWarmupSteps: 3 }) });
 * ```
 */
export class PercentilePruner implements Pruner {
  readonly percentile: number;
  readonly nStartupTrials: number;
  readonly nWarmupSteps: number;
  readonly intervalSteps: number;
  readonly nMinTrials: number;

  /**
   * @param percentile - in [0, 100]: prune below this percentile of the other trials.
   * @param options - start-up, warm-up, interval and minimum-trial settings.
   * @param where - class name for error messages (`MedianPruner` passes its own). @internal
   * @throws RangeError on a percentile outside [0, 100] or a negative (or zero, for
   *   `intervalSteps` and `nMinTrials`) count.
   */
  constructor(percentile: number, options: PercentilePrunerOptions = {}, where = 'PercentilePruner') {
    if (typeof percentile !== 'number' || !(percentile >= 0 && percentile <= 100)) {
      throw new RangeError(`${where}: \`percentile\` must be in [0, 100] but got ${percentile}.`);
    }
    this.percentile = percentile;
    this.nStartupTrials = checkCount(where, 'nStartupTrials', options.nStartupTrials ?? 5, 0);
    this.nWarmupSteps = checkCount(where, 'nWarmupSteps', options.nWarmupSteps ?? 0, 0);
    this.intervalSteps = checkCount(where, 'intervalSteps', options.intervalSteps ?? 1, 1);
    this.nMinTrials = checkCount(where, 'nMinTrials', options.nMinTrials ?? 1, 1);
    Object.freeze(this);
  }

  /** @returns true when the trial's best value so far is worse than the percentile. */
  prune(study: StudyView, trial: FrozenTrial): boolean {
    const completed = study.getTrials(['COMPLETE']);
    if (completed.length === 0 || completed.length < this.nStartupTrials) return false;
    const step = lastReportedStep(trial);
    if (step < 0 || step < this.nWarmupSteps) return false;
    if (!isFirstInInterval(trial, step, this.nWarmupSteps, this.intervalSteps)) return false;
    const minimize = study.direction === 'minimize';
    const best = bestIntermediate(trial, minimize);
    if (Number.isNaN(best)) return true;
    const atStep: number[] = [];
    for (const t of completed) {
      const v = t.intermediateValues.get(step);
      if (v !== undefined) atStep.push(v);
    }
    if (atStep.length < this.nMinTrials) return false;
    const threshold = percentileOf(atStep, minimize ? this.percentile : 100 - this.percentile);
    if (Number.isNaN(threshold)) return false;
    return minimize ? best > threshold : best < threshold;
  }
}
