import { sameDistribution, type Distribution, type SearchSpace } from './distributions.js';
import type { FrozenTrial, TrialState } from '../study/frozen-trial.js';

/** Options of `intersectionSearchSpace`. */
export interface IntersectionOptions {
  /** Count PRUNED trials as well as COMPLETE ones. @defaultValue false */
  includePruned?: boolean;
}

/**
 * The joint search space of a study: the parameters that every completed trial suggested, each
 * with the same distribution in all of them (Optuna's `IntersectionSearchSpace`). Names come out
 * sorted, so the column order does not depend on the order in which objectives suggest.
 * A parameter whose distribution changed between trials is left out.
 *
 * @param trials - the study's trials (other states are ignored).
 * @param options - `includePruned`.
 * @returns the joint space; `{}` before any trial has completed.
 * @example
 * ```ts
 * const space = intersectionSearchSpace(study.trials);
 * ```
 */
export function intersectionSearchSpace(trials: readonly FrozenTrial[], options: IntersectionOptions = {}): SearchSpace {
  const accepted: readonly TrialState[] = options.includePruned ? ['COMPLETE', 'PRUNED'] : ['COMPLETE'];
  let space: Map<string, Distribution> | null = null;
  for (const trial of trials) {
    if (!accepted.includes(trial.state)) continue;
    if (space === null) {
      space = new Map(Object.entries(trial.distributions));
      continue;
    }
    for (const [name, d] of space) {
      const other = trial.distributions[name];
      if (other === undefined || !sameDistribution(d, other)) space.delete(name);
    }
    if (space.size === 0) break;
  }
  const out: Record<string, Distribution> = {};
  if (space !== null) for (const name of [...space.keys()].sort()) out[name] = space.get(name)!;
  return Object.freeze(out);
}
