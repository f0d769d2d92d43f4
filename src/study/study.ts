import { BonitoError, describeValue, toError } from '../errors.js';
import { paretoFrontIndices, totalViolation } from '../pareto/index.js';
import type { Pruner } from '../pruners/base.js';
import type { Sampler } from '../samplers/base.js';
import type { Distribution, ParamValue, SearchSpace } from '../space/distributions.js';
import type { JournalStorage } from '../storage/journal-storage.js';
import { OpCode } from '../storage/records.js';
import { trialsToCsv, trialToExport, type StudyExport } from './export.js';
import {
  SYSTEM_ATTR,
  directionSign,
  isFinished,
  type FrozenTrial,
  type TrialState,
  type Direction,
  type StudyView,
} from '../trial/index.js';
import { HeartbeatClock, HeartbeatTimer, heartbeatStamp, isStale } from './heartbeat.js';
import { runOptimize, type Objective, type OptimizeLoopOptions, type TrialCallback } from './optimize.js';
import { lastIntermediate, parseOutcome, type TellOutcome } from './outcome.js';
import { TrialRecords } from './trial-records.js';
import { StudyTrial, type TrialHost } from './trial.js';
import { nameRecord } from '../space/record.js';
import { badInput, checkJsonData } from '../validate.js';

export type { TellOutcome } from './outcome.js';

/** Options of `study.optimize` (see `OptimizeLoopOptions` for each). */
export type OptimizeOptions = OptimizeLoopOptions<Study>;

/** Called after every finished trial of `optimize`, with the study and the trial as recorded. */
export type OptimizeCallback = TrialCallback<Study>;

/** Options of `study.tell`. */
export interface TellOptions {
  /** Return the recorded trial instead of throwing when it is already finished. @defaultValue false */
  skipIfFinished?: boolean;
}

/** Options of `study.ask`. */
export interface AskOptions {
  /**
   * Stops a sampling in progress (the GP sampler's on a long study): `ask` then rejects with the
   * signal's reason and the trial is recorded as FAIL. `optimize` passes its own `signal`.
   */
  signal?: AbortSignal;
}

function askSignal(options: AskOptions): AbortSignal | undefined {
  if (options === null || typeof options !== 'object') {
    throw new TypeError(`Study.ask: \`options\` must be an object but got ${String(options)}.`);
  }
  const { signal } = options;
  if (signal !== undefined && !(signal instanceof AbortSignal)) {
    throw new TypeError(`Study.ask: \`signal\` must be an AbortSignal but got ${String(signal)}.`);
  }
  return signal;
}

/** Options of `study.enqueueTrial`. */
export interface EnqueueOptions {
  /** User attributes of the enqueued trial. */
  userAttrs?: Record<string, unknown>;
  /** Do nothing when a trial with these parameters already exists or is enqueued. @defaultValue false */
  skipIfExists?: boolean;
}

/** Everything a study is built from (see `createStudy`/`loadStudy`). @internal */
export interface StudyInit {
  readonly storage: JournalStorage;
  readonly studyId: number;
  readonly name: string;
  /** One direction per objective. */
  readonly directions: readonly Direction[];
  readonly seed: bigint;
  readonly sampler: Sampler;
  /** Constraint values of a finished trial, `≤ 0` feasible. */
  readonly constraints: ((trial: FrozenTrial) => readonly number[]) | undefined;
  readonly pruner: Pruner;
  readonly workerPrefix: string;
  readonly heartbeatIntervalMs: number | undefined;
  readonly heartbeatGraceMs: number | undefined;
  readonly failStaleTrials: boolean;
  readonly staleTrialRetries: number;
  readonly warn: (message: string) => void;
  /** This host's wall clock (milliseconds); tests skew it. @defaultValue Date.now */
  readonly clock?: () => number;
}

/**
 * An optimization: a direction, a sampler, a pruner and trials replayed from a journal
 * (Optuna's `Study`). Create one with `createStudy` or `loadStudy`.
 *
 * `trials`, `bestTrial` and friends are synchronous snapshots of what this process has replayed;
 * `ask`, `tell` and `refresh` bring in what other workers wrote.
 *
 * @example
 * ```ts
 * const study = await createStudy({ direction: 'minimize', seed: 1 });
 * await study.optimize((t) => (t.suggestFloat('x', -5, 5) - 2) ** 2, { nTrials: 30 });
 * study.bestParams; // { x: ≈2 }
 * ```
 */
