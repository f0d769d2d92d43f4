import { checkSeed } from '../../core/rng.js';
import type { Distribution, ParamValue, SearchSpace } from '../../space/distributions.js';
import { discreteCoordinates, encodeValue } from '../../space/transform.js';
import { SYSTEM_ATTR, type FrozenTrial, type StudyView } from '../../trial/index.js';
import { JointSpaces, type Sampler } from '../base.js';
import { checkIndependentSampler } from '../independent.js';
import { RandomSampler } from '../random.js';
import type { DiscreteAxis } from './margin.js';
import { ReplayCache, draw, dueUpdate, type CmaSpace, type GenerationRecord } from './replay.js';
import type { RestartStrategy, SearchSettings } from './search.js';

/** Options of `CmaEsSampler`. */
export interface CmaEsSamplerOptions {
  /** Seed of the normals, the restarts and (by default) the independent sampler. @defaultValue the study seed */
  seed?: number | bigint;
  /** Initial mean, in parameter values (a value for every CMA parameter). @defaultValue the centre of the space */
  x0?: Record<string, ParamValue>;
  /** Initial step size in the unit cube every parameter is encoded to. @defaultValue 1/6 (Optuna: min range / 6) */
  sigma0?: number;
  /** Completed trials drawn by the independent sampler before CMA-ES starts. @defaultValue 1 */
  nStartupTrials?: number;
  /** Population size λ. @defaultValue 4 + ⌊3 ln n⌋ */
  popsize?: number;
  /** Restart when a run stops: `'ipop'` (λ grows by `incPopsize`), `'bipop'` (alternating budgets) or null. @defaultValue null */
  restartStrategy?: RestartStrategy;
  /** Factor of the population at each (large) restart. @defaultValue 2 */
  incPopsize?: number;
  /**
   * Margin for int and stepped float parameters (CMA-ES with margin, Hamano et al. 2022): keeps
   * the probability of leaving the mean's grid value from vanishing. Optuna's default is false;
   * bonito's is true because without it a discrete parameter stalls (test/samplers/cmaes). @defaultValue true
   */
  withMargin?: boolean;
  /** Samples parameters outside the CMA space (categoricals, conditional ones). @defaultValue RandomSampler with this seed */
  independentSampler?: Sampler;
  /** Warn (once per study) when a parameter is sampled by the independent sampler. @defaultValue true */
  warnIndependentSampling?: boolean;
}

/** Discrete axes with more values than this are treated as continuous (rounded when decoded). */
const MAX_GRID = 1000;

/**
 * The once-per-study notice. Not `independentSamplingNotice`: that one says the parameter is outside
 * the joint space, while a categorical here is inside it but outside what CMA-ES models.
 */
function independentNotice(name: string, sampler: Sampler): string {
  return (
    `CmaEsSampler: parameter \`${name}\` is sampled by ${sampler.constructor.name} instead of CMA-ES ` +
    '(CMA-ES models only int and float parameters shared by every completed trial, at least two of them, ' +
    'so categorical and conditional ones are sampled independently); pass `warnIndependentSampling: false` to silence this.'
  );
}

function integerOption(name: string, v: unknown, min: number): number {
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < min) {
    throw new RangeError(`CmaEsSampler: \`${name}\` must be an integer >= ${min} but got ${String(v)}.`);
  }
  return v;
}

