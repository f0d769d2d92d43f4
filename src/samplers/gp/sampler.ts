import { maximizeAcquisition, type PendingBelief } from '../../core/acquisition-optimizer.js';
import { GaussianProcess, gaussianProcessState, type GaussianProcessFitOptions, type GaussianProcessPrior } from '../../core/gp.js';
import { checkSeed, deriveSeed } from '../../core/rng.js';
import { sameDistribution, type Distribution, type ParamValue, type SearchSpace } from '../../space/distributions.js';
import { SearchSpaceTransform, decodeValue } from '../../space/transform.js';
import { SYSTEM_ATTR, type FrozenTrial, type StudyView } from '../../trial/index.js';
import { JointSpaces, SAMPLER_TAG, derivedUniform, paramKey, type Sampler } from '../base.js';
import { SobolSampler } from '../sobol.js';
import { decodeRow, discreteColumns, encodeTrials, modelTargets, type OutputWarping } from './model-data.js';

/** Options of `GPSampler`. */
export interface GPSamplerOptions {
  /** Seed of the start-up sequence, the acquisition search and independent draws. @defaultValue the study seed */
  seed?: number | bigint;
  /** Completed trials sampled by the start-up design before the model takes over. @defaultValue 10 */
  nStartupTrials?: number;
  /**
   * Start-up design: `'sobol'` (scrambled Sobol points, spread evenly) or `'random'` (the
   * RandomSampler's draws, as Optuna does). @defaultValue 'sobol'
   */
  startup?: 'sobol' | 'random';
  /** Hyperparameter prior of the GP fit (see `GaussianProcess.fit`). @defaultValue 'default' */
  prior?: GaussianProcessPrior;
  /** Sobol candidates scored before the local searches of the acquisition optimizer. @defaultValue 2048 */
  nCandidates?: number;
  /** Local searches of the acquisition optimizer. @defaultValue 10 */
  nLocalSearch?: number;
  /**
   * What the model believes a running trial returns (see `maximizeAcquisition`): `'worst'`
   * (constant liar at the worst observed value) keeps trials asked back to back apart;
   * `'posterior-mean'` (kriging believer) only shrinks the variance there. @defaultValue 'worst'
   */
  pendingBelief?: PendingBelief;
  /**
   * Transform of the objective values before the fit: `'log-tail'` log-compresses the values
   * worse than the median (order-preserving, see the class notes); `'none'` models them as they
   * are, like Optuna. @defaultValue 'log-tail'
   */
  outputWarping?: OutputWarping;
  /** Warn (once per study) when a parameter falls outside the joint space and is drawn at random. @defaultValue true */
  warnIndependentSampling?: boolean;
}

function independentNotice(name: string): string {
  return (
    `GPSampler: parameter \`${name}\` is not in the joint search space of the completed trials ` +
    '(a conditional parameter, or one whose distribution changed), so it and any others like it are drawn ' +
    'uniformly at random instead of by the Gaussian process; pass `warnIndependentSampling: false` to silence this.'
  );
}

/** The point RandomSampler would draw for this trial, so the two start-up designs compare like for like. */
function randomPoint(seed: bigint, trialNumber: number, space: SearchSpace): Record<string, ParamValue> {
  const out: Record<string, ParamValue> = {};
  for (const [name, distribution] of Object.entries(space)) {
    out[name] = decodeValue(distribution, derivedUniform(seed, trialNumber, SAMPLER_TAG.random, paramKey(name)));
  }
  return out;
}

/**
 * Trial system attribute holding the log-hyperparameters θ = (log ℓ_1..log ℓ_d, log σ²,
 * log(σ_n² − floor)) fitted when the trial was sampled: the next fit starts there, as Optuna's
 * GPSampler warm-starts from its previous model. Kept in the journal rather than in memory, so a
 * restarted study (loadStudy on the same journal) makes the same fits and the same suggestions.
 * @internal
 */

