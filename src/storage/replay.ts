/**
 * Journal records -> study state: the one pure module every backend shares, so the same log
 * gives the same studies and trials in every process and runtime.
 *
 * Rules (those of Optuna 3.1's `JournalStorageReplayResult`, made stricter where it was loose):
 * - study ids and trial ids are counters over the log; a trial's `number` is its position
 *   among its study's trials;
 * - a second CREATE_STUDY with a taken name is ignored;
 * - a finished trial is never updated again: a second finisher is ignored;
 * - RUNNING is only entered from WAITING (a claim), and only by the first claim in the log;
 *   the claimant owns the trial;
 * - a parameter whose distribution is incompatible with the one its study already recorded for
 *   that name (another kind, another `log`, other choices) is ignored;
 * - a malformed record is reported through `onProblem` and skipped; it still takes a position.
 *   A record that creates an id (CREATE_STUDY, CREATE_TRIAL) keeps taking it when its payload
 *   is unreadable — Optuna gives it one, and every later id must not move — as a placeholder
 *   marked unreadable; when not even its kind can be read, the warning names the ids that are
 *   uncertain from there on instead of guessing silently (see `#unreadable`).
 */
import { compatibleDistributions, distributionFromJson, fromInternal, type Distribution, type ParamValue } from '../space/distributions.js';
import { isFinished, type FrozenTrial, type TrialState, type Direction } from '../trial/index.js';
import {
  OpCode,
  parseDatetime,
  recordProblem,
  stateFromNumber,
  type CreateTrialRecord,
  type JournalRecord,
  type SetTrialParamRecord,
  type SetTrialStateValuesRecord,
  type UnreadableEntry,
  UNREADABLE_OP,
} from './records.js';
import { idEffect, readableTrialParts, UNREADABLE_KEY, type IdEffect, type ReadableTrialParts } from './unreadable.js';
import { nameRecord } from '../space/record.js';

/** A study as replayed. */
export interface ReplayedStudy {
  readonly studyId: number;
  readonly name: string;
  readonly directions: readonly Direction[];
  readonly userAttrs: Readonly<Record<string, unknown>>;
  readonly systemAttrs: Readonly<Record<string, unknown>>;
  /** Trial ids in number order. */
  readonly trialIds: readonly number[];
  /** `worker_id` of the CREATE_STUDY record that won. */
  readonly creator: string;
  /**
   * Set on a placeholder: its CREATE_STUDY record could not be read (why), so it has no
   * directions; it exists so that the studies created after it keep their ids.
   */
  readonly unreadable?: string;
}

/** A study as the replay keeps it. @internal */
export interface MutableStudy {
  studyId: number;
  name: string;
  directions: Direction[];
  userAttrs: Record<string, unknown>;
  systemAttrs: Record<string, unknown>;
  trialIds: number[];
  /**
   * Ids of the WAITING and RUNNING trials, in number order (a finished trial never returns), so
   * the per-ask scans for enqueued and stale trials do not walk the whole study.
   */
  unfinished: Set<number>;
  creator: string;
  unreadable?: string;
  /** Per parameter name, the distribution of the lowest-numbered trial that has it. */
  firstDistribution: Map<string, { number: number; distribution: Distribution }>;
}

/** A trial as the replay keeps it. @internal */
export interface MutableTrial {
  trialId: number;
  studyId: number;
  number: number;
  state: TrialState;
  values: readonly number[] | null;
  params: Record<string, ParamValue>;
  distributions: Record<string, Distribution>;
  intermediate: Map<number, number>;
  userAttrs: Record<string, unknown>;
  systemAttrs: Record<string, unknown>;
  datetimeStart: Date | null;
  datetimeComplete: Date | null;
  /** Worker that created the trial. */
  creator: string;
  /** Worker holding the trial while RUNNING (creator or claimant). */
  owner: string | null;
  /** Worker whose finishing record won. */
  finisher: string | null;
  /** Cached snapshot, dropped on every change. */
  frozen: FrozenTrial | null;
}