export class Study implements StudyView {
  readonly name: string;
  /** The direction of the objective (the first objective's, for a study of several). */
  readonly direction: Direction;
  /** One direction per objective. */
  readonly directions: readonly Direction[];
  /** Constraints given to `createStudy`/`loadStudy`, evaluated as each trial finishes. */
  readonly constraints: ((trial: FrozenTrial) => readonly number[]) | undefined;
  /** The study seed: every sampler stream derives from it and the trial number. */
  readonly seed: bigint;
  readonly sampler: Sampler;
  readonly pruner: Pruner;
  readonly #init: StudyInit;
  readonly #storage: JournalStorage;
  readonly #records: TrialRecords;
  readonly #live = new Map<number, StudyTrial>();
  readonly #warned = new Set<string>();
  readonly #heartbeat: HeartbeatTimer | null;
  /** Stamps beats and judges staleness: the storage's clock when the backend has one. */
  readonly #clock: HeartbeatClock;
  #nextWorker = 1;

  /** @internal Use `createStudy` or `loadStudy`. */
  constructor(init: StudyInit) {
    this.#init = init;
    this.#storage = init.storage;
    this.#records = new TrialRecords(init.storage, init.studyId);
    this.name = init.name;
    this.directions = Object.freeze([...init.directions]);
    this.direction = init.directions[0];
    this.constraints = init.constraints;
    this.seed = init.seed;
    this.sampler = init.sampler;
    this.pruner = init.pruner;
    const interval = init.heartbeatIntervalMs;
    const backend = init.storage.backend;
    this.#clock = new HeartbeatClock(init.clock ?? Date.now, backend.now === undefined ? undefined : () => backend.now!());
    this.#heartbeat = interval === undefined ? null : new HeartbeatTimer(interval, () => this.#timedBeat());
  }

  /** Every trial in number order (a snapshot). */
  get trials(): readonly FrozenTrial[] {
    return this.getTrials();
  }

  /** Trials in number order, optionally only those in `states`. */
  getTrials(states?: readonly TrialState[]): readonly FrozenTrial[] {
    return this.#storage.replay.trials(this.#init.studyId, states);
  }

  /**
   * The COMPLETE trial with the best value (lowest number on ties), or undefined. With
   * constraints, only feasible trials count.
   * @throws BonitoError for a study of several objectives: use `bestTrials`.
   */
  get bestTrial(): FrozenTrial | undefined {
    this.#singleObjective('bestTrial');
    let best: FrozenTrial | undefined;
    const sign = directionSign(this.direction);
    for (const t of this.getTrials(['COMPLETE'])) {
      if (t.value === null || !isFeasible(t)) continue;
      if (best === undefined || sign * t.value < sign * (best.value as number)) best = t;
    }
    return best;
  }

  /**
   * The best COMPLETE trials: the Pareto front (no other trial is at least as good in every
   * objective and better in one) for several objectives, every trial with the best value for
   * one. With constraints, only feasible trials count. In number order.
   */
  get bestTrials(): FrozenTrial[] {
    const complete = this.getTrials(['COMPLETE']).filter((t) => t.values !== null && isFeasible(t));
    const signs = this.directions.map(directionSign);
    const points = complete.map((t) => signs.map((s, k) => s * (t.values as readonly number[])[k]));
    return paretoFrontIndices(points).map((i) => complete[i]);
  }

  /** Parameters of `bestTrial`, or undefined. @throws BonitoError for a study of several objectives. */
  get bestParams(): Readonly<Record<string, ParamValue>> | undefined {
    return this.bestTrial?.params;
  }

  /** Value of `bestTrial`, or undefined. @throws BonitoError for a study of several objectives. */
  get bestValue(): number | undefined {
    return this.bestTrial?.value ?? undefined;
  }

