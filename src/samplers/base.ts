import { deriveSeed } from '../core/rng.js';
import type { Distribution, ParamValue, SearchSpace } from '../space/distributions.js';
import { IntersectionSearchSpace } from './intersection.js';
import type { FrozenTrial, StudyView, TrialState } from '../trial/index.js';

/**
 * A sampler proposes parameter values for a trial (Optuna's `BaseSampler`).
 *
 * Order of calls within one trial: the study creates the trial (RUNNING) and calls `beforeTrial`;
 * then `inferRelativeSearchSpace` gives the joint space this sampler models, and `sampleRelative`
 * draws values for all of it at once, before the objective runs. Each `trial.suggestX(name)` then
 * returns the relative value when `name` is in that space with the same distribution, and calls
 * `sampleIndependent` otherwise (define-by-run parameters the sampler has not seen together yet).
 * After the objective, `afterTrial` receives the final state. Values are always in the external
 * representation (categorical choices, not indices).
 *
 * Samplers keep no state that changes results: randomness comes from
 * `Rng.derive(seed, trial.number, tag)`, so scheduling, restarts and other workers do not matter.
 *
 * @example
 * ```ts
 * const sampler: Sampler = new RandomSampler({ seed: 1 });
 * const study = await createStudy({ sampler });
 * ```
 */
export interface Sampler {
  /** The joint space this sampler models for `trial` ({} for independent samplers). */
  inferRelativeSearchSpace(study: StudyView, trial: FrozenTrial): SearchSpace;
  /** Values (external representation) for the joint space, sampled together before the objective runs. */
  sampleRelative(study: StudyView, trial: FrozenTrial, space: SearchSpace): Record<string, ParamValue>;
  /**
   * The same values as `sampleRelative`, for samplers whose sampling can take long: computed in
   * slices that give the event loop back, and stopped (the promise rejects with the signal's
   * reason) once `options.signal` aborts. May return the values directly when they took no longer
   * than one slice. `Study.ask` prefers it when present.
   */
  sampleRelativeAsync?(
    study: StudyView,
    trial: FrozenTrial,
    space: SearchSpace,
    options?: { signal?: AbortSignal },
  ): Record<string, ParamValue> | Promise<Record<string, ParamValue>>;
  /** A value for one parameter outside the joint space (define-by-run). */
  sampleIndependent(study: StudyView, trial: FrozenTrial, name: string, distribution: Distribution): ParamValue;
  /** Called when a trial starts, before any sampling. */
  beforeTrial?(study: StudyView, trial: FrozenTrial): void;
  /** Called once a trial has finished, with its final state and value. */
  afterTrial?(study: StudyView, trial: FrozenTrial, state: TrialState, value: number | null): void;
  /** GridSampler: true once every grid point has been handed out; `optimize()` then stops. */
  isExhausted?(study: StudyView): boolean;
}

/**
 * Tags that separate the random streams of the samplers for one trial, passed as the last key of
 * `Rng.derive(seed, trial.number, tag)`, so two samplers in one study never share a stream.
 * @internal
 */
export const SAMPLER_TAG = Object.freeze({
  random: 1,
  sobol: 2,
  sobolIndependent: 3,
  gp: 4,
  gpIndependent: 5,
  grid: 6,
  tpe: 7,
  tpeIndependent: 8,
  tpeStartup: 9,
  nsga2: 20,
  // 7-9 are taken by the TPE sampler on its branch.
  cmaes: 30,
  cmaesRestart: 31,
});

/**
 * A stable non-negative integer key for a parameter name (53-bit FNV-1a over UTF-16 code units),
 * so each parameter of a trial gets its own derived stream whatever the suggestion order.
 * @internal
 */
export function paramKey(name: string): number {
  // Two 32-bit FNV-1a lanes with different offsets, combined into 53 bits.
  let h1 = 0x811c9dc5;
  let h2 = 0x050c5d1f;
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193) >>> 0;
    h2 = Math.imul(h2 ^ c, 0x01000193) >>> 0;
    h2 = (h2 ^ (h2 >>> 15)) >>> 0;
  }
  return (h1 & 0x1fffff) * 2 ** 32 + h2;
}

/**
 * One uniform in [0, 1) (a multiple of 2^-53) for a path of keys under `seed`: the top 53 bits of
 * `deriveSeed(seed, ...keys)`, whose chained splitmix64 finaliser is a full-avalanche 64-bit mixer.
 * Samplers that need a single draw per (trial, parameter) use this instead of building an `Rng`
 * stream, which costs three times as much. Exact integer arithmetic: identical in every engine.
 * @internal
 */
export function derivedUniform(seed: bigint, ...keys: number[]): number {
  return Number(deriveSeed(seed, ...keys) >> 11n) * 2 ** -53;
}

/**
 * The joint search space (completed trials' intersection) of each study a sampler serves, kept
 * incrementally: a long study does not re-compare every trial at every ask. @internal
 */
export class JointSpaces {
  readonly #byStudy = new WeakMap<StudyView, IntersectionSearchSpace>();

  /** The joint space of `study`'s completed trials. */
  of(study: StudyView): SearchSpace {
    let joint = this.#byStudy.get(study);
    if (joint === undefined) this.#byStudy.set(study, (joint = new IntersectionSearchSpace()));
    return joint.update(study.getTrials(['COMPLETE']));
  }
}