/**
 * CMA-ES (Hansen 2016, "The CMA Evolution Strategy: A Tutorial", https://arxiv.org/abs/1604.00772),
 * the (μ/μ_w, λ)-CMA-ES with active covariance update of Optuna's `CmaEsSampler` and the `cmaes`
 * library: relative sampling over the int and float parameters that every completed trial shares,
 * encoded to the unit cube (log parameters on a log scale), starting at the centre (or `x0`) with
 * σ0 = 1/6 and λ = 4 + ⌊3 ln n⌋. Int and stepped float parameters get the margin of CMA-ES with
 * margin (Hamano et al. 2022). IPOP or BIPOP restarts on request. Categorical and conditional
 * parameters go to `independentSampler`, with one notice per study.
 *
 * State from the journal: each sampled trial records its generation and the trials whose values
 * made the update into it (`cmaes:generation`); the distribution is rebuilt by replaying those
 * updates from the completed trials, the raw points recomputed from (seed, trial number), so a
 * resumed study or another worker continues the same search. A replay is cached per study up to
 * the first unfinished trial. Without stored records (a study that cannot store system attributes)
 * the trials are read as if run one at a time, which gives the same search for sequential runs.
 *
 * @example
 * ```ts
 * await init();
 * const study = await createStudy({ sampler: new CmaEsSampler({ seed: 1 }) });
 * await study.optimize((t) => (t.suggestFloat('x', -5, 5) - 1) ** 2 + t.suggestInt('n', 1, 8) ** 2, { nTrials: 60 });
 * ```
 */
export class CmaEsSampler implements Sampler {
  /** The sampler's own seed, or undefined when it follows the study seed. */
  readonly seed: bigint | undefined;
  readonly x0: Readonly<Record<string, ParamValue>> | undefined;
  readonly sigma0: number;
  readonly nStartupTrials: number;
  readonly popsize: number | undefined;
  readonly restartStrategy: RestartStrategy;
  readonly incPopsize: number;
  readonly withMargin: boolean;
  readonly independentSampler: Sampler;
  readonly warnIndependentSampling: boolean;
  readonly #joint = new JointSpaces();
  readonly #replays = new ReplayCache();
  /** The CMA space derived from each joint space, so an unchanged joint space gives the same objects. */
  readonly #derived = new WeakMap<SearchSpace, { space: SearchSpace; cma: CmaSpace; settings: Map<bigint, SearchSettings> }>();

  /** @throws RangeError for an invalid seed or an option out of range; TypeError for options of the wrong kind. */
  constructor(options: CmaEsSamplerOptions = {}) {
    this.seed = options.seed === undefined ? undefined : checkSeed('CmaEsSampler', options.seed);
    this.x0 = options.x0 === undefined ? undefined : Object.freeze({ ...options.x0 });
    const sigma0 = options.sigma0 ?? 1 / 6;
    if (typeof sigma0 !== 'number' || !(sigma0 > 0) || !Number.isFinite(sigma0)) {
      throw new RangeError(`CmaEsSampler: \`sigma0\` must be a finite number > 0 but got ${String(sigma0)}.`);
    }
    this.sigma0 = sigma0;
    this.nStartupTrials = integerOption('nStartupTrials', options.nStartupTrials ?? 1, 0);
    this.popsize = options.popsize === undefined ? undefined : integerOption('popsize', options.popsize, 2);
    const restart = options.restartStrategy ?? null;
    if (restart !== null && restart !== 'ipop' && restart !== 'bipop') {
      throw new TypeError(`CmaEsSampler: \`restartStrategy\` must be 'ipop', 'bipop' or null but got ${String(restart)}.`);
    }
    this.restartStrategy = restart;
    this.incPopsize = integerOption('incPopsize', options.incPopsize ?? 2, 1);
    for (const name of ['withMargin', 'warnIndependentSampling'] as const) {
      const v = options[name];
      if (v !== undefined && typeof v !== 'boolean')
        throw new TypeError(`CmaEsSampler: \`${name}\` must be a boolean but got ${String(v)}.`);
    }
    this.withMargin = options.withMargin ?? true;
    this.warnIndependentSampling = options.warnIndependentSampling ?? true;
    this.independentSampler =
      options.independentSampler === undefined
        ? new RandomSampler({ seed: this.seed })
        : checkIndependentSampler('CmaEsSampler', options.independentSampler);
    Object.freeze(this);
  }

  /** The joint space without categoricals and single-valued parameters; {} below two dimensions. */
  inferRelativeSearchSpace(study: StudyView): SearchSpace {
    return this.#derive(this.#joint.of(study)).space;
  }