  /** Study user attributes. */
  get userAttrs(): Readonly<Record<string, unknown>> {
    return nameRecord(this.#storage.replay.study(this.#init.studyId)?.userAttrs);
  }

  /** Study system attributes (the seed among them). */
  get systemAttrs(): Readonly<Record<string, unknown>> {
    return nameRecord(this.#storage.replay.study(this.#init.studyId)?.systemAttrs);
  }

  /** Warns once per key (StudyView). */
  warnOnce(key: string, message: string): void {
    if (this.#warned.has(key)) return;
    this.#warned.add(key);
    this.#init.warn(message);
  }

  /**
   * The relative sample a RUNNING trial of this process was given at `ask()` (StudyView): lets a
   * model-based sampler treat it as pending before the objective has suggested anything, so
   * concurrent trials asked back to back do not get the same point.
   */
  relativeParamsOf(trial: FrozenTrial): Readonly<Record<string, ParamValue>> | undefined {
    return this.#live.get(trial.trialId)?.relativeParams;
  }

  /**
   * Records a system attribute on a RUNNING trial (StudyView), queued in the journal like the
   * trial's other records; samplers use it for state that must survive a restart.
   * @throws BonitoError when the trial is not RUNNING.
   */
  setTrialSystemAttr(trial: FrozenTrial, key: string, value: unknown): void {
    const owner = this.#storage.replay.ownerOf(trial.trialId);
    if (owner === null) {
      throw new BonitoError(`Study.setTrialSystemAttr: trial ${trial.number} must be RUNNING but got ${trial.state}.`);
    }
    this.#storage.write([
      { op_code: OpCode.SET_TRIAL_SYSTEM_ATTR, worker_id: owner, trial_id: trial.trialId, system_attr: { [key]: value } },
    ]);
  }

  /** Replays what other workers appended since the last sync. */
  async refresh(): Promise<void> {
    await this.#storage.sync();
  }

  /**
   * Starts a trial: claims the oldest WAITING (enqueued) trial, else creates one, then lets the
   * sampler prepare its joint sample. First fails trials whose process stopped beating.
   * @param options - `signal`, which stops a long sampling.
   * @returns the RUNNING trial, to be finished with `tell`.
   * @throws StorageError when the journal cannot be read or written; whatever the sampler
   *   throws (the trial is then recorded as FAIL), the signal's reason when it aborts the sampling.
   * @example
   * ```ts
   * const trial = await study.ask();
   * await study.tell(trial, objective(trial));
   * ```
   */
  async ask(options: AskOptions = {}): Promise<StudyTrial> {
    const signal = askSignal(options);
    await this.#storage.sync();
    const interval = this.#heartbeat === null ? undefined : this.#init.heartbeatIntervalMs;
    if (this.#init.failStaleTrials || interval !== undefined) await this.#clock.sync();
    if (this.#init.failStaleTrials) await this.#failStaleTrials();
    const workerId = this.#newWorkerId();
    const firstBeat = interval === undefined ? undefined : heartbeatStamp(interval, this.#clock.now());
    const trialId =
      (await this.#records.claimWaiting(workerId, firstBeat)) ?? (await this.#records.createTrial(workerId, this.name, firstBeat));
    const start = this.#storage.replay.trial(trialId) as FrozenTrial;
    const fixedParams = (start.systemAttrs[SYSTEM_ATTR.fixedParams] ?? {}) as Record<string, unknown>;
    let relativeSpace: SearchSpace = {};
    let relativeParams: Record<string, ParamValue> = nameRecord();
    try {
      this.sampler.beforeTrial?.(this, start);
      relativeSpace = this.sampler.inferRelativeSearchSpace(this, start);
      if (Object.keys(relativeSpace).length > 0) {
        if (this.sampler.sampleRelativeAsync) {
          // A long sampling gives the event loop back (heartbeats, signals) and stops on abort;
          // a short one returns its values directly, exactly as the synchronous call would.
          const sampled = this.sampler.sampleRelativeAsync(this, start, relativeSpace, { signal });
          relativeParams = sampled instanceof Promise ? await sampled : sampled;
        } else {
          relativeParams = this.sampler.sampleRelative(this, start, relativeSpace);
        }
      }
    } catch (err) {
      await this.#finish(trialId, workerId, 'FAIL', null, toError(err));
      throw err;
    }
    const trial = new StudyTrial(this.#host, { start, workerId, relativeSpace, relativeParams, fixedParams });
    this.#live.set(trialId, trial);
    if (this.#heartbeat !== null) {
      this.#beat();
      this.#heartbeat.setActive(true);
    }
    return trial;
  }

  /**
   * Finishes a trial: a number completes it (NaN fails it with a warning; ±Infinity is stored);
   * `{ state }` records PRUNED (with the last reported value) or FAIL explicitly.
   * @param trial - a trial from `ask()`, or a trial number of this study.
   * @param outcome - the value or the state.
   * @param options - `skipIfFinished`.
   * @returns the trial as recorded. If another worker finished it first (e.g. failed it after
   *   missed heartbeats), that record wins and a warning says so.
   * @throws BonitoError when the trial is already finished (unless `skipIfFinished`) or WAITING;
   *   RangeError for an unknown trial number; TypeError for a malformed outcome.
   * @example
   * ```ts
   * await study.tell(trial, 0.25);
   * await study.tell(other, { state: 'PRUNED' });
   * ```
   */
  async tell(trial: StudyTrial | number, outcome: TellOutcome, options: TellOptions = {}): Promise<FrozenTrial> {
    const parsed = parseOutcome(outcome, this.directions.length, (m) => this.#init.warn(`Study "${this.name}": ${m}`));
    const live = typeof trial === 'number' ? this.#liveByNumber(trial) : trial;
    let frozen: FrozenTrial;
    if (live instanceof StudyTrial && this.#live.get(live.trialId) === live) {
      frozen = live.toFrozen();
    } else {
      await this.#storage.sync();
      const number = typeof trial === 'number' ? trial : trial.number;
      const found = this.getTrials()[number];
      if (found === undefined || (trial instanceof StudyTrial && found.trialId !== trial.trialId)) {
        throw new RangeError(`Study.tell: \`trial\` must be a trial of study "${this.name}" but got trial ${number}.`);
      }
      // A StudyTrial of another study (with its own storage) can share number and id with one
      // of ours: only the worker that claimed our trial may hold its StudyTrial.
      if (trial instanceof StudyTrial && found.state === 'RUNNING' && this.#storage.replay.ownerOf(found.trialId) !== trial.workerId) {
        throw new RangeError(
          `Study.tell: \`trial\` must be a trial of study "${this.name}" but got trial ${number} of another study or storage.`,
        );
      }
      frozen = found;
    }
    if (isFinished(frozen.state) && options.skipIfFinished === true) return frozen;
    if (frozen.state !== 'RUNNING') {
      throw new BonitoError(`Study.tell: trial ${frozen.number} must be RUNNING but got ${frozen.state}.`);
    }
    let { state, error } = parsed;
    let values = parsed.values;
    if (state === 'PRUNED') {
      const last = lastIntermediate(frozen);
      values = last === null ? null : [last];
    }
    if (this.constraints !== undefined && (state === 'COMPLETE' || state === 'PRUNED')) {
      // A trial whose feasibility cannot be known is not a result: FAIL with the reason.
      try {
        this.setTrialSystemAttr(
          frozen,
          SYSTEM_ATTR.constraints,
          checkConstraints(this.constraints, { ...frozen, state, value: values?.[0] ?? null, values }),
        );
      } catch (err) {
        [state, values, error] = ['FAIL', null, toError(err)];
        this.#init.warn(
          `Study "${this.name}": trial ${frozen.number} failed because its constraints could not be evaluated: ${error.message}`,
        );
      }
    }
    const workerId = this.#live.get(frozen.trialId)?.workerId ?? this.#newWorkerId();
    let won = false;
    try {
      this.sampler.afterTrial?.(this, frozen, state, values?.[0] ?? null);
    } finally {
      won = await this.#finish(frozen.trialId, workerId, state, values, error);
    }
    const recorded = this.#storage.replay.trial(frozen.trialId) as FrozenTrial;
    if (!won) {
      this.#init.warn(
        `Study.tell: trial ${recorded.number} was already finished as ${recorded.state} by another worker, so this ${state} outcome is ignored.`,
      );
    }
    return recorded;
  }

  /**
   * Adds a WAITING trial whose parameters are fixed: the next `ask()` claims it (each enqueued
   * trial is claimed once, even by concurrent workers). Parameters it does not name are sampled.
   * @param params - name -> value (external representation).
   * @param options - `userAttrs`, `skipIfExists`.
   * @throws TypeError when `params` is not an object of numbers, strings, booleans or null.
   * @example
   * ```ts
   * await study.enqueueTrial({ lr: 1e-3, layers: 2 });
   * ```
   */
  async enqueueTrial(params: Record<string, ParamValue>, options: EnqueueOptions = {}): Promise<void> {
    if (typeof params !== 'object' || params === null || Array.isArray(params)) {
      throw new TypeError(`Study.enqueueTrial: \`params\` must be an object but got ${describeValue(params)}.`);
    }
    for (const [k, v] of Object.entries(params)) {
      const ok = v === null || typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v));
      if (!ok)
        throw new TypeError(
          `Study.enqueueTrial: parameter \`${k}\` must be a finite number, string, boolean or null but got ${describeValue(v)}.`,
        );
    }
    for (const [key, value] of Object.entries(options.userAttrs ?? {})) checkJsonData('Study.enqueueTrial', 'userAttrs', value, key);
    await this.#storage.sync();
    if (options.skipIfExists === true && this.#alreadyHas(params)) return;
    this.#storage.write([
      this.#records.waitingRecord(this.#newWorkerId(), { [SYSTEM_ATTR.fixedParams]: { ...params } }, options.userAttrs ?? {}),
    ]);
    await this.#storage.sync();
  }

  /**
   * Sets a study user attribute.
   * @param key - attribute name.
   * @param value - plain JSON data.
   */
  async setUserAttr(key: string, value: unknown): Promise<void> {
    if (typeof key !== 'string') throw new TypeError(badInput('Study.setUserAttr', 'key', 'must be a string', key));
    checkJsonData('Study.setUserAttr', 'value', value, key);
    await this.#storage.commit([
      { op_code: OpCode.SET_STUDY_USER_ATTR, worker_id: this.#newWorkerId(), study_id: this.#init.studyId, user_attr: { [key]: value } },
    ]);
  }

  /**
   * Runs the objective on new trials (see `OptimizeOptions` for stopping, concurrency, errors).
   * @param objective - `(trial) => value`, sync or async.
   * @param options - nTrials, timeoutMs, concurrency, signal, catch, callbacks, executor.
   * @throws the first error of an objective not listed in `catch` (after in-flight trials end).
   * @example
   * ```ts
   * await study.optimize(async (t) => train(t.suggestFloat('lr', 1e-4, 1, { log: true })), { nTrials: 40, concurrency: 4 });
   * ```
   */
  optimize(objective: Objective, options: OptimizeOptions = {}): Promise<void> {
    return runOptimize(this, objective, options);
  }

  /** The study as plain data (trials with params, values, intermediate values, attributes). */
  toJSON(): StudyExport {
    return {
      name: this.name,
      direction: this.direction,
      directions: [...this.directions],
      seed: this.seed.toString(),
      trials: this.getTrials().map(trialToExport),
    };
  }

  /** Trials as CSV, one row per trial (Optuna's `trials_dataframe` columns). */
  toCSV(): string {
    return trialsToCsv(this.getTrials(), this.directions.length);
  }

  /**
   * The study as JSON text or CSV text.
   * @param format - 'json' or 'csv'.
   * @throws RangeError on another format.
   */
  export(format: 'json' | 'csv'): string {
    if (format === 'json') return JSON.stringify(this.toJSON(), null, 2);
    if (format === 'csv') return this.toCSV();
    throw new RangeError(`Study.export: \`format\` must be 'json' or 'csv' but got ${describeValue(format)}.`);
  }

  /** Fails (and optionally re-enqueues) RUNNING trials whose writers stopped beating. @internal */
  async failStaleTrials(): Promise<void> {
    await this.#storage.sync();
    await this.#clock.sync();
    await this.#failStaleTrials();
  }

  get #host(): TrialHost {
    return {
      view: this,
      sampler: this.sampler,
      pruner: this.pruner,
      recordedDistribution: (name) => this.#recordedDistribution(name),
      write: (records) => this.#storage.write(records),
      refresh: () => void this.#storage.requestSync(),
      warn: (message) => this.#init.warn(message),
    };
  }

