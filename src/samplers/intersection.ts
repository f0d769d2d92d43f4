import { sameDistribution, type Distribution, type SearchSpace } from '../space/distributions.js';
import type { FrozenTrial, TrialState } from '../trial/index.js';
import { nameRecord } from '../space/record.js';

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
  return new IntersectionSearchSpace(options).update(trials);
}

/**
 * `intersectionSearchSpace` kept up to date across calls: trials already intersected are
 * skipped, which is sound because a finished trial never changes in an append-only journal.
 * Samplers keep one per study, so a long study does not re-compare every trial's distributions
 * at every ask (a Set lookup per trial instead).
 *
 * @example
 * ```ts
 * const joint = new IntersectionSearchSpace();
 * joint.update(study.trials); // after each finished trial: only the new ones are compared
 * ```
 */
export class IntersectionSearchSpace {
  readonly #accepted: readonly TrialState[];
  readonly #seen = new Set<number>();
  #space: Map<string, Distribution> | null = null;
  #result: SearchSpace = Object.freeze({});

  /** @param options - `includePruned`. */
  constructor(options: IntersectionOptions = {}) {
    this.#accepted = options.includePruned ? ['COMPLETE', 'PRUNED'] : ['COMPLETE'];
  }

  /**
   * Intersects the finished trials not seen before and returns the joint space so far.
   * @param trials - the study's trials, or any superset of those passed before.
   */
  update(trials: readonly FrozenTrial[]): SearchSpace {
    let changed = false;
    for (const trial of trials) {
      if (!this.#accepted.includes(trial.state) || this.#seen.has(trial.trialId)) continue;
      this.#seen.add(trial.trialId);
      if (this.#space === null) {
        this.#space = new Map(Object.entries(trial.distributions));
        changed = true;
        continue;
      }
      for (const [name, d] of this.#space) {
        const other = trial.distributions[name];
        if (other === undefined || (other !== d && !sameDistribution(d, other))) {
          this.#space.delete(name);
          changed = true;
        }
      }
    }
    if (changed) {
      const out = nameRecord<Distribution>();
      const space = this.#space as Map<string, Distribution>;
      for (const name of [...space.keys()].sort()) out[name] = space.get(name)!;
      this.#result = Object.freeze(out);
    }
    return this.#result;
  }
}
