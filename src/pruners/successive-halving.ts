import { lastReportedStep, type FrozenTrial, type StudyView } from '../trial/index.js';
import type { Pruner } from './base.js';
import { checkCount } from './percentile.js';

/** Options of `SuccessiveHalvingPruner`. */
export interface SuccessiveHalvingPrunerOptions {
  /**
   * Steps before the first rung (r in the paper). 'auto': the last step of the first COMPLETE
   * trial divided by 100 (at least 1); no pruning until a trial completes. @defaultValue 'auto'
   */
  minResource?: number | 'auto';
  /** η: a rung keeps the best 1/η of the trials that reached it. @defaultValue 4 */
  reductionFactor?: number;
  /** s: the first rung is at minResource · η^s. @defaultValue 0 */
  minEarlyStoppingRate?: number;
  /** A rung prunes nobody until more than this many trials reached it. @defaultValue 0 */
  bootstrapCount?: number;
}

/** The smallest reported step >= `from`, or -1. */
function crossingStep(trial: FrozenTrial, from: number): number {
  let best = -1;
  for (const s of trial.intermediateValues.keys()) if (s >= from && (best < 0 || s < best)) best = s;
  return best;
}

/**
 * Asynchronous successive halving (ASHA; Li et al. 2020, "A System for Massively Parallel
 * Hyperparameter Tuning", https://arxiv.org/abs/1810.05934), as Optuna's
 * `SuccessiveHalvingPruner`. Rung k sits at step minResource · η^(s + k). When a trial's
 * reports first reach a rung, its value there is compared with the values every other trial had
 * when it reached that rung: it continues only if it is within the best 1/η of them (the single
 * best while fewer than η trials reached the rung).
 *
 * Stateless: a trial's value at a rung is its value at the first reported step at or beyond the
 * rung, so every worker computes the same rungs from the trials alone. A rung is judged at the
 * report that reaches it, so call `shouldPrune()` after every `report()`.
 *
 * @example
 * ```ts
 * const study = await createStudy({ pruner: new SuccessiveHalvingPruner({ minResource: 1, reductionFactor: 3 }) });
 * ```
 */
export class SuccessiveHalvingPruner implements Pruner {
  readonly minResource: number | 'auto';
  readonly reductionFactor: number;
  readonly minEarlyStoppingRate: number;
  readonly bootstrapCount: number;

  /** @throws RangeError on a minResource below 1, a reductionFactor below 2 or a negative count. */
  constructor(options: SuccessiveHalvingPrunerOptions = {}) {
    const where = 'SuccessiveHalvingPruner';
    const minResource = options.minResource ?? 'auto';
    this.minResource = minResource === 'auto' ? 'auto' : checkCount(where, 'minResource', minResource, 1);
    this.reductionFactor = checkCount(where, 'reductionFactor', options.reductionFactor ?? 4, 2);
    this.minEarlyStoppingRate = checkCount(where, 'minEarlyStoppingRate', options.minEarlyStoppingRate ?? 0, 0);
    this.bootstrapCount = checkCount(where, 'bootstrapCount', options.bootstrapCount ?? 0, 0);
    Object.freeze(this);
  }

  /** @returns true when the trial falls out of the best 1/η at a rung it has just reached. */
  prune(study: StudyView, trial: FrozenTrial): boolean {
    const step = lastReportedStep(trial);
    if (step < 0) return false;
    const minResource = this.#minResource(study);
    if (minResource === null) return false;
    const others = study.getTrials().filter((t) => t.trialId !== trial.trialId);
    const minimize = study.direction === 'minimize';
    for (let rung = 0; ; rung++) {
      const promotion = minResource * this.reductionFactor ** (this.minEarlyStoppingRate + rung);
      if (step < promotion) return false;
      // Rungs already passed were judged at earlier reports.
      if (crossingStep(trial, promotion) !== step) continue;
      const value = trial.intermediateValues.get(step) as number;
      if (Number.isNaN(value)) return true;
      const competing = [value];
      for (const t of others) {
        const s = crossingStep(t, promotion);
        if (s < 0) continue;
        const v = t.intermediateValues.get(s) as number;
        if (!Number.isNaN(v)) competing.push(v);
      }
      if (competing.length <= this.bootstrapCount) return false;
      competing.sort((a, b) => (minimize ? a - b : b - a));
      const keep = Math.max(Math.floor(competing.length / this.reductionFactor) - 1, 0);
      const threshold = competing[keep];
      if (minimize ? value > threshold : value < threshold) return true;
    }
  }

  #minResource(study: StudyView): number | null {
    if (this.minResource !== 'auto') return this.minResource;
    const first = study.getTrials(['COMPLETE'])[0];
    if (first === undefined) return null;
    const last = lastReportedStep(first);
    if (last < 0) return null;
    return Math.max(Math.floor(last / 100), 1);
  }
}