  #newWorkerId(): string {
    return `${this.#init.workerPrefix}-${this.#nextWorker++}`;
  }

  #recordedDistribution(name: string): Distribution | undefined {
    const recorded = this.#storage.replay.recordedDistribution(this.#init.studyId, name);
    if (recorded !== undefined) return recorded;
    // Suggestions of trials running here that the replay has not seen yet.
    for (const t of this.#live.values()) {
      const d = t.distributions[name];
      if (d !== undefined) return d;
    }
    return undefined;
  }

  /** Records the final state; false when another worker's finish came first (and won). */
  async #finish(trialId: number, workerId: string, state: TrialState, values: readonly number[] | null, error?: Error): Promise<boolean> {
    const live = this.#live.get(trialId);
    live?.finish(state, values?.[0] ?? null);
    this.#live.delete(trialId);
    this.#heartbeat?.setActive(this.#live.size > 0);
    if (await this.#records.finish(trialId, workerId, state, values, error)) return true;
    const winner = this.#storage.replay.trial(trialId);
    if (winner !== undefined) live?.finish(winner.state, winner.value);
    return false;
  }

  #singleObjective(where: string): void {
    if (this.directions.length > 1) {
      throw new BonitoError(
        `Study.${where}: the study must have one objective but it has ${this.directions.length}; use \`bestTrials\` (the Pareto front).`,
      );
    }
  }

  #liveByNumber(number: number): StudyTrial | undefined {
    for (const t of this.#live.values()) if (t.number === number) return t;
    return undefined;
  }

  #beat(): void {
    const interval = this.#init.heartbeatIntervalMs;
    if (interval !== undefined) this.#records.beat(this.#live.values(), interval, this.#clock.now());
  }

  /** A timer's beat; also re-measures the storage clock's offset for the next beats (a failure waits for the next ask). */
  #timedBeat(): void {
    this.#beat();
    this.#clock.sync().catch(() => undefined);
  }

  async #failStaleTrials(): Promise<void> {
    const now = this.#clock.now();
    const stale = this.getTrials(['RUNNING']).filter((t) => !this.#live.has(t.trialId) && isStale(t, now, this.#init.heartbeatGraceMs));
    if (stale.length === 0) return;
    const failed = await this.#records.failStale(stale, this.#init.staleTrialRetries, () => this.#newWorkerId());
    for (const t of failed) {
      this.#init.warn(`Study "${this.name}": trial ${t.number} stopped sending heartbeats (its worker probably died) and was marked FAIL.`);
    }
  }

  #alreadyHas(params: Record<string, ParamValue>): boolean {
    const keys = Object.keys(params);
    return this.getTrials().some((t) => {
      const existing = (t.state === 'WAITING' ? t.systemAttrs[SYSTEM_ATTR.fixedParams] : t.params) as Record<string, unknown> | undefined;
      if (existing === undefined) return false;
      return keys.length === Object.keys(existing).length && keys.every((k) => Object.is(existing[k], params[k]));
    });
  }
}

/** A trial counts as feasible unless its recorded constraint values have one above 0 (or NaN). */
function isFeasible(t: FrozenTrial): boolean {
  const c = t.systemAttrs[SYSTEM_ATTR.constraints];
  return !Array.isArray(c) || totalViolation(c as number[]) === 0;
}

function checkConstraints(constraints: (trial: FrozenTrial) => readonly number[], trial: FrozenTrial): number[] {
  const values = constraints(trial);
  if (!Array.isArray(values) || !values.every((v) => typeof v === 'number')) {
    throw new TypeError(
      `Study: \`constraints\` must return an array of numbers but got ${Array.isArray(values) ? 'an array with a non-number' : typeof values}.`,
    );
  }
  return [...values];
}
