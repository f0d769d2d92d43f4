import { BonitoError } from '../errors.js';
import type { Pruner } from '../pruners/base.js';
import type { Sampler } from '../samplers/base.js';
import {
  categoricalDistribution,
  compatibleDistributions,
  contains,
  distributionToJson,
  floatDistribution,
  intDistribution,
  sameDistribution,
  toInternal,
  type CategoricalChoice,
  type Distribution,
  type NumericDistributionOptions,
  type ParamValue,
  type SearchSpace,
} from '../space/distributions.js';
import { OpCode, type JournalRecord } from '../storage/records.js';
import type { FrozenTrial, Trial, TrialState, StudyView } from '../trial/index.js';
import { nameRecord } from '../space/record.js';
import { badInput, checkJsonData, checkNonNegativeInteger } from '../validate.js';

/**
 * What a trial needs from its study.
 * @internal
 */
export interface TrialHost {
  readonly view: StudyView;
  readonly sampler: Sampler;
  readonly pruner: Pruner;
  /** The distribution the study recorded first for `name`, if any. */
  recordedDistribution(name: string): Distribution | undefined;
  /** Queues records (in order) for the journal. */
  write(records: readonly JournalRecord[]): void;
  /** Replays other writers' records soon, in the background. */
  refresh(): void;
  warn(message: string): void;
}

/** Where a trial starts: what `study.ask()` prepared. @internal */
export interface TrialStart {
  readonly start: FrozenTrial;
  readonly workerId: string;
  readonly relativeSpace: SearchSpace;
  readonly relativeParams: Readonly<Record<string, ParamValue>>;
  readonly fixedParams: Readonly<Record<string, unknown>>;
}

/**
 * A study's trial: one evaluation of the objective, the {@link Trial} that `study.ask()` returns
 * and `study.optimize()` hands to the objective. Suggests parameters define-by-run through the
 * study's sampler, reports intermediate values and asks the study's pruner.
 *
 * Every suggestion is recorded in the journal at once, in call order; suggesting a name again in
 * the same trial returns the recorded value.
 *
 * @example
 * ```ts
 * await study.optimize((trial) => {
 *   const layers = trial.suggestInt('layers', 1, 3);
 *   let loss = 0;
 *   for (let i = 0; i < layers; i++) loss += trial.suggestFloat(`units_${i}`, 1, 128, { log: true });
 *   return loss;
 * }, { nTrials: 20 });
 * ```
 */
export class StudyTrial implements Trial {
  /** Position among the study's trials, 0-based. */
  readonly number: number;
  /** Optuna's `trial_id` in the journal. */
  readonly trialId: number;
  /** Writer id of this trial's records. @internal */
  readonly workerId: string;
  readonly #host: TrialHost;
  readonly #start: TrialStart;
  readonly #params: Record<string, ParamValue>;
  readonly #distributions: Record<string, Distribution>;
  readonly #intermediate: Map<number, number>;
  readonly #userAttrs: Record<string, unknown>;
  #state: TrialState = 'RUNNING';
  #value: number | null = null;

  /** @internal Trials come from `study.ask()`. */
  constructor(host: TrialHost, start: TrialStart) {
    this.#host = host;
    this.#start = start;
    this.number = start.start.number;
    this.trialId = start.start.trialId;
    this.workerId = start.workerId;
    this.#params = nameRecord(start.start.params);
    this.#distributions = nameRecord(start.start.distributions);
    this.#intermediate = new Map(start.start.intermediateValues);
    this.#userAttrs = nameRecord(start.start.userAttrs);
  }