/**
 * Noise floor of the fit (standardized units; GaussianProcess.fit's default is 1e-6, Optuna's too).
 * Objectives tuned by a sampler are mostly deterministic, and at 1e-6 the model cannot resolve
 * differences below ~1e-3 standard deviations, which stalls the final approach to a minimum:
 * bench/samplers' Branin median regret at 50 trials goes from 6.9e-5 to 7.5e-6 at 1e-8 (1e-10
 * costs Styblinski–Tang; see docs/gp-performance.md).
 */
const MIN_NOISE_VARIANCE = 1e-8;

/**
 * Up to this many completed trials each fit also runs from the default start besides the warm one
 * and keeps the better MAP point, while the fit is cheap. In bench/samplers' regret runs either
 * start alone leaves a function behind Optuna (warm only: Styblinski–Tang-8 at 50 trials; default
 * only: Hartmann6 at 50, Ackley-10 at 100), both together none. Beyond, only the warm start runs
 * (see WARM_MAX_ITERATIONS, MULTI_START_PERIOD), which keeps the fit within the latency budget.
 */
const MULTI_START_MAX_TRIALS = 100;

/** The options of the sampler's fit to `completed` (warm start, noise floor, starts). @internal */
export function fitOptions(
  transform: SearchSpaceTransform, completed: readonly FrozenTrial[], prior: GaussianProcessPrior, trialNumber: number,
): GaussianProcessFitOptions {
  const few = completed.length <= MULTI_START_MAX_TRIALS;
  return {
    d: transform.d,
    categorical: transform.categorical,
    prior,
    minNoiseVariance: MIN_NOISE_VARIANCE,
    warmStartTheta: lastFit(completed, transform.d),
    multiStart: few || trialNumber % MULTI_START_PERIOD === 0,
    warmStartMaxIterations: few ? undefined : WARM_MAX_ITERATIONS,
  };
}

/**
 * L-BFGS iterations of a warm-started fit beyond MULTI_START_MAX_TRIALS. One more observation
 * moves the MAP point little, and the fit stores where it stopped, so the next trial's fit goes on
 * from there: the optimization is spread over trials instead of being finished in each one.
 */
const WARM_MAX_ITERATIONS = 5;

/**
 * Beyond MULTI_START_MAX_TRIALS, every trial whose number is a multiple of this still fits from
 * the default start too, so a chain of warm starts cannot stay in a worse basin for long (on the
 * 10-D sphere the chain sat 100+ nats of likelihood below the default start's optimum at 250 trials).
 */
const MULTI_START_PERIOD = 10;

/** θ stored by the latest completed trial that has one for d dimensions, if any. */
function lastFit(completed: readonly FrozenTrial[], d: number): number[] | undefined {
  for (let i = completed.length - 1; i >= 0; i--) {
    const theta = completed[i].systemAttrs[SYSTEM_ATTR.gpLogHyperparameters];
    if (Array.isArray(theta) && theta.length === d + 2 && theta.every((v) => typeof v === 'number' && Number.isFinite(v))) {
      return theta as number[];
    }
  }
  return undefined;
}

function positiveInteger(name: string, v: unknown, min: number): number {
  if (typeof v !== 'number') throw new TypeError(`GPSampler: \`${name}\` must be a number but got ${String(v)}.`);
  if (!Number.isSafeInteger(v) || v < min) throw new RangeError(`GPSampler: \`${name}\` must be an integer >= ${min} but got ${v}.`);
  return v;
}