/**
 * Called for a record that cannot be applied: its position in the log and what happened, a
 * clause such as "was skipped because `state` is not 0..4".
 */
export type ReplayProblemHandler = (position: number, message: string) => void;

export { UNREADABLE_KEY } from './unreadable.js';

/** Everything a replay knows, for snapshots (`replay-snapshot.ts`). @internal */
export interface ReplayState {
  readonly studies: Map<number, MutableStudy>;
  readonly trials: MutableTrial[];
  readonly createdBy: Map<string, number>;
  readonly nextStudyId: number;
  readonly position: number;
}

/**
 * Incremental replay of one journal: feed it records in log order with {@link JournalReplay.apply}
 * and query studies and trials at any point.
 *
 * @example
 * ```ts
 * const replay = new JournalReplay();
 * replay.apply(await backend.readLogs(replay.position));
 * replay.trials(replay.studyIdByName('my-study')!);
 * ```
 */
export class JournalReplay {
  readonly #studies = new Map<number, MutableStudy>();
  readonly #trials: MutableTrial[] = [];
  readonly #createdBy = new Map<string, number>();
  /** Parsed distributions by their JSON text: a study repeats the same few for every trial. */
  readonly #distributions = new Map<string, Distribution>();
  readonly #onProblem: ReplayProblemHandler | undefined;
  #nextStudyId = 0;
  #position = 0;

  /** @param onProblem - receives malformed records (default: ignore them silently). */
  constructor(onProblem?: ReplayProblemHandler) {
    this.#onProblem = onProblem;
  }

  /** How many records have been applied: the `from` of the next `readLogs`. */
  get position(): number {
    return this.#position;
  }

  /** The live state (not a copy): what a snapshot encodes. @internal */
  state(): ReplayState {
    return {
      studies: this.#studies,
      trials: this.#trials,
      createdBy: this.#createdBy,
      nextStudyId: this.#nextStudyId,
      position: this.#position,
    };
  }

