import { checkSeed } from '../../core/rng.js';
import type { Distribution, ParamValue, SearchSpace } from '../../space/distributions.js';
import { SYSTEM_ATTR, type Direction, type FrozenTrial, type StudyView, type TrialState } from '../../trial/index.js';
import { JointSpaces, SAMPLER_TAG, derivedUniform, type Sampler } from '../base.js';
import { checkIndependentSampler } from '../independent.js';
import { RandomSampler } from '../random.js';
import { sbxCrossover, uniformCrossover, type CrossoverName } from './crossover.js';
import { beats, collectParents, type Individual, type ParentPopulation } from './population.js';
import { describeValue } from '../../errors.js';
import { checkInteger } from '../../validate.js';

/** Options of `NSGAIISampler`; defaults are Optuna's. */
export interface NSGAIISamplerOptions {
  /** Individuals per generation. @defaultValue 50 */
  populationSize?: number;
  /** Probability that a child parameter is dropped and drawn afresh. @defaultValue 1 / (number of parameters) */
  mutationProb?: number;
  /** `'uniform'` (Optuna's default) or `'sbx'` (simulated binary crossover). @defaultValue 'uniform' */
  crossover?: CrossoverName;
  /** Probability of crossover; otherwise the child copies its first parent. @defaultValue 0.9 */
  crossoverProb?: number;
  /** Uniform crossover: probability of taking a parameter from the second parent. @defaultValue 0.5 */
  swappingProb?: number;
  /** SBX distribution index (larger: children closer to their parents). @defaultValue 20 */
  sbxEta?: number;
  /**
   * Constraint values of a finished trial, `≤ 0` feasible (Optuna's `constraints_func`); stored in
   * the trial's `constraints` system attribute, which Optuna reads too. Trials that carry that
   * attribute (from the study's own `constraints`) are compared by constrained domination even
   * without this option.
   */
  constraints?: (trial: FrozenTrial) => readonly number[];
  /** Draws parameters outside the joint space, generation 0 and mutated ones. @defaultValue `new RandomSampler({ seed })` */
  independentSampler?: Sampler;
  /** Seed of this sampler's streams. @defaultValue the study seed */
  seed?: number | bigint;
}

const probability = (where: string, name: string, v: unknown, fallback: number): number => {
  const p = v ?? fallback;
  if (typeof p !== 'number' || !(p >= 0 && p <= 1))
    throw new RangeError(`${where}: \`${name}\` must be a number in [0, 1] but got ${describeValue(p)}.`);
  return p;
};

/**
 * NSGA-II (Deb et al. 2002), a genetic algorithm for one or several objectives: generation 0 is
 * drawn by the independent sampler; each later trial is a child of two parents picked by binary
 * tournament among the elite of the previous generation (non-dominated rank, then crowding
 * distance), made by crossover and then mutation (a mutated parameter is drawn afresh).
 * Constraints, when present, rank by constrained domination: feasible trials first.
 *
 * Deterministic and stateless: the generation of each trial is recorded in the journal
 * (`nsga2:generation`, as Optuna does), the parents are recomputed from the journal, and every
 * random choice comes from `derivedUniform(seed, trial number, ...)`, so a resumed study or
 * another worker continues the same search.
 *
 * @example
 * ```ts
 * await init();
 * const study = await createStudy({ directions: ['minimize', 'minimize'], sampler: new NSGAIISampler({ seed: 1, populationSize: 20 }) });
 * ```
 */
export class NSGAIISampler implements Sampler {
  readonly populationSize: number;
  readonly mutationProb: number | undefined;
  readonly crossover: CrossoverName;
  readonly crossoverProb: number;
  readonly swappingProb: number;
  readonly sbxEta: number;
  readonly constraints: ((trial: FrozenTrial) => readonly number[]) | undefined;
  readonly independentSampler: Sampler;
  /** The sampler's own seed, or undefined when it follows the study seed. */
  readonly seed: bigint | undefined;
  readonly #joint = new JointSpaces();
  /** Parents last computed per study, reused while no trial has finished since. */
  readonly #parents = new WeakMap<StudyView, { finished: number; population: ParentPopulation }>();