/**
 * Bayesian optimization with a Gaussian process (Optuna's GPSampler; Snoek et al. 2012,
 * https://arxiv.org/abs/1206.2944; logEI from Ament et al. 2023, https://arxiv.org/abs/2310.20708).
 * Relative sampling over the joint space of the completed trials: after `nStartupTrials` trials
 * from a scrambled Sobol sequence, each trial fits a Matérn-5/2 ARD GP (MAP hyperparameters; log
 * parameters in log space, ints padded by half a step, categoricals by Hamming distance) to the
 * completed trials (and to PRUNED ones at the value they were pruned with, so a region that
 * keeps being pruned is learnt, not proposed again) and takes the maximizer of log expected improvement (2048 Sobol candidates,
 * then multi-start L-BFGS-B and exact search over discrete dimensions). Running trials are
 * pending points: by default the model believes they return the worst value seen so far
 * (constant liar), which lowers the mean and removes the variance around them, so concurrent
 * workers do not propose the same point. (Believing the posterior mean instead, the kriging
 * believer, leaves the mean untouched: near convergence four trials asked together landed within
 * 3e-6 of each other on a 2-D bowl, against 0.18 with the lie.) A running trial counts once its values are
 * known: recorded through `suggest*`, or (same process) its relative sample from `ask()` when the
 * study provides `relativeParamsOf`; another process's trial that has not suggested yet is unseen. ±Infinity values are clipped to the finite
 * range before the fit. By default values worse than the median are log-compressed first
 * (`outputWarping: 'log-tail'`, order-preserving; Optuna's GP has no such step): in
 * bench/samplers it takes Rosenbrock-5's median regret at 100 trials from 286 to 8 and does not
 * hurt the other four functions.
 * Parameters outside the joint space are drawn at random (with a notice).
 *
 * Each fit warm-starts from the log-hyperparameters the latest completed trial stored in its system
 * attributes (`gp:log_hyperparameters`, written through `StudyView.setTrialSystemAttr`), as Optuna
 * warm-starts from its previous model; up to 100 trials it also fits from the default start and
 * keeps the better point, beyond that the warm fit is capped at 5 iterations and every 10th trial
 * refits from the default start too (docs/gp-performance.md). The noise floor is 1e-8.
 *
 * Deterministic: the start-up point index and the acquisition seed derive from (seed, trial
 * number), and the fit depends only on the journal (the trials and the θ they stored), so a given
 * history gives the same suggestion, after a restart (loadStudy on the same journal) too.
 *
 * @example
 * ```ts
 * await init();
 * const study = await createStudy({ sampler: new GPSampler({ seed: 1 }) });
 * await study.optimize((t) => (t.suggestFloat('x', -5, 5) - 1) ** 2 + t.suggestInt('n', 1, 4), { nTrials: 30 });
 * ```
 */
export class GPSampler implements Sampler {
  /** The sampler's own seed, or undefined when it follows the study seed. */
  readonly seed: bigint | undefined;
  readonly nStartupTrials: number;
  readonly startup: 'sobol' | 'random';
  readonly prior: GaussianProcessPrior;
  readonly nCandidates: number;
  readonly nLocalSearch: number;
  readonly pendingBelief: PendingBelief;
  readonly outputWarping: OutputWarping;
  readonly warnIndependentSampling: boolean;
  readonly #startup: SobolSampler;
  /** The joint space of each study this sampler serves, updated incrementally. */
  readonly #joint = new JointSpaces();

  /**
   * @throws RangeError for an invalid seed or a count out of range; TypeError for options of the wrong kind.
   */
  constructor(options: GPSamplerOptions = {}) {
    this.seed = options.seed === undefined ? undefined : checkSeed('GPSampler', options.seed);
    this.nStartupTrials = positiveInteger('nStartupTrials', options.nStartupTrials ?? 10, 1);
    const startup = options.startup ?? 'sobol';
    if (startup !== 'sobol' && startup !== 'random') {
      throw new TypeError(`GPSampler: \`startup\` must be 'sobol' or 'random' but got ${String(startup)}.`);
    }
    this.startup = startup;
    this.nCandidates = positiveInteger('nCandidates', options.nCandidates ?? 2048, 1);
    this.nLocalSearch = positiveInteger('nLocalSearch', options.nLocalSearch ?? 10, 1);
    const belief = options.pendingBelief ?? 'worst';
    if (belief !== 'worst' && belief !== 'posterior-mean' && belief !== 'mean') {
      throw new TypeError(`GPSampler: \`pendingBelief\` must be 'worst', 'posterior-mean' or 'mean' but got ${String(belief)}.`);
    }
    this.pendingBelief = belief;
    const prior = options.prior ?? 'default';
    if (prior !== 'default' && prior !== 'dim-scaled' && prior !== 'none') {
      throw new TypeError(`GPSampler: \`prior\` must be 'default', 'dim-scaled' or 'none' but got ${String(prior)}.`);
    }
    this.prior = prior;
    const warping = options.outputWarping ?? 'log-tail';
    if (warping !== 'log-tail' && warping !== 'none') {
      throw new TypeError(`GPSampler: \`outputWarping\` must be 'log-tail' or 'none' but got ${String(warping)}.`);
    }
    this.outputWarping = warping;
    const warn = options.warnIndependentSampling ?? true;
    if (typeof warn !== 'boolean') {
      throw new TypeError(`GPSampler: \`warnIndependentSampling\` must be a boolean but got ${String(warn)}.`);
    }
    this.warnIndependentSampling = warn;
    this.#startup = new SobolSampler({ seed: this.seed, warnIndependentSampling: false });
    Object.freeze(this);
  }