  /**
   * Starts from a decoded snapshot instead of position 0; later records apply on top of it.
   * @throws RangeError when records were applied already. @internal
   */
  restore(state: ReplayState): void {
    if (this.#position !== 0)
      throw new RangeError(`JournalReplay.restore: the replay must be fresh but it is at position ${this.#position}.`);
    for (const [id, study] of state.studies) this.#studies.set(id, study);
    this.#trials.push(...state.trials);
    for (const [worker, id] of state.createdBy) this.#createdBy.set(worker, id);
    this.#nextStudyId = state.nextStudyId;
    this.#position = state.position;
  }

  /** Applies records that follow the ones already applied (unreadable entries included). */
  apply(records: readonly (JournalRecord | UnreadableEntry)[]): void {
    for (const record of records) {
      const position = this.#position++;
      const problem = record.op_code === UNREADABLE_OP ? (record as UnreadableEntry).reason : recordProblem(record);
      if (problem !== null) {
        this.#unreadable(position, record, problem);
        continue;
      }
      try {
        this.#applyOne(record as JournalRecord);
      } catch (err) {
        this.#unreadable(position, record, err instanceof Error ? err.message : String(err));
      }
    }
  }

  /** Every live (not deleted) study, in id order. */
  studies(): ReplayedStudy[] {
    return [...this.#studies.values()];
  }

  /** A live study by id. */
  study(studyId: number): ReplayedStudy | undefined {
    return this.#studies.get(studyId);
  }

  /** The id of the live study with this name. */
  studyIdByName(name: string): number | undefined {
    for (const s of this.#studies.values()) if (s.name === name) return s.studyId;
    return undefined;
  }

  /** One trial's snapshot, by trial id. */
  trial(trialId: number): FrozenTrial | undefined {
    const t = this.#trials[trialId];
    return t === undefined ? undefined : freeze(t);
  }

  /** A study's trials in number order, optionally only those in `states`. */
  trials(studyId: number, states?: readonly TrialState[]): FrozenTrial[] {
    const study = this.#studies.get(studyId);
    if (study === undefined) return [];
    const out: FrozenTrial[] = [];
    const onlyUnfinished = states?.every((st) => st === 'WAITING' || st === 'RUNNING');
    for (const id of onlyUnfinished ? study.unfinished : study.trialIds) {
      const t = this.#trials[id];
      if (states === undefined || states.includes(t.state)) out.push(freeze(t));
    }
    return out;
  }

  /**
   * The distribution a study recorded for `name` on its lowest-numbered trial having it: the one
   * a new value must be compatible with (Optuna's rule).
   */
  recordedDistribution(studyId: number, name: string): Distribution | undefined {
    return this.#studies.get(studyId)?.firstDistribution.get(name)?.distribution;
  }

  /** The trial whose CREATE_TRIAL record came from `workerId` (the last one, if several). */
  trialCreatedBy(workerId: string): number | undefined {
    return this.#createdBy.get(workerId);
  }

  /** The worker holding a RUNNING trial, or null. */
  ownerOf(trialId: number): string | null {
    return this.#trials[trialId]?.owner ?? null;
  }

  /** The worker whose finishing record was applied, or null while unfinished. */
  finisherOf(trialId: number): string | null {
    return this.#trials[trialId]?.finisher ?? null;
  }

  #applyOne(r: JournalRecord): void {
    switch (r.op_code) {
      case OpCode.CREATE_STUDY: {
        for (const s of this.#studies.values()) if (s.name === r.study_name) return;
        const studyId = this.#nextStudyId++;
        this.#studies.set(
          studyId,
          emptyStudy(
            studyId,
            r.study_name,
            r.directions.map((d) => (d === 2 ? 'maximize' : 'minimize')),
            r.worker_id,
          ),
        );
        return;
      }
      case OpCode.DELETE_STUDY:
        this.#studies.delete(r.study_id);
        return;
      case OpCode.SET_STUDY_USER_ATTR:
        assignNames(this.#studies.get(r.study_id)?.userAttrs, r.user_attr);
        return;
      case OpCode.SET_STUDY_SYSTEM_ATTR:
        assignNames(this.#studies.get(r.study_id)?.systemAttrs, r.system_attr);
        return;
      case OpCode.CREATE_TRIAL:
        this.#createTrial(r);
        return;
      case OpCode.SET_TRIAL_PARAM:
        this.#setParam(r);
        return;
      case OpCode.SET_TRIAL_STATE_VALUES:
        this.#setState(r);
        return;
      case OpCode.SET_TRIAL_INTERMEDIATE_VALUE: {
        const t = this.#updatable(r.trial_id);
        if (t !== undefined) t.intermediate.set(r.step, r.intermediate_value);
        return;
      }
      case OpCode.SET_TRIAL_USER_ATTR:
        assignNames(this.#updatable(r.trial_id)?.userAttrs, r.user_attr);
        return;
      case OpCode.SET_TRIAL_SYSTEM_ATTR:
        assignNames(this.#updatable(r.trial_id)?.systemAttrs, r.system_attr);
        return;
    }
  }

  /**
   * A record that cannot be applied. If it creates an id, it still takes it (Optuna's replay
   * gives it one, and every later study or trial must keep its id): a placeholder study or
   * trial marked unreadable, decided from whatever part of it survived (`idEffect`).
   */
  #unreadable(position: number, record: unknown, why: string): void {
    const reason = why.replace(/\.$/, ''); // error messages end with a period; this is a clause
    const worker = isObject(record) && typeof record.worker_id === 'string' ? record.worker_id : '';
    this.#onProblem?.(position, this.#keepId(record, idEffect(record), reason, worker));
  }

  /** Applies an unreadable record's id effect; returns what happened, for the warning. */
  #keepId(record: unknown, effect: IdEffect, reason: string, worker: string): string {
    switch (effect.kind) {
      case 'study': {
        for (const s of this.#studies.values()) {
          if (s.name === effect.name)
            return `was skipped because ${reason} (it named the existing study "${effect.name}", so it took no id)`;
        }
        const studyId = this.#nextStudyId++;
        this.#studies.set(studyId, emptyStudy(studyId, effect.name, [], worker, reason));
        return `could not be read (${reason}); it keeps study id ${studyId} ("${effect.name}") as an unreadable placeholder`;
      }
      case 'trial': {
        const study = this.#studies.get(effect.studyId);
        if (study === undefined) return `was skipped because ${reason} (its study ${effect.studyId} does not exist, so it took no id)`;
        const parts = readableTrialParts(record, reason, (json) => this.#parseDistribution(json));
        const trialId = this.#addTrial(study, parts, worker);
        return `could not be read in full (${reason}); it keeps trial id ${trialId} (trial ${this.#trials[trialId].number} of study "${study.name}") with what was readable, marked \`${UNREADABLE_KEY}\``;
      }
      case 'none':
        return `was skipped because ${reason} (it creates no id, so no other record moves)`;
      case 'unknown':
        return `was skipped because ${reason}, and what it was cannot be told: if it created a study, study ids from ${this.#nextStudyId} on are one too low from here; if it created a trial, trial ids from ${this.#trials.length} on are (and the numbers of its study's later trials)`;
    }
  }

  /** Appends a trial to the log's trials and its study's; returns its id. */
  #addTrial(study: MutableStudy, p: ReadableTrialParts, creator: string): number {
    const trialId = this.#trials.length;
    this.#trials.push({
      trialId,
      studyId: study.studyId,
      number: study.trialIds.length,
      state: p.state,
      values: p.values,
      params: p.params,
      distributions: p.distributions,
      intermediate: new Map(),
      userAttrs: p.userAttrs,
      systemAttrs: p.systemAttrs,
      datetimeStart: p.datetimeStart,
      datetimeComplete: p.datetimeComplete,
      creator,
      owner: p.state === 'RUNNING' ? creator : null,
      finisher: isFinished(p.state) ? creator : null,
      frozen: null,
    });
    study.trialIds.push(trialId);
    if (!isFinished(p.state)) study.unfinished.add(trialId);
    if (creator !== '') this.#createdBy.set(creator, trialId);
    return trialId;
  }

  #createTrial(r: CreateTrialRecord): void {
    const study = this.#studies.get(r.study_id);
    if (study === undefined) return;
    // Parse everything before touching state, so a bad template leaves no half-made trial.
    const distributions = nameRecord<Distribution>();
    for (const [name, json] of Object.entries(r.distributions ?? {})) distributions[name] = this.#parseDistribution(json);
    const params = nameRecord<ParamValue>();
    for (const [name, internal] of Object.entries(r.params ?? {})) params[name] = fromInternal(distributions[name], internal);
    const intermediate = new Map<number, number>();
    for (const [step, v] of Object.entries(r.intermediate_values ?? {})) intermediate.set(Number(step), v);
    const trialId = this.#addTrial(
      study,
      {
        state: stateFromNumber(r.state ?? 0),
        values: r.values ?? (r.value === undefined || r.value === null ? null : [r.value]),
        params,
        distributions,
        userAttrs: nameRecord(r.user_attrs),
        systemAttrs: nameRecord(r.system_attrs),
        datetimeStart: r.datetime_start === null ? null : parseDatetime(r.datetime_start),
        datetimeComplete: r.datetime_complete === undefined ? null : parseDatetime(r.datetime_complete),
      },
      r.worker_id,
    );
    const number = this.#trials[trialId].number;
    for (const [name, d] of Object.entries(distributions)) noteDistribution(study, name, number, d);
    const trial = this.#trials[trialId];
    trial.intermediate = intermediate;
    if (isFinished(trial.state)) freeze(trial);
  }