  /** @throws RangeError or TypeError naming the first bad option. */
  constructor(options: NSGAIISamplerOptions = {}) {
    const where = 'NSGAIISampler';
    this.populationSize = checkInteger(where, 'populationSize', options.populationSize ?? 50, 2);
    this.mutationProb = options.mutationProb === undefined ? undefined : probability(where, 'mutationProb', options.mutationProb, 0);
    const crossover = options.crossover ?? 'uniform';
    if (crossover !== 'uniform' && crossover !== 'sbx')
      throw new TypeError(`${where}: \`crossover\` must be 'uniform' or 'sbx' but got ${describeValue(crossover)}.`);
    this.crossover = crossover;
    this.crossoverProb = probability(where, 'crossoverProb', options.crossoverProb, 0.9);
    this.swappingProb = probability(where, 'swappingProb', options.swappingProb, 0.5);
    const eta = options.sbxEta ?? 20;
    if (typeof eta !== 'number' || !(eta > 0) || !Number.isFinite(eta))
      throw new RangeError(`${where}: \`sbxEta\` must be a finite number > 0 but got ${describeValue(eta)}.`);
    this.sbxEta = eta;
    if (options.constraints !== undefined && typeof options.constraints !== 'function') {
      throw new TypeError(
        `${where}: \`constraints\` must be a function of the finished trial but got ${describeValue(options.constraints)}.`,
      );
    }
    this.constraints = options.constraints;
    this.seed = options.seed === undefined ? undefined : checkSeed(where, options.seed);
    this.independentSampler =
      options.independentSampler === undefined
        ? new RandomSampler(this.seed === undefined ? {} : { seed: this.seed })
        : checkIndependentSampler(where, options.independentSampler);
    Object.freeze(this);
  }

  inferRelativeSearchSpace(study: StudyView): SearchSpace {
    return this.#joint.of(study);
  }

  beforeTrial(study: StudyView, trial: FrozenTrial): void {
    // The generation is recorded at ask time, even for a trial whose joint space is empty.
    study.setTrialSystemAttr?.(trial, SYSTEM_ATTR.nsga2Generation, this.#population(study).generation + 1);
    this.independentSampler.beforeTrial?.(study, trial);
  }

  sampleRelative(study: StudyView, trial: FrozenTrial, space: SearchSpace): Record<string, ParamValue> {
    const { parents } = this.#population(study);
    if (parents.length === 0) return {};
    const seed = this.seed ?? study.seed;
    let draw = 0;
    const u = () => derivedUniform(seed, trial.number, SAMPLER_TAG.nsga2, draw++);
    const constrained = this.#constrained(study);
    const first = tournament(parents, u, constrained);
    const second = tournament(parents, u, constrained);
    const names = Object.keys(space);
    // Parents only contribute parameters of the joint space they both recorded.
    const usable = Object.fromEntries(names.filter((n) => n in first.trial.params && n in second.trial.params).map((n) => [n, space[n]]));
    let child: Record<string, ParamValue> =
      u() < this.crossoverProb
        ? this.crossover === 'uniform'
          ? uniformCrossover(usable, first.trial.params, second.trial.params, this.swappingProb, u)
          : sbxCrossover(usable, first.trial.params, second.trial.params, this.sbxEta, u)
        : Object.fromEntries(Object.keys(usable).map((n) => [n, first.trial.params[n]]));
    const mutation = this.mutationProb ?? 1 / Math.max(1, names.length);
    // A mutated parameter is left out, so the independent sampler draws it afresh.
    child = Object.fromEntries(Object.entries(child).filter(() => u() >= mutation));
    return child;
  }

  sampleIndependent(study: StudyView, trial: FrozenTrial, name: string, distribution: Distribution): ParamValue {
    return this.independentSampler.sampleIndependent(study, trial, name, distribution);
  }

  afterTrial(study: StudyView, trial: FrozenTrial, state: TrialState, value: number | null): void {
    if (this.constraints !== undefined && state === 'COMPLETE') {
      const values = this.constraints(trial);
      if (!Array.isArray(values) || !values.every((v) => typeof v === 'number')) {
        throw new TypeError(`NSGAIISampler: \`constraints\` must return an array of numbers but got ${describeValue(values)}.`);
      }
      study.setTrialSystemAttr?.(trial, SYSTEM_ATTR.constraints, [...values]);
    }
    this.independentSampler.afterTrial?.(study, trial, state, value);
  }

  #constrained(study: StudyView): boolean {
    return this.constraints !== undefined || study.getTrials(['COMPLETE']).some((t) => SYSTEM_ATTR.constraints in t.systemAttrs);
  }

  #population(study: StudyView): ParentPopulation {
    const finished = study.getTrials(['COMPLETE']).length;
    const cached = this.#parents.get(study);
    if (cached !== undefined && cached.finished === finished) return cached.population;
    const directions: readonly Direction[] = study.directions ?? [study.direction];
    const population = collectParents(study.getTrials(), directions, this.populationSize, this.#constrained(study));
    this.#parents.set(study, { finished, population });
    return population;
  }
}

/** Binary tournament: two distinct parents at random, the better one wins, a coin decides a tie. */
function tournament(parents: readonly Individual[], u: () => number, constrained: boolean): Individual {
  if (parents.length === 1) return parents[0];
  const i = Math.floor(u() * parents.length);
  let j = Math.floor(u() * (parents.length - 1));
  if (j >= i) j++;
  const a = parents[i];
  const b = parents[j];
  if (beats(a, b, constrained)) return a;
  if (beats(b, a, constrained)) return b;
  return u() < 0.5 ? a : b;
}
