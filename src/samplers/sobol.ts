import { checkSeed, deriveSeed } from '../core/rng.js';
import { Sobol, type SobolScramble } from '../core/sobol.js';
import type { Distribution, ParamValue, SearchSpace } from '../space/distributions.js';
import { SearchSpaceTransform } from '../space/transform.js';
import type { FrozenTrial, StudyView, TrialState } from '../trial/index.js';
import { checkBoolean, checkOneOf } from '../validate.js';
import { JointSpaces, SAMPLER_TAG, type Sampler } from './base.js';
import { checkIndependentSampler, sampleOutsideJointSpace } from './independent.js';
import { RandomSampler } from './random.js';

/** Options of `SobolSampler`. */
export interface SobolSamplerOptions {
  /** Seed of the scrambling and of the independent draws. @defaultValue the study seed */
  seed?: number | bigint;
  /** Randomization of the sequence: `'lms'` (matrix scramble + digital shift), `'owen'` or `false`. @defaultValue 'lms' */
  scramble?: SobolScramble;
  /**
   * Samples the parameters outside the joint space (all of them in trial 0, conditional ones
   * later). @defaultValue a `RandomSampler` with this sampler's seed, on a stream of its own (the
   * same draws as before this option existed; a `new RandomSampler()` passed here draws
   * differently, on the RandomSampler's stream)
   */
  independentSampler?: Sampler;
  /** Warn (once per study) when a parameter falls outside the joint space and goes to `independentSampler`. @defaultValue true */
  warnIndependentSampling?: boolean;
}

/**
 * Quasi-random search with a scrambled Sobol' sequence (Sobol 1967; Joe & Kuo 2008,
 * https://doi.org/10.1137/070709359; scipy's `qmc.Sobol`). Relative sampling over the joint space
 * of the study (the parameters every completed trial shares, names sorted): trial n takes point
 * n of one d-dimensional sequence and decodes it through the unit-cube transform, categoricals by
 * stratified index floor(u · k). Parameters outside the joint space (all of them in trial 0,
 * conditional ones later) go to `independentSampler` (uniformly at random by default), with a
 * once-per-study notice once any trial has completed.
 *
 * Deterministic: the point index is the trial number, a unique position in the journal, so two
 * workers never share a point and a restart reproduces every suggestion; the scrambling depends
 * only on the seed. Trial numbers taken by enqueued or independent trials leave their points
 * unused, which costs a little uniformity but keeps the allocation free of shared state.
 *
 * @example
 * ```ts
 * await init();
 * const study = await createStudy({ sampler: new SobolSampler({ seed: 3 }) });
 * await study.optimize((t) => t.suggestFloat('x', 0, 1) + t.suggestInt('n', 1, 8), { nTrials: 32 });
 * ```
 */
export class SobolSampler implements Sampler {
  /** The sampler's own seed, or undefined when it follows the study seed. */
  readonly seed: bigint | undefined;
  /** The joint space of each study this sampler serves, updated incrementally. */
  readonly #joint = new JointSpaces();
  /** The randomization in use. */
  readonly scramble: SobolScramble;
  /** Whether the fallback notice is shown. */
  readonly warnIndependentSampling: boolean;
  /** Samples the parameters outside the joint space. */
  readonly independentSampler: Sampler;
  /** The last sequence built, keyed by (d, seed): a cache rebuilt from those two whenever they change. */
  #cache: { d: number; seed: bigint; sobol: Sobol } | null = null;

  /**
   * @throws RangeError when `seed` is invalid; TypeError when `scramble` or `warnIndependentSampling` has the wrong kind.
   */
  constructor(options: SobolSamplerOptions = {}) {
    this.seed = options.seed === undefined ? undefined : checkSeed('SobolSampler', options.seed);
    this.scramble = checkOneOf('SobolSampler', 'scramble', options.scramble ?? 'lms', ['lms', 'owen', false]);
    this.warnIndependentSampling = checkBoolean('SobolSampler', 'warnIndependentSampling', options.warnIndependentSampling ?? true);
    this.independentSampler =
      options.independentSampler === undefined
        ? new RandomSampler({ seed: this.seed }, SAMPLER_TAG.sobolIndependent)
        : checkIndependentSampler('SobolSampler', options.independentSampler);
    Object.freeze(this);
  }

  inferRelativeSearchSpace(study: StudyView): SearchSpace {
    return this.#joint.of(study);
  }

  sampleRelative(study: StudyView, trial: FrozenTrial, space: SearchSpace): Record<string, ParamValue> {
    const transform = new SearchSpaceTransform(space);
    if (transform.d === 0) return {};
    return transform.decode(this.#sequence(transform.d, this.seed ?? study.seed).point(trial.number));
  }

  sampleIndependent(study: StudyView, trial: FrozenTrial, name: string, distribution: Distribution): ParamValue {
    return sampleOutsideJointSpace(study, trial, name, distribution, {
      sampler: 'SobolSampler',
      modelledBy: 'from the Sobol sequence',
      independentSampler: this.independentSampler,
      warn: this.warnIndependentSampling,
    });
  }

  beforeTrial(study: StudyView, trial: FrozenTrial): void {
    this.independentSampler.beforeTrial?.(study, trial);
  }

  afterTrial(study: StudyView, trial: FrozenTrial, state: TrialState, value: number | null): void {
    this.independentSampler.afterTrial?.(study, trial, state, value);
  }

  #sequence(d: number, seed: bigint): Sobol {
    const c = this.#cache;
    if (c !== null && c.d === d && c.seed === seed) return c.sobol;
    const sobol = new Sobol(d, { scramble: this.scramble, seed: deriveSeed(seed, SAMPLER_TAG.sobol), warn: false });
    this.#cache = { d, seed, sobol };
    return sobol;
  }
}