  sampleRelative(study: StudyView, trial: FrozenTrial, space: SearchSpace): Record<string, ParamValue> {
    const names = Object.keys(space);
    if (names.length < 2) return {};
    const objectives = study.directions?.length ?? 1;
    if (objectives > 1) {
      throw new TypeError(
        `CmaEsSampler: the study's \`directions\` must hold one objective (CMA-ES ranks one value) but got ${objectives}.`,
      );
    }
    const derived = this.#byRelativeSpace(space);
    const cma = derived.cma;
    const seed = this.seed ?? study.seed;
    let settings = derived.settings.get(seed);
    if (settings === undefined) derived.settings.set(seed, (settings = this.#settings(seed, cma)));
    const walk = this.#replays.walkTo(study, study.getTrials(), trial.number, cma, settings, this.nStartupTrials);
    if (walk.completed < this.nStartupTrials) return {};
    const due = dueUpdate(walk);
    if (due !== null) {
      walk.search.update(
        due.map((k) => walk.members.find((m) => m.number === k)!.x),
        due.map((k) => walk.members.find((m) => m.number === k)!.value),
      );
      walk.generation++;
      walk.told = due;
    }
    const record: GenerationRecord = { generation: walk.generation, told: walk.told };
    study.setTrialSystemAttr?.(trial, SYSTEM_ATTR.cmaesGeneration, record);
    return draw(walk.search, cma, trial.number).params;
  }

  sampleIndependent(study: StudyView, trial: FrozenTrial, name: string, distribution: Distribution): ParamValue {
    if (this.warnIndependentSampling && study.getTrials(['COMPLETE']).length >= this.nStartupTrials) {
      study.warnOnce('CmaEsSampler.independent', independentNotice(name, this.independentSampler));
    }
    return this.independentSampler.sampleIndependent(study, trial, name, distribution);
  }

  beforeTrial(study: StudyView, trial: FrozenTrial): void {
    this.independentSampler.beforeTrial?.(study, trial);
  }

  afterTrial(study: StudyView, trial: FrozenTrial, state: FrozenTrial['state'], value: number | null): void {
    this.independentSampler.afterTrial?.(study, trial, state, value);
  }

  #derive(joint: SearchSpace): { space: SearchSpace; cma: CmaSpace; settings: Map<bigint, SearchSettings> } {
    let derived = this.#derived.get(joint);
    if (derived === undefined) {
      const out: Record<string, Distribution> = {};
      for (const [name, d] of Object.entries(joint)) {
        if (d.kind !== 'categorical' && d.low < d.high) out[name] = d;
      }
      const space = Object.freeze(Object.keys(out).length >= 2 ? out : {});
      derived = { space, cma: this.#space(space), settings: new Map() };
      this.#derived.set(joint, derived);
      this.#derived.set(space, derived);
    }
    return derived;
  }

  /** The derived objects of a relative space this sampler inferred (or of one passed in directly). */
  #byRelativeSpace(space: SearchSpace): { space: SearchSpace; cma: CmaSpace; settings: Map<bigint, SearchSettings> } {
    return this.#derived.get(space) ?? this.#derive(space);
  }

  #space(space: SearchSpace): CmaSpace {
    const names = Object.keys(space);
    const distributions = names.map((n) => space[n]);
    const bounded = distributions.map((d) => !this.withMargin || discreteCoordinates(d, MAX_GRID) === null);
    return { names, distributions, bounded };
  }

  #settings(seed: bigint, space: CmaSpace): SearchSettings {
    const axes: DiscreteAxis[] = [];
    if (this.withMargin) {
      space.distributions.forEach((d, index) => {
        const grid = discreteCoordinates(d, MAX_GRID);
        if (grid !== null) axes.push({ index, grid });
      });
    }
    const n = space.names.length;
    const x0 = Float64Array.from(space.names, (name, i) => {
      const v = this.x0?.[name];
      return v === undefined ? 0.5 : encodeValue(space.distributions[i], v);
    });
    return {
      seed,
      n,
      x0,
      sigma0: this.sigma0,
      popsize: this.popsize ?? null,
      restart: this.restartStrategy,
      incPopsize: this.incPopsize,
      axes,
    };
  }
}