  #setParam(r: SetTrialParamRecord): void {
    const t = this.#updatable(r.trial_id);
    if (t === undefined) return;
    const distribution = this.#parseDistribution(r.distribution);
    const value = fromInternal(distribution, r.param_value_internal);
    const study = this.#studies.get(t.studyId);
    const earlier = study?.firstDistribution.get(r.param_name);
    if (earlier !== undefined && !compatibleDistributions(earlier.distribution, distribution)) return;
    t.params[r.param_name] = value;
    if (study !== undefined) noteDistribution(study, r.param_name, t.number, distribution);
    t.distributions[r.param_name] = distribution;
  }

  #setState(r: SetTrialStateValuesRecord): void {
    const t = this.#updatable(r.trial_id);
    if (t === undefined) return;
    const state = stateFromNumber(r.state);
    if (state === 'RUNNING') {
      if (t.state !== 'WAITING') return;
      t.owner = r.worker_id;
      t.datetimeStart = parseDatetime(r.datetime_start as string);
    } else if (state === 'WAITING') {
      return;
    } else {
      t.finisher = r.worker_id;
      t.owner = null;
      t.datetimeComplete = parseDatetime(r.datetime_complete as string);
      this.#studies.get(t.studyId)?.unfinished.delete(t.trialId);
    }
    t.state = state;
    if (r.values !== null && r.values !== undefined) t.values = r.values;
    // Its snapshot is final now: made here, one trial at a time as the log is replayed, rather
    // than all at once by the first getTrials, which a sampler calls inside an ask.
    if (isFinished(state)) freeze(t);
  }

  #parseDistribution(json: string): Distribution {
    let d = this.#distributions.get(json);
    if (d === undefined) {
      d = distributionFromJson(json);
      this.#distributions.set(json, d);
    }
    return d;
  }

  /** The trial if it exists and is not finished; marks its snapshot stale. */
  #updatable(trialId: number): MutableTrial | undefined {
    const t = this.#trials[trialId];
    if (t === undefined || isFinished(t.state)) return undefined;
    t.frozen = null;
    return t;
  }
}

