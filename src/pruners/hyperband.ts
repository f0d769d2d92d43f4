import { deriveSeed } from '../core/rng.js';
import type { FrozenTrial, StudyView, TrialState } from '../trial/index.js';
import type { Pruner } from './base.js';
import { checkCount } from './percentile.js';
import { SuccessiveHalvingPruner } from './successive-halving.js';

/** Options of `HyperbandPruner`. */
export interface HyperbandPrunerOptions {
  /** Steps before the first rung of the most aggressive bracket. @defaultValue 1 */
  minResource?: number;
  /**
   * Steps of a trial that runs to the end. 'auto': one more than the last step of the first
   * COMPLETE trial; no pruning until a trial completes. @defaultValue 'auto'
   */
  maxResource?: number | 'auto';
  /** η of every bracket's successive halving. @defaultValue 3 */
  reductionFactor?: number;
  /** Passed to every bracket's `SuccessiveHalvingPruner`. @defaultValue 0 */
  bootstrapCount?: number;
}

/** Key of the bracket hash, so it shares no stream with a sampler's draws for the same trial. */
const BRACKET_TAG = 0x4879;

/** The brackets for a resource range: their count, the share of trials each gets, and their pruners. */
interface Brackets {
  readonly budgets: readonly number[];
  readonly total: number;
  readonly pruners: readonly SuccessiveHalvingPruner[];
}

/**
 * Hyperband (Li et al. 2018, "Hyperband: A Novel Bandit-Based Approach to Hyperparameter
 * Optimization", https://jmlr.org/papers/v18/16-558.html), as Optuna's `HyperbandPruner`: s_max + 1
 * brackets of asynchronous successive halving, s_max = ⌊log_η(maxResource / minResource)⌋, where
 * bracket b starts halving at minResource · η^b (bracket 0 prunes hardest, the last one only near
 * the end). Each trial belongs to one bracket, chosen by a hash of (study seed, trial number) with
 * bracket b taking a share ⌈(s_max + 1) · η^(s_max − b) / (s_max − b + 1)⌉ of the trials (the
 * paper's n_i), and is compared only with the trials of its bracket: the bracket's
 * `SuccessiveHalvingPruner` sees the study filtered to that bracket.
 *
 * Stateless like every pruner: brackets and the filtered view are functions of the study.
 *
 * @example
 * ```ts
 * const study = await createStudy({ pruner: new HyperbandPruner({ minResource: 1, maxResource: 81 }) });
 * ```
 */
export class HyperbandPruner implements Pruner {
  readonly minResource: number;
  readonly maxResource: number | 'auto';
  readonly reductionFactor: number;
  readonly bootstrapCount: number;
  /** The brackets of a fixed maxResource, built once; 'auto' builds them per call (cheap). */
  readonly #fixed: Brackets | null;

  /** @throws RangeError on a resource below 1, maxResource below minResource, η below 2 or a negative count. */
  constructor(options: HyperbandPrunerOptions = {}) {
    const where = 'HyperbandPruner';
    this.minResource = checkCount(where, 'minResource', options.minResource ?? 1, 1);
    const max = options.maxResource ?? 'auto';
    this.maxResource = max === 'auto' ? 'auto' : checkCount(where, 'maxResource', max, this.minResource);
    this.reductionFactor = checkCount(where, 'reductionFactor', options.reductionFactor ?? 3, 2);
    this.bootstrapCount = checkCount(where, 'bootstrapCount', options.bootstrapCount ?? 0, 0);
    this.#fixed = this.maxResource === 'auto' ? null : this.#brackets(this.maxResource);
    Object.freeze(this);
  }

  /** The number of brackets, or null while maxResource 'auto' waits for a completed trial. */
  bracketCount(study: StudyView): number | null {
    return this.#bracketsOf(study)?.budgets.length ?? null;
  }

  /** The bracket of `trial` (0 is the most aggressive), or null while brackets are unknown. */
  bracketOf(study: StudyView, trial: FrozenTrial): number | null {
    const brackets = this.#bracketsOf(study);
    return brackets === null ? null : assign(brackets, study.seed, trial.number);
  }

  /** @returns true when the trial's bracket's successive halving prunes it among that bracket's trials. */
  prune(study: StudyView, trial: FrozenTrial): boolean {
    const brackets = this.#bracketsOf(study);
    if (brackets === null) return false;
    const bracket = assign(brackets, study.seed, trial.number);
    const inBracket: StudyView = {
      direction: study.direction,
      seed: study.seed,
      warnOnce: (key, message) => study.warnOnce(key, message),
      getTrials: (states?: readonly TrialState[]) =>
        study.getTrials(states).filter((t) => assign(brackets, study.seed, t.number) === bracket),
    };
    return brackets.pruners[bracket].prune(inBracket, trial);
  }

  #bracketsOf(study: StudyView): Brackets | null {
    if (this.#fixed !== null) return this.#fixed;
    const first = study.getTrials(['COMPLETE'])[0];
    if (first === undefined) return null;
    let last = -1;
    for (const s of first.intermediateValues.keys()) if (s > last) last = s;
    if (last < 0) return null;
    return this.#brackets(Math.max(last + 1, this.minResource));
  }

  #brackets(maxResource: number): Brackets {
    const eta = this.reductionFactor;
    // ⌊log_η(R/r)⌋ in integers, free of floating-point log rounding at exact powers.
    let sMax = 0;
    while (this.minResource * eta ** (sMax + 1) <= maxResource) sMax++;
    const count = sMax + 1;
    const budgets = Array.from({ length: count }, (_, b) => {
      const s = sMax - b;
      return Math.ceil((count * eta ** s) / (s + 1));
    });
    const pruners = budgets.map(
      (_, b) =>
        new SuccessiveHalvingPruner({
          minResource: this.minResource,
          reductionFactor: eta,
          minEarlyStoppingRate: b,
          bootstrapCount: this.bootstrapCount,
        }),
    );
    return { budgets, total: budgets.reduce((a, b) => a + b, 0), pruners };
  }
}

/** The bracket of trial `number`: a uniform hash mod the total budget, cut into the budgets. */
function assign(brackets: Brackets, seed: bigint, number: number): number {
  let n = Number(deriveSeed(seed, number, BRACKET_TAG) % BigInt(brackets.total));
  for (let b = 0; b < brackets.budgets.length; b++) {
    n -= brackets.budgets[b];
    if (n < 0) return b;
  }
  return brackets.budgets.length - 1;
}