  inferRelativeSearchSpace(study: StudyView): SearchSpace {
    const objectives = study.directions?.length ?? 1;
    if (objectives > 1) {
      throw new RangeError(`GPSampler: the study must have one objective but it has ${objectives}; use NSGAIISampler (the default for several objectives) or RandomSampler.`);
    }
    return this.#joint.of(study);
  }

  sampleRelative(study: StudyView, trial: FrozenTrial, space: SearchSpace): Record<string, ParamValue> {
    const transform = new SearchSpaceTransform(space);
    if (transform.d === 0) return {};
    const completed = study.getTrials(['COMPLETE']).filter((t) => t.value !== null);
    if (completed.length < this.nStartupTrials) {
      if (this.startup === 'sobol') return this.#startup.sampleRelative(study, trial, space);
      return randomPoint(this.seed ?? study.seed, trial.number, space);
    }

    const seed = this.seed ?? study.seed;
    // Pruned trials enter the model at the value they were pruned with (their last report): without
    // them the model never learns that a region gets pruned, and proposes it again and again.
    const pruned = study
      .getTrials(['PRUNED'])
      .filter((t) => t.value !== null && Number.isFinite(t.value) && transform.names.every((n) => t.distributions[n] !== undefined && sameDistribution(t.distributions[n], space[n])));
    const observed = [...completed, ...pruned].sort((a, b) => a.number - b.number);
    const x = encodeTrials(transform, observed);
    const y = modelTargets(
      observed.map((t) => t.value!),
      study.direction,
      this.outputWarping,
    );
    const gp = GaussianProcess.fit(x, y, fitOptions(transform, observed, this.prior, trial.number));
    const theta = gaussianProcessState(gp).theta;
    if (theta !== null) study.setTrialSystemAttr?.(trial, SYSTEM_ATTR.gpLogHyperparameters, Array.from(theta));
    const running = study
      .getTrials(['RUNNING'])
      .filter((t) => t.number !== trial.number)
      .map((t) => ({ ...t, params: { ...study.relativeParamsOf?.(t), ...t.params } }));
    // The incumbent is the best COMPLETE value: a pruned trial's report is not a result.
    let best = -Infinity;
    observed.forEach((t, i) => t.state === 'COMPLETE' && (best = Math.max(best, y[i])));
    const { x: proposal } = maximizeAcquisition(gp, {
      best,
      discrete: discreteColumns(transform),
      pending: encodeTrials(transform, running),
      pendingBelief: this.pendingBelief,
      seed: deriveSeed(seed, trial.number, SAMPLER_TAG.gp),
      nCandidates: this.nCandidates,
      nLocalSearch: this.nLocalSearch,
    });
    return decodeRow(transform, proposal);
  }

  sampleIndependent(study: StudyView, trial: FrozenTrial, name: string, distribution: Distribution): ParamValue {
    if (this.warnIndependentSampling && study.getTrials(['COMPLETE']).length > 0) {
      study.warnOnce('GPSampler.independent', independentNotice(name));
    }
    const u = derivedUniform(this.seed ?? study.seed, trial.number, SAMPLER_TAG.gpIndependent, paramKey(name));
    return decodeValue(distribution, u);
  }
}