  /** Parameters suggested so far (external values). */
  get params(): Readonly<Record<string, ParamValue>> {
    return nameRecord(this.#params);
  }

  /** The joint sample the sampler prepared at `ask()` (values a suggest call will return). @internal */
  get relativeParams(): Readonly<Record<string, ParamValue>> {
    return this.#start.relativeParams;
  }

  /** Distributions of the parameters suggested so far. */
  get distributions(): Readonly<Record<string, Distribution>> {
    return nameRecord(this.#distributions);
  }

  /** User attributes set so far. */
  get userAttrs(): Readonly<Record<string, unknown>> {
    return nameRecord(this.#userAttrs);
  }

  /** RUNNING until the study records the outcome. */
  get state(): TrialState {
    return this.#state;
  }

  /**
   * A real parameter, uniform on [low, high] (log-uniform with `log`, on the grid low + k·step
   * with `step`).
   * @param name - parameter name, unique within the study's search space.
   * @param low - lower bound (> 0 when `log`).
   * @param high - upper bound, > low.
   * @param opts - `log` or `step`.
   * @returns the value, recorded in the journal.
   * @throws RangeError/TypeError on an invalid range, or when `name` was recorded with an
   *   incompatible distribution (another kind, `log` flag or choice list), or with another
   *   distribution earlier in this trial. Nothing recorded is lost.
   * @example
   * ```ts
   * const lr = trial.suggestFloat('lr', 1e-5, 1e-1, { log: true });
   * ```
   */
  suggestFloat(name: string, low: number, high: number, opts?: NumericDistributionOptions): number {
    this.#checkName('suggestFloat', name);
    return this.#suggest('suggestFloat', name, floatDistribution(name, low, high, opts)) as number;
  }

  /**
   * An integer parameter on {low, low + step, ..., high} (log-uniform with `log`).
   * @param name - parameter name.
   * @param low - lower bound, a safe integer (≥ 1 when `log`).
   * @param high - upper bound, > low.
   * @param opts - `log` or `step` (a positive integer dividing high − low).
   * @returns the value, recorded in the journal.
   * @throws RangeError/TypeError as {@link Trial.suggestFloat}.
   * @example
   * ```ts
   * const units = trial.suggestInt('units', 16, 256, { step: 16 });
   * ```
   */
  suggestInt(name: string, low: number, high: number, opts?: NumericDistributionOptions): number {
    this.#checkName('suggestInt', name);
    return this.#suggest('suggestInt', name, intDistribution(name, low, high, opts)) as number;
  }

  /**
   * One of `choices` (strings, finite numbers, booleans, null).
   * @param name - parameter name.
   * @param choices - distinct choices, at least one.
   * @returns the chosen value, recorded in the journal.
   * @throws RangeError/TypeError as {@link Trial.suggestFloat}, or on an empty or repeated choice.
   * @example
   * ```ts
   * const act = trial.suggestCategorical('activation', ['relu', 'tanh']);
   * ```
   */
  suggestCategorical<const T extends CategoricalChoice>(name: string, choices: readonly T[]): T {
    this.#checkName('suggestCategorical', name);
    return this.#suggest('suggestCategorical', name, categoricalDistribution(name, choices)) as T;
  }

  /**
   * Records an intermediate objective value (a learning-curve point) for the pruner.
   * A step reported twice keeps its first value (with a warning), as in Optuna.
   * @param value - the value at `step` (any number; NaN and ±Infinity are stored as they are).
   * @param step - a non-negative integer (epoch, iteration...).
   * @throws TypeError when `value` is not a number; RangeError when `step` is not a
   *   non-negative safe integer.
   * @example
   * ```ts
   * trial.report(valLoss, epoch);
   * ```
   */
  report(value: number, step: number): void {
    this.#checkRunning('report');
    this.#checkSingleObjective('report');
    if (typeof value !== 'number') throw new TypeError(badInput('Trial.report', 'value', 'must be a number', value));
    checkNonNegativeInteger('Trial.report', 'step', step);
    if (this.#intermediate.has(step)) {
      this.#host.warn(`Trial.report: step ${step} of trial ${this.number} was already reported; the new value is ignored.`);
      return;
    }
    this.#intermediate.set(step, value);
    this.#host.write([
      { op_code: OpCode.SET_TRIAL_INTERMEDIATE_VALUE, worker_id: this.workerId, trial_id: this.trialId, step, intermediate_value: value },
    ]);
    this.#host.refresh();
  }

  /**
   * Asks the study's pruner whether to stop now; throw `TrialPruned` when it says so.
   * @returns the pruner's decision on the values reported so far.
   * @example
   * ```ts
   * if (trial.shouldPrune()) throw new TrialPruned();
   * ```
   */
  shouldPrune(): boolean {
    this.#checkRunning('shouldPrune');
    this.#checkSingleObjective('shouldPrune');
    return this.#host.pruner.prune(this.#host.view, this.toFrozen());
  }

  /**
   * Attaches a JSON value to the trial (exported with it and readable from Optuna).
   * @param key - attribute name.
   * @param value - plain JSON data.
   * @throws TypeError when `key` is not a string or `value` is not JSON data.
   * @example
   * ```ts
   * trial.setUserAttr('accuracy', 0.93);
   * ```
   */
  setUserAttr(key: string, value: unknown): void {
    this.#checkRunning('setUserAttr');
    if (typeof key !== 'string') throw new TypeError(badInput('Trial.setUserAttr', 'key', 'must be a string', key));
    checkJsonData('Trial.setUserAttr', 'value', value, key);
    this.#userAttrs[key] = structuredClone(value);
    this.#host.write([
      { op_code: OpCode.SET_TRIAL_USER_ATTR, worker_id: this.workerId, trial_id: this.trialId, user_attr: { [key]: value } },
    ]);
  }

  /** A snapshot of this trial as the process running it sees it. */
  toFrozen(): FrozenTrial {
    const s = this.#start.start;
    return {
      number: this.number,
      trialId: this.trialId,
      state: this.#state,
      value: this.#value,
      values: this.#value === null ? null : [this.#value],
      params: nameRecord(this.#params),
      distributions: nameRecord(this.#distributions),
      intermediateValues: new Map(this.#intermediate),
      userAttrs: nameRecord(this.#userAttrs),
      systemAttrs: s.systemAttrs,
      datetimeStart: s.datetimeStart,
      datetimeComplete: null,
    };
  }

  /** Marks the trial finished locally (the study records it). @internal */
  finish(state: TrialState, value: number | null): void {
    this.#state = state;
    this.#value = value;
  }

  #suggest(where: string, name: string, d: Distribution): ParamValue {
    this.#checkRunning(where);
    const own = this.#distributions[name];
    if (own !== undefined) {
      if (sameDistribution(own, d)) return this.#params[name];
      throw new TypeError(`${where}: \`${name}\` must keep one distribution within a trial (${describe(own)}) but got ${describe(d)}.`);
    }
    const recorded = this.#host.recordedDistribution(name);
    if (recorded !== undefined && !compatibleDistributions(recorded, d)) {
      throw new TypeError(
        `${where}: \`${name}\` must keep the kind, log flag and choices it has in this study (${describe(recorded)}) but got ${describe(d)}.`,
      );
    }
    const value = this.#pick(name, d);
    const internal = toInternal(d, value);
    this.#host.write([
      {
        op_code: OpCode.SET_TRIAL_PARAM,
        worker_id: this.workerId,
        trial_id: this.trialId,
        param_name: name,
        param_value_internal: internal,
        distribution: distributionToJson(d),
      },
    ]);
    this.#params[name] = value;
    this.#distributions[name] = d;
    return value;
  }

  /** Enqueued (fixed) value first, then the relative sample, then the independent sampler. */
  #pick(name: string, d: Distribution): ParamValue {
    const { fixedParams, relativeSpace, relativeParams } = this.#start;
    if (Object.hasOwn(fixedParams, name)) {
      const fixed = fixedParams[name] as ParamValue;
      if (contains(d, fixed)) return fixed;
      this.#host.warn(
        `Trial ${this.number}: enqueued value ${JSON.stringify(fixed)} of \`${name}\` is outside ${describe(d)}; sampling it instead.`,
      );
    }
    // A single-value range (Optuna allows low == high) has nothing to sample.
    if (d.kind !== 'categorical' && d.low === d.high) return d.low;
    const rel = relativeSpace[name];
    if (rel !== undefined && Object.hasOwn(relativeParams, name) && sameDistribution(rel, d)) return relativeParams[name];
    return this.#host.sampler.sampleIndependent(this.#host.view, this.toFrozen(), name, d);
  }

  #checkName(where: string, name: unknown): void {
    if (typeof name !== 'string' || name.length === 0) {
      throw new TypeError(badInput(where, 'name', 'must be a non-empty string', name));
    }
  }

  /** Pruning compares one learning curve per trial, which several objectives do not define (as in Optuna). */
  #checkSingleObjective(where: string): void {
    const n = this.#host.view.directions?.length ?? 1;
    if (n > 1)
      throw new BonitoError(
        `Trial.${where}: the study must have one objective but it has ${n}; pruning is not defined for several objectives.`,
      );
  }

  #checkRunning(where: string): void {
    if (this.#state !== 'RUNNING') {
      throw new BonitoError(`Trial.${where}: trial ${this.number} must be RUNNING but got ${this.#state}.`);
    }
  }
}

function describe(d: Distribution): string {
  if (d.kind === 'categorical') return `categorical ${JSON.stringify(d.choices)}`;
  const extra = [d.log ? 'log' : '', d.step !== null && d.step !== 1 ? `step ${d.step}` : ''].filter(Boolean).join(', ');
  return `${d.kind} [${d.low}, ${d.high}]${extra ? ` (${extra})` : ''}`;
}
