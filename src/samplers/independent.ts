import type { Distribution, ParamValue } from '../space/distributions.js';
import type { FrozenTrial, StudyView } from '../trial/index.js';
import type { Sampler } from './base.js';
import { describeValue } from '../errors.js';

/**
 * How the relative samplers (GP, Sobol) handle a parameter outside their joint search space: they
 * hand it to an independent sampler (Optuna's `independent_sampler`, a `RandomSampler` by
 * default) and say so once per study. One template for the notice, so every sampler words it
 * the same way. @internal
 */

/** Validates an `independentSampler` option. */
export function checkIndependentSampler(where: string, sampler: unknown): Sampler {
  if (typeof (sampler as Sampler | null)?.sampleIndependent !== 'function') {
    throw new TypeError(
      `${where}: \`independentSampler\` must be a sampler (with a \`sampleIndependent\` method) but got ${describeValue(sampler)}.`,
    );
  }
  return sampler as Sampler;
}

/** The once-per-study notice that `name` fell outside `sampler`'s joint space. */
export function independentSamplingNotice(sampler: string, name: string, modelledBy: string): string {
  return (
    `${sampler}: parameter \`${name}\` is not in the joint search space of the completed trials ` +
    '(a conditional parameter, or one whose distribution changed), so it and any others like it are drawn ' +
    `by the independent sampler (uniformly at random by default) instead of ${modelledBy}; ` +
    'pass `warnIndependentSampling: false` to silence this.'
  );
}

/** Options of {@link sampleOutsideJointSpace}. */
export interface FallbackOptions {
  /** The relative sampler's name, in the notice and its once-per-study key. */
  readonly sampler: string;
  /** How the joint space is sampled ("by the Gaussian process"), in the notice. */
  readonly modelledBy: string;
  readonly independentSampler: Sampler;
  readonly warn: boolean;
}

/**
 * A value for `name` from the independent sampler, with the notice once any trial has completed
 * (before that every parameter is outside the joint space, which is expected).
 */
export function sampleOutsideJointSpace(
  study: StudyView,
  trial: FrozenTrial,
  name: string,
  distribution: Distribution,
  options: FallbackOptions,
): ParamValue {
  if (options.warn && study.getTrials(['COMPLETE']).length > 0) {
    study.warnOnce(`${options.sampler}.independent`, independentSamplingNotice(options.sampler, name, options.modelledBy));
  }
  return options.independentSampler.sampleIndependent(study, trial, name, distribution);
}
