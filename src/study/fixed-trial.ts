import {
  categoricalDistribution,
  contains,
  floatDistribution,
  intDistribution,
  type CategoricalChoice,
  type Distribution,
  type NumericDistributionOptions,
  type ParamValue,
} from '../space/distributions.js';
import type { FrozenTrial, Trial, TrialState } from '../trial/index.js';
import { describeValue } from '../errors.js';

/**
 * A trial that answers every suggestion from a fixed set of parameters (Optuna's `FixedTrial`):
 * to run an objective or rebuild the model of a finished trial without a study, e.g.
 * `new FixedTrial(study.bestParams)`. It has no sampler and no pruner: `report` keeps the values,
 * `shouldPrune` is always false.
 *
 * @example
 * ```ts
 * const value = objective(new FixedTrial(study.bestParams!));
 * ```
 */
export class FixedTrial implements Trial {
  readonly number: number;
  readonly #fixed: Readonly<Record<string, ParamValue>>;
  readonly #params: Record<string, ParamValue> = {};
  readonly #distributions: Record<string, Distribution> = {};
  readonly #intermediate = new Map<number, number>();
  readonly #userAttrs: Record<string, unknown> = {};
  readonly #started = new Date();

  /**
   * @param params - parameter name -> value, as recorded by a study.
   * @param number - the trial number it reports (Optuna's default, 0).
   */
  constructor(params: Readonly<Record<string, ParamValue>>, number = 0) {
    this.#fixed = Object.freeze({ ...params });
    this.number = number;
  }

  /** Parameters suggested so far (as Optuna's `FixedTrial.params`; the constructor's argument may hold more). */
  get params(): Readonly<Record<string, ParamValue>> {
    return { ...this.#params };
  }

  /** Distributions of the parameters suggested so far. */
  get distributions(): Readonly<Record<string, Distribution>> {
    return { ...this.#distributions };
  }

  get userAttrs(): Readonly<Record<string, unknown>> {
    return { ...this.#userAttrs };
  }

  /** Always RUNNING: a fixed trial is never finished by a study. */
  get state(): TrialState {
    return 'RUNNING';
  }

  suggestFloat(name: string, low: number, high: number, opts?: NumericDistributionOptions): number {
    return this.#answer('suggestFloat', name, floatDistribution(name, low, high, opts)) as number;
  }

  suggestInt(name: string, low: number, high: number, opts?: NumericDistributionOptions): number {
    return this.#answer('suggestInt', name, intDistribution(name, low, high, opts)) as number;
  }

  suggestCategorical<const T extends CategoricalChoice>(name: string, choices: readonly T[]): T {
    return this.#answer('suggestCategorical', name, categoricalDistribution(name, choices)) as T;
  }

  /** Keeps the first value reported at each step (as a study's trial does). */
  report(value: number, step: number): void {
    if (!this.#intermediate.has(step)) this.#intermediate.set(step, value);
  }

  shouldPrune(): boolean {
    return false;
  }

  setUserAttr(key: string, value: unknown): void {
    this.#userAttrs[key] = structuredClone(value);
  }

  toFrozen(): FrozenTrial {
    return {
      number: this.number,
      trialId: this.number,
      state: 'RUNNING',
      value: null,
      values: null,
      params: { ...this.#params },
      distributions: { ...this.#distributions },
      intermediateValues: new Map(this.#intermediate),
      userAttrs: { ...this.#userAttrs },
      systemAttrs: {},
      datetimeStart: this.#started,
      datetimeComplete: null,
    };
  }

  #answer(where: string, name: string, d: Distribution): ParamValue {
    if (!Object.hasOwn(this.#fixed, name)) {
      throw new RangeError(`FixedTrial.${where}: \`${name}\` must be among the fixed parameters but it is missing.`);
    }
    const v = this.#fixed[name];
    if (!contains(d, v)) {
      const range = d.kind === 'categorical' ? `one of ${JSON.stringify(d.choices)}` : `a value of ${d.kind} [${d.low}, ${d.high}]`;
      throw new RangeError(`FixedTrial.${where}: \`${name}\` must be ${range} but got ${describeValue(v)}.`);
    }
    this.#params[name] = v;
    this.#distributions[name] = d;
    return v;
  }
}
