import { checkSeed, deriveSeed } from '../core/rng.js';
import { Sobol, type SobolScramble } from '../core/sobol.js';
import type { Distribution, ParamValue, SearchSpace } from '../space/distributions.js';
import { SearchSpaceTransform, decodeValue } from '../space/transform.js';
import type { FrozenTrial, StudyView } from '../trial/index.js';
import { JointSpaces, SAMPLER_TAG, derivedUniform, paramKey, type Sampler } from './base.js';

/** Options of `SobolSampler`. */
export interface SobolSamplerOptions {
  /** Seed of the scrambling and of the independent draws. @defaultValue the study seed */
  seed?: number | bigint;
  /** Randomization of the sequence: `'lms'` (matrix scramble + digital shift), `'owen'` or `false`. @defaultValue 'lms' */
  scramble?: SobolScramble;
  /** Warn (once per study) when a parameter falls outside the joint space and is drawn at random. @defaultValue true */
  warnIndependentSampling?: boolean;
}

/** Message of the once-per-study fallback notice. */
function independentNotice(name: string): string {
  return (
    `SobolSampler: parameter \`${name}\` is not in the joint search space of the completed trials ` +
    '(a conditional parameter, or one whose distribution changed), so it and any others like it are drawn ' +
    'uniformly at random instead of from the Sobol sequence; pass `warnIndependentSampling: false` to silence this.'
  );
}

/**
 * Quasi-random search with a scrambled Sobol' sequence (Sobol 1967; Joe & Kuo 2008,
 * https://doi.org/10.1137/070709359; scipy's `qmc.Sobol`). Relative sampling over the joint space
 * of the study (the parameters every completed trial shares, names sorted): trial n takes point
 * n of one d-dimensional sequence and decodes it through the unit-cube transform, categoricals by
 * stratified index floor(u · k). Parameters outside the joint space (all of them in trial 0,
 * conditional ones later) are drawn uniformly at random, with a once-per-study notice once any
 * trial has completed.
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
  /** The last sequence built, keyed by (d, seed): a cache rebuilt from those two whenever they change. */
  #cache: { d: number; seed: bigint; sobol: Sobol } | null = null;

  /**
   * @throws RangeError when `seed` is invalid; TypeError when `scramble` or `warnIndependentSampling` has the wrong kind.
   */
  constructor(options: SobolSamplerOptions = {}) {
    this.seed = options.seed === undefined ? undefined : checkSeed('SobolSampler', options.seed);
    const scramble = options.scramble ?? 'lms';
    if (scramble !== 'lms' && scramble !== 'owen' && scramble !== false) {
      throw new TypeError(`SobolSampler: \`scramble\` must be 'lms', 'owen' or false but got ${String(scramble)}.`);
    }
    this.scramble = scramble;
    const warn = options.warnIndependentSampling ?? true;
    if (typeof warn !== 'boolean') {
      throw new TypeError(`SobolSampler: \`warnIndependentSampling\` must be a boolean but got ${String(warn)}.`);
    }
    this.warnIndependentSampling = warn;
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
    if (this.warnIndependentSampling && study.getTrials(['COMPLETE']).length > 0) {
      study.warnOnce('SobolSampler.independent', independentNotice(name));
    }
    const u = derivedUniform(this.seed ?? study.seed, trial.number, SAMPLER_TAG.sobolIndependent, paramKey(name));
    return decodeValue(distribution, u);
  }

  #sequence(d: number, seed: bigint): Sobol {
    const c = this.#cache;
    if (c !== null && c.d === d && c.seed === seed) return c.sobol;
    const sobol = new Sobol(d, { scramble: this.scramble, seed: deriveSeed(seed, SAMPLER_TAG.sobol), warn: false });
    this.#cache = { d, seed, sobol };
    return sobol;
  }
}
