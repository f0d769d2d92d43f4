import { checkSeed } from '../core/rng.js';
import type { Distribution, ParamValue, SearchSpace } from '../space/distributions.js';
import { decodeValue } from '../space/transform.js';
import type { FrozenTrial, StudyView } from '../trial/index.js';
import { SAMPLER_TAG, derivedUniform, paramKey, type Sampler } from './base.js';

/** Options of `RandomSampler`. */
export interface RandomSamplerOptions {
  /** Seed of this sampler's streams. @defaultValue the study seed */
  seed?: number | bigint;
}

/**
 * Independent uniform sampling: every parameter is drawn on its own, uniformly in the encoded
 * unit interval (log-uniform for log parameters, each int or step value equally likely, each
 * choice equally likely). Relative sampling is not used.
 *
 * Deterministic: the value of parameter `name` in trial `n` comes from the uniform
 * `derivedUniform(seed, n, tag, key(name))` (the derivation behind `Rng.derive`), so it depends
 * only on the seed, the trial number and the name, never on scheduling or suggestion order.
 *
 * @example
 * ```ts
 * await init();
 * const study = await createStudy({ sampler: new RandomSampler({ seed: 7 }) });
 * await study.optimize((t) => (t.suggestFloat('x', -1, 1) - 0.3) ** 2, { nTrials: 50 });
 * ```
 */
export class RandomSampler implements Sampler {
  /** The sampler's own seed, or undefined when it follows the study seed. */
  readonly seed: bigint | undefined;
  /** Tag of this sampler's streams (see SAMPLER_TAG). */
  readonly #stream: number;

  /**
   * @param options - the seed.
   * @param stream - @internal the stream tag: samplers that fall back on a RandomSampler for
   *   parameters outside their joint space pass their own tag, so the fallback draws stay the ones
   *   they made before the fallback was a RandomSampler, and differ from a RandomSampler's in
   *   the same study.
   * @throws RangeError when `seed` is not a non-negative integer below 2^64.
   */
  constructor(options: RandomSamplerOptions = {}, stream: number = SAMPLER_TAG.random) {
    this.seed = options.seed === undefined ? undefined : checkSeed('RandomSampler', options.seed);
    this.#stream = stream;
    Object.freeze(this);
  }

  inferRelativeSearchSpace(): SearchSpace {
    return {};
  }

  sampleRelative(): Record<string, ParamValue> {
    return {};
  }

  sampleIndependent(study: StudyView, trial: FrozenTrial, name: string, distribution: Distribution): ParamValue {
    const u = derivedUniform(this.seed ?? study.seed, trial.number, this.#stream, paramKey(name));
    return decodeValue(distribution, u);
  }
}