function emptyStudy(studyId: number, name: string, directions: Direction[], creator: string, unreadable?: string): MutableStudy {
  return {
    studyId,
    name,
    directions,
    userAttrs: nameRecord(),
    systemAttrs: nameRecord(),
    trialIds: [],
    unfinished: new Set(),
    creator,
    ...(unreadable === undefined ? {} : { unreadable }),
    firstDistribution: new Map(),
  };
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Object.assign into a name record (a missing target, for a deleted study or finished trial, is a no-op). */
function assignNames(target: Record<string, unknown> | undefined, source: Readonly<Record<string, unknown>>): void {
  if (target !== undefined) Object.assign(target, source);
}

function noteDistribution(study: MutableStudy, name: string, number: number, distribution: Distribution): void {
  const seen = study.firstDistribution.get(name);
  if (seen === undefined || number <= seen.number) study.firstDistribution.set(name, { number, distribution });
}

function freeze(t: MutableTrial): FrozenTrial {
  if (t.frozen !== null) return t.frozen;
  // A finished trial never changes again (#updatable), so its snapshot shares the replay's own
  // records, frozen in place, when they are name records already (a decoded replay snapshot holds
  // plain objects: those are copied): reopening a long study then copies no trial's params.
  const finished = isFinished(t.state);
  const shared = <T>(record: Record<string, T>): Readonly<Record<string, T>> =>
    Object.freeze(finished && Object.getPrototypeOf(record) === null ? record : nameRecord(record));
  t.frozen = Object.freeze({
    number: t.number,
    trialId: t.trialId,
    state: t.state,
    value: t.values === null || t.values.length === 0 ? null : t.values[0],
    values: t.values === null || t.values.length === 0 ? null : Object.freeze([...t.values]),
    params: shared(t.params),
    distributions: shared(t.distributions),
    intermediateValues: new Map(t.intermediate) as ReadonlyMap<number, number>,
    userAttrs: shared(t.userAttrs),
    systemAttrs: shared(t.systemAttrs),
    datetimeStart: t.datetimeStart,
    datetimeComplete: t.datetimeComplete,
  });
  return t.frozen;
}
