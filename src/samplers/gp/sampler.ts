import { maximizeAcquisitionSteps, type PendingBelief } from '../../core/acquisition-optimizer.js';
import { GaussianProcess, gaussianProcessState, type GaussianProcessFitOptions, type GaussianProcessPrior } from '../../core/gp.js';
import { checkSeed, deriveSeed } from '../../core/rng.js';
import { runSteps, runStepsAsync, type Steps } from '../../core/steps.js';
import { contains, type Distribution, type ParamValue, type SearchSpace } from '../../space/distributions.js';
import { SearchSpaceTransform } from '../../space/transform.js';
import { SYSTEM_ATTR, type FrozenTrial, type StudyView, type TrialState } from '../../trial/index.js';
import { JointSpaces, SAMPLER_TAG, type Sampler } from '../base.js';
import { checkIndependentSampler, sampleOutsideJointSpace } from '../independent.js';
import { RandomSampler } from '../random.js';
import { SobolSampler } from '../sobol.js';
import { decodeRow, discreteColumns, encodeTrials, fitsTransform, hasEveryParam, modelTargets, type OutputWarping } from './model-data.js';
import { checkBoolean, checkInteger, checkOneOf } from '../../validate.js';
import { BonitoError } from '../../errors.js';
import { EXACT_MAX_TRIALS, trainingSubset } from './training-subset.js';

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
  /**
   * Hyperparameter prior of the GP fit (see `GaussianProcess.fit`). `'gamma'` (BoTorch 0.11's
   * priors) did better on most multimodal benchmark functions and worse on Levy-20 and shifted
   * Rosenbrock-5, which is why it is not the default (docs/gp-performance.md). @defaultValue 'default' for
   * one objective; 'dim-scaled' for several (with it the GP leaves the end point of ZDT2's concave
   * front, where Optuna's GP stops: bench/RESULTS.md)
   */
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
   * are, like Optuna. @defaultValue 'log-tail' for one objective; 'none' for several (warping
   * each objective reshapes the front: DTLZ2's gap doubled with it, bench/RESULTS.md)
   */
  outputWarping?: OutputWarping;
  /**
   * Samples the parameters outside the joint space (conditional ones, or all of them before any
   * trial completed). @defaultValue a `RandomSampler` with this sampler's seed, on a stream of its
   * own (the same draws as before this option existed; a `new RandomSampler()` passed here draws
   * differently, on the RandomSampler's stream)
   */
  independentSampler?: Sampler;
  /** Warn (once per study) when a parameter falls outside the joint space and goes to `independentSampler`. @defaultValue true */
  warnIndependentSampling?: boolean;
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
 * differences below ~1e-3 standard deviations, which stalls the final approach to a minimum; a
 * lower floor still costs elsewhere (the regret figures behind the choice: docs/gp-performance.md).
 */
const MIN_NOISE_VARIANCE = 1e-8;

/**
 * Up to this many completed trials each fit also runs from the default start besides the warm one
 * and keeps the better MAP point, while the fit is cheap: in bench/samplers' regret runs either
 * start alone left some function behind Optuna, both together none (docs/gp-performance.md). Beyond,
 * only the warm start runs (see WARM_MAX_ITERATIONS, MULTI_START_PERIOD), which keeps the fit
 * within the latency budget.
 */
const MULTI_START_MAX_TRIALS = 100;

/**
 * The options of the sampler's fit to the `observed` trials (COMPLETE and PRUNED, the model's rows):
 * warm start, noise floor, starts. @internal
 */
export function fitOptions(
  transform: SearchSpaceTransform,
  observed: readonly FrozenTrial[],
  prior: GaussianProcessPrior,
  trialNumber: number,
): GaussianProcessFitOptions {
  const few = observed.length <= MULTI_START_MAX_TRIALS;
  return {
    d: transform.d,
    categorical: transform.categorical,
    prior,
    minNoiseVariance: MIN_NOISE_VARIANCE,
    warmStartTheta: lastFit(observed, transform.d),
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
 * the default start too, so a chain of warm starts cannot stay in a worse basin for long (how far
 * below the default start's optimum such a chain sat: docs/gp-performance.md).
 */
const MULTI_START_PERIOD = 10;

/** θ stored by the latest observed (COMPLETE or PRUNED) trial that has one for d dimensions, if any. */
function lastFit(observed: readonly FrozenTrial[], d: number): number[] | undefined {
  for (let i = observed.length - 1; i >= 0; i--) {
    const theta = observed[i].systemAttrs[SYSTEM_ATTR.gpLogHyperparameters];
    if (Array.isArray(theta) && theta.length === d + 2 && theta.every((v) => typeof v === 'number' && Number.isFinite(v))) {
      return theta as number[];
    }
  }
  return undefined;
}

/**
 * The relative sample another process's GP sampler stored for a RUNNING trial (`gp:relative_params`),
 * or undefined. A trial of this process is read through `relativeParamsOf` first, which holds the
 * same values as soon as `ask()` returns, before this attribute reaches the journal.
 */
function storedRelativeParams(trial: FrozenTrial, transform: SearchSpaceTransform): Record<string, ParamValue> | undefined {
  const stored = trial.systemAttrs[SYSTEM_ATTR.gpRelativeParams];
  if (typeof stored !== 'object' || stored === null || Array.isArray(stored)) return undefined;
  // Only values this space can encode: a worker with another range or choice list wrote the rest.
  const params: Record<string, ParamValue> = {};
  transform.names.forEach((name, j) => {
    const v = (stored as Record<string, unknown>)[name] as ParamValue;
    if (Object.hasOwn(stored, name) && contains(transform.distributions[j], v)) params[name] = v;
  });
  return params;
}

/**
 * multi-objective.ts once loaded: the models of several objectives and of constraints, and the
 * rows cache of long studies, which only some studies need. `sampleRelativeAsync` (the path of `Study.ask`) imports it the first time a
 * study needs it; reached only through that dynamic import, it stays out of the bundle of a plain
 * single-objective study.
 */
let extras: typeof import('./multi-objective.js') | undefined;

/** Whether a trial recorded constraint values (the `constraints` system attribute). */
function recordsConstraints(trial: FrozenTrial): boolean {
  const c = trial.systemAttrs[SYSTEM_ATTR.constraints];
  return Array.isArray(c) && c.length > 0;
}

/**
 * Imports `extras` when `study` needs it and it is not loaded yet; null otherwise. A study past
 * EXACT_MAX_TRIALS observations needs it too, for the rows cache it re-exports (observations.ts),
 * and so does one with other trials running, for the check that no proposal is taken (taken.ts).
 */
function loadExtras(study: StudyView): Promise<unknown> | null {
  const observed = study.getTrials(['COMPLETE', 'PRUNED']);
  if (
    extras ||
    ((study.directions?.length ?? 1) < 2 &&
      observed.length <= EXACT_MAX_TRIALS &&
      !observed.some(recordsConstraints) &&
      study.getTrials(['RUNNING']).length < 2)
  )
    return null;
  return import('./multi-objective.js').then((m) => (extras = m));
}

function needExtras(): NonNullable<typeof extras> {
  if (extras) return extras;
  throw new BonitoError(
    'GPSampler: several objectives or constraints need `study.ask()` first (their models load on demand), not `sampleRelative`.',
  );
}

function positiveInteger(name: string, v: unknown, min: number): number {
  return checkInteger('GPSampler', name, v, min);
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
 * believer, leaves the mean untouched, so near convergence trials asked together land almost on
 * one point; figures in docs/gp-performance.md.) A running trial counts once its values are
 * known: recorded through `suggest*`, or its relative sample from `ask()`: same process through
 * `relativeParamsOf`, other processes and hosts through the `gp:relative_params` system attribute
 * each GP proposal is stored in (written with `StudyView.setTrialSystemAttr`, appended in the
 * background as `ask()` returns). ±Infinity values are clipped to the finite
 * range before the fit. By default values worse than the median are log-compressed first
 * (`outputWarping: 'log-tail'`, order-preserving; Optuna's GP has no such step), which helps
 * long-tailed objectives such as Rosenbrock and did not hurt the other benchmark functions
 * (docs/gp-performance.md).
 * Parameters outside the joint space go to `independentSampler` (uniformly at random by
 * default), with a once-per-study notice.
 *
 * Constraints (`createStudy({ constraints })`, recorded in each trial's `constraints` system
 * attribute) are modelled as Optuna 4.x's GPSampler does: one GP per constraint, fitted to the
 * same rows, and the acquisition becomes logEI + Σ_k log P(c_k(x) ≤ 0), with the best FEASIBLE
 * value as the incumbent; until a trial is feasible it is Σ_k log P(c_k(x) ≤ 0) alone. Each
 * constraint's fit warm-starts like the objective's, from the θ stored in
 * `gp:constraint_log_hyperparameters`; pending points condition the constraint models at their
 * posterior mean (kriging believer).
 *
 * Several objectives (`createStudy({ directions })`) are modelled as Optuna 4.x's GPSampler does:
 * one GP per objective (COMPLETE trials), and the acquisition is log expected hypervolume
 * improvement over the feasible observed front (+ Σ log PoF with constraints), here exact: a
 * closed form over a box decomposition of the non-dominated region (multi-objective.ts,
 * assembly/ehvi.ts) where Optuna samples it by QMC. Running trials condition every model at its
 * posterior mean. Defaults there: `prior: 'dim-scaled'`, `outputWarping: 'none'`. That model
 * (and the constraint models) load on demand: the first ask of such a study must go through
 * `Study.ask` (`sampleRelativeAsync`), after which `sampleRelative` works too.
 *
 * Each fit warm-starts from the log-hyperparameters the latest observed (completed or pruned) trial stored in its system
 * attributes (`gp:log_hyperparameters`, written through `StudyView.setTrialSystemAttr`), as Optuna
 * warm-starts from its previous model; up to 100 trials it also fits from the default start and
 * keeps the better point, beyond that the warm fit is capped at 5 iterations and every 10th trial
 * refits from the default start too (docs/gp-performance.md). The noise floor is 1e-8.
 *
 * Long studies: past 300 observed trials the GP is fitted to a 256-trial subset chosen from the
 * journal (the best, the incumbent's nearest neighbours, the latest, an even spread of the rest;
 * `training-subset.ts`), so an ask costs about the same at 10,000 trials as at 300. Through
 * `Study.ask` (`sampleRelativeAsync`) the work runs in ~5 ms slices that give the event loop back
 * and stop on the ask's `AbortSignal`.
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
  /** Samples the parameters outside the joint space. */
  readonly independentSampler: Sampler;
  /** The prior and warping of a study of several objectives (their defaults differ, see the options). */
  readonly #multiObjective: { prior: GaussianProcessPrior; warping: OutputWarping };
  /** The start-up design (`startup`). */
  readonly #startup: Sampler;
  /** The joint space of each study this sampler serves, updated incrementally. */
  readonly #joint = new JointSpaces();
  /** The encoded training rows of each study this sampler serves (a cache: results do not depend on it). */

  /**
   * @throws RangeError for an invalid seed or a count out of range; TypeError for options of the wrong kind.
   */
  constructor(options: GPSamplerOptions = {}) {
    this.seed = options.seed === undefined ? undefined : checkSeed('GPSampler', options.seed);
    this.nStartupTrials = positiveInteger('nStartupTrials', options.nStartupTrials ?? 10, 1);
    this.startup = checkOneOf('GPSampler', 'startup', options.startup ?? 'sobol', ['sobol', 'random']);
    this.nCandidates = positiveInteger('nCandidates', options.nCandidates ?? 2048, 1);
    this.nLocalSearch = positiveInteger('nLocalSearch', options.nLocalSearch ?? 10, 1);
    this.pendingBelief = checkOneOf('GPSampler', 'pendingBelief', options.pendingBelief ?? 'worst', ['worst', 'posterior-mean', 'mean']);
    this.prior = checkOneOf('GPSampler', 'prior', options.prior ?? 'default', ['default', 'dim-scaled', 'gamma', 'none']);
    this.outputWarping = checkOneOf('GPSampler', 'outputWarping', options.outputWarping ?? 'log-tail', ['log-tail', 'none']);
    this.#multiObjective = {
      prior: options.prior === undefined ? 'dim-scaled' : this.prior,
      warping: options.outputWarping === undefined ? 'none' : this.outputWarping,
    };
    this.warnIndependentSampling = checkBoolean('GPSampler', 'warnIndependentSampling', options.warnIndependentSampling ?? true);
    this.independentSampler =
      options.independentSampler === undefined
        ? new RandomSampler({ seed: this.seed }, SAMPLER_TAG.gpIndependent)
        : checkIndependentSampler('GPSampler', options.independentSampler);
    // 'random' draws what a RandomSampler would, so the two start-up designs compare like for like.
    this.#startup =
      this.startup === 'sobol'
        ? new SobolSampler({ seed: this.seed, warnIndependentSampling: false })
        : new RandomSampler({ seed: this.seed });
    Object.freeze(this);
  }

  inferRelativeSearchSpace(study: StudyView): SearchSpace {
    return this.#joint.of(study);
  }

  sampleRelative(study: StudyView, trial: FrozenTrial, space: SearchSpace): Record<string, ParamValue> {
    return runSteps(this.#relativeSteps(study, trial, space));
  }

  /**
   * `sampleRelative` in slices of about 5 ms that give the event loop back in between, stopping
   * at the next slice once `options.signal` aborts (the promise then rejects with its reason).
   * Same suggestion as `sampleRelative`, bit for bit; returned directly when it took one slice.
   * `Study.ask` uses it.
   */
  sampleRelativeAsync(
    study: StudyView,
    trial: FrozenTrial,
    space: SearchSpace,
    options: { signal?: AbortSignal } = {},
  ): Record<string, ParamValue> | Promise<Record<string, ParamValue>> {
    const run = () => runStepsAsync(() => this.#relativeSteps(study, trial, space), { signal: options.signal });
    const loading = loadExtras(study);
    // With other trials running, a proposal one of them already holds is made again (taken.ts).
    const propose = () =>
      extras && study.refresh
        ? extras.unlessTaken(study, Object.keys(space), run, () => this.#running(study, trial, new SearchSpaceTransform(space)))
        : run();
    return loading === null ? propose() : loading.then(propose);
  }

  *#relativeSteps(study: StudyView, trial: FrozenTrial, space: SearchSpace): Steps<Record<string, ParamValue>> {
    const transform = new SearchSpaceTransform(space);
    if (transform.d === 0) return {};
    const completed = study.getTrials(['COMPLETE']).filter((t) => t.value !== null);
    if (completed.length < this.nStartupTrials) {
      if (this.startup === 'sobol') return this.#startup.sampleRelative(study, trial, space);
      return Object.fromEntries(Object.entries(space).map(([name, d]) => [name, this.#startup.sampleIndependent(study, trial, name, d)]));
    }

    const seed = this.seed ?? study.seed;
    if ((study.directions?.length ?? 1) > 1) {
      // Several objectives: one GP each and log-EHVI (multi-objective.ts, loaded on demand).
      return yield* needExtras().sampleMultiObjective(this, study, trial, transform, {
        seed: deriveSeed(seed, trial.number, SAMPLER_TAG.gp),
        running: this.#running(study, trial, transform),
        warping: this.#multiObjective.warping,
        fit: (observed) => fitOptions(transform, observed, this.#multiObjective.prior, trial.number),
      });
    }
    // One list gives both the inputs and the targets, so row i of x is always the trial of y[i].
    // Pruned trials enter the model at the value they were pruned with (their last report): without
    // them the model never learns that a region gets pruned, and proposes it again and again.
    // Rows are encoded once per trial and kept (observations.ts): a long study only encodes the
    // trials finished since the last ask, and the first ask of a reopened one encodes in slices.
    // Kept between asks once `extras` is loaded (past EXACT_MAX_TRIALS, by `sampleRelativeAsync`):
    // the rows encoding every trial now gives, so either way the model is the same.
    let observed: readonly FrozenTrial[];
    let x: Float64Array;
    if (extras) ({ observed, x } = yield* extras.observedRows(study, space, transform));
    else
      x = encodeTrials(
        transform,
        (observed = study
          .getTrials(['COMPLETE', 'PRUNED'])
          .filter(
            (t) =>
              (t.state === 'COMPLETE' ? t.value !== null : t.value !== null && Number.isFinite(t.value)) && fitsTransform(transform, t),
          )),
      );
    let y = modelTargets(
      observed.map((t) => t.value!),
      study.direction,
      this.outputWarping,
    );
    yield;
    // Past EXACT_MAX_TRIALS observations the model sees a bounded subset (training-subset.ts).
    const subset = trainingSubset(
      x,
      y,
      observed.map((t) => t.state === 'COMPLETE'),
      transform.d,
      transform.categorical,
    );
    let modelled = observed;
    if (subset !== null) {
      const d = transform.d;
      const xs = new Float64Array(subset.length * d);
      subset.forEach((i, r) => xs.set(x.subarray(i * d, (i + 1) * d), r * d));
      x = xs;
      y = Float64Array.from(subset, (i) => y[i]);
      modelled = subset.map((i) => observed[i]);
    }
    yield;
    const gp = yield* GaussianProcess.fitSteps(x, y, fitOptions(transform, observed, this.prior, trial.number));
    const theta = gaussianProcessState(gp).theta;
    if (theta !== null) study.setTrialSystemAttr?.(trial, SYSTEM_ATTR.gpLogHyperparameters, Array.from(theta));
    const running = this.#running(study, trial, transform);
    // Constraints recorded by the trials (createStudy({ constraints })): one GP each, warm-started
    // from the θ the latest trial stored for it, on the objective's schedule of starts.
    const constraints = modelled.some(recordsConstraints)
      ? yield* needExtras().askConstraintModels(
          study,
          trial,
          x,
          modelled,
          observed,
          transform.d,
          fitOptions(transform, observed, this.prior, trial.number),
        )
      : [];
    // The incumbent is the best COMPLETE value (a pruned trial's report is not a result), and with
    // constraints the best feasible one: null when none is, and the search then looks for
    // feasibility alone.
    let best = -Infinity;
    modelled.forEach(
      (t, i) => t.state === 'COMPLETE' && (constraints.length === 0 || extras!.isKnownFeasible(t)) && (best = Math.max(best, y[i])),
    );
    const { x: proposal } = yield* maximizeAcquisitionSteps(gp, {
      best: best === -Infinity && constraints.length > 0 ? null : best,
      constraints,
      discrete: discreteColumns(transform),
      pending: encodeTrials(transform, running),
      pendingBelief: this.pendingBelief,
      seed: deriveSeed(seed, trial.number, SAMPLER_TAG.gp),
      nCandidates: this.nCandidates,
      nLocalSearch: this.nLocalSearch,
    });
    const params = decodeRow(transform, proposal);
    // In the journal for workers elsewhere: their `running` list finds it (storedRelativeParams).
    study.setTrialSystemAttr?.(trial, SYSTEM_ATTR.gpRelativeParams, params);
    return params;
  }

  /** The other RUNNING trials whose every modelled parameter is known: the pending points. */
  #running(
    study: StudyView,
    trial: FrozenTrial,
    transform: SearchSpaceTransform,
  ): { number: number; params: Record<string, ParamValue> }[] {
    return study
      .getTrials(['RUNNING'])
      .filter((t) => t.number !== trial.number)
      .map((t) => ({ number: t.number, params: { ...(study.relativeParamsOf?.(t) ?? storedRelativeParams(t, transform)), ...t.params } }))
      .filter((t) => hasEveryParam(transform, t.params));
  }

  sampleIndependent(study: StudyView, trial: FrozenTrial, name: string, distribution: Distribution): ParamValue {
    return sampleOutsideJointSpace(study, trial, name, distribution, {
      sampler: 'GPSampler',
      modelledBy: 'by the Gaussian process',
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
}
