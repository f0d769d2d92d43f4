import { checkSeed, randomSeed } from '../core/rng.js';
import { describeValue, DuplicatedStudyError, StorageError } from '../errors.js';
import type { Pruner } from '../pruners/base.js';
import { NopPruner } from '../pruners/nop.js';
import type { Sampler } from '../samplers/base.js';
import type { JournalBackend } from '../storage/base.js';
import { JournalStorage } from '../storage/journal-storage.js';
import { InMemoryJournal } from '../storage/memory.js';
import { DIRECTION_NUMBER, OpCode } from '../storage/records.js';
import { defaultSampler } from './default-sampler.js';
import { Study } from './study.js';
import { SYSTEM_ATTR, type Direction, type FrozenTrial } from '../trial/index.js';
import { badInput, checkNonNegativeInteger } from '../validate.js';

/** Options shared by `createStudy` and `loadStudy`. */
export interface StudyRuntimeOptions {
  /**
   * How parameters are proposed: a sampler object (`samplerByName('tpe')` makes one from its
   * name; a bare name is refused so that a bundle carries only the samplers it imports).
   * @defaultValue a new GPSampler (Sobol start-up trials, then a Gaussian process with logEI) for
   * one objective, a new NSGAIISampler for several
   */
  sampler?: Sampler;
  /**
   * Constraint values of a finished trial, `≤ 0` feasible (Optuna's `constraints_func`): called
   * for each COMPLETE or PRUNED trial before it is recorded, stored in its `constraints` system
   * attribute (which Optuna reads too). `bestTrial` and `bestTrials` then consider feasible
   * trials only, and NSGAIISampler ranks by constrained domination.
   */
  constraints?: (trial: FrozenTrial) => readonly number[];
  /** When running trials stop early. @defaultValue NopPruner */
  pruner?: Pruner;
  /**
   * Study seed; every sampler stream derives from it and the trial number. Recorded in the
   * journal, so `loadStudy` reuses it unless given another. @defaultValue drawn from
   * `crypto.getRandomValues` (or the recorded one)
   */
  seed?: number | bigint;
  /**
   * Beat every this many milliseconds while this process runs trials, so another process can
   * tell a dead worker's RUNNING trial from a slow one. @defaultValue no heartbeats
   */
  heartbeatIntervalMs?: number;
  /** Silence after which a RUNNING trial counts as dead. @defaultValue twice the dead writer's interval */
  heartbeatGraceMs?: number;
  /** Fail dead workers' RUNNING trials on load and before each `ask()`. @defaultValue true */
  failStaleTrials?: boolean;
  /** How many times a dead worker's trial is re-enqueued with the same parameters. @defaultValue 0 */
  staleTrialRetries?: number;
  /** Receives warnings (NaN objectives, skipped journal records, sampler fallbacks). @defaultValue console.warn */
  onWarning?: (message: string) => void;
  /**
   * This host's wall clock in milliseconds, for heartbeats when the storage has no clock of its
   * own (a Redis storage's `TIME` is used instead; this clock then only times the round trip).
   * Meant for tests that skew one worker's clock. @defaultValue Date.now
   */
  clock?: () => number;
}

/** Options of `createStudy`. */
export interface CreateStudyOptions extends StudyRuntimeOptions {
  /** The objective's direction (one objective). @defaultValue 'minimize' */
  direction?: Direction;
  /** One direction per objective, for a study of several (`tell(trial, [v1, v2])`); excludes `direction`. */
  directions?: readonly Direction[];
  /** Where the journal lives. @defaultValue a new InMemoryJournal */
  storage?: JournalBackend;
  /** Unique within the storage. @defaultValue `no-name-<uuid>` */
  name?: string;
  /** Load the study when the name is taken instead of throwing. @defaultValue false */
  loadIfExists?: boolean;
}

/** Options of `loadStudy`. */
export interface LoadStudyOptions extends StudyRuntimeOptions {
  /** Where the journal lives. */
  storage: JournalBackend;
  /** The study to load. @defaultValue the only study in the storage */
  name?: string;
}

/**
 * Creates a study in a journal (in memory unless `storage` is given).
 * @param options - direction, sampler, pruner, storage, name, seed, heartbeats...
 * @returns the study, ready to `optimize` or `ask`.
 * @throws DuplicatedStudyError when `name` exists (unless `loadIfExists`); RangeError/TypeError
 *   on invalid options; StorageError when the journal cannot be read or written.
 * @example
 * ```ts
 * const study = await createStudy({ direction: 'maximize', seed: 42 });
 * ```
 */
export async function createStudy(options: CreateStudyOptions = {}): Promise<Study> {
  const directions = checkDirections(options);
  const runtime = checkRuntime('createStudy', options);
  const name = options.name ?? `no-name-${uuid()}`;
  if (typeof name !== 'string' || name.length === 0) {
    throw new TypeError(badInput('createStudy', 'name', 'must be a non-empty string', name));
  }
  const backend = options.storage ?? new InMemoryJournal();
  const storage = new JournalStorage(backend, problemReporter(runtime.warn));
  const workerPrefix = uuid();
  const studyWorker = `${workerPrefix}-0`;
  await storage.sync();
  if (storage.replay.studyIdByName(name) === undefined) {
    await storage.commit([
      { op_code: OpCode.CREATE_STUDY, worker_id: studyWorker, study_name: name, directions: directions.map((d) => DIRECTION_NUMBER[d]) },
    ]);
  }
  const studyId = storage.replay.studyIdByName(name) as number;
  const created = storage.replay.study(studyId)?.creator === studyWorker;
  if (!created) {
    if (options.loadIfExists !== true) {
      throw new DuplicatedStudyError(
        `createStudy: \`name\` must be new in this storage but got "${name}", which exists; pass \`loadIfExists: true\` or call loadStudy.`,
      );
    }
    return openStudy(storage, studyId, options, runtime, workerPrefix);
  }
  const seed = options.seed === undefined ? randomSeed() : checkSeed('createStudy', options.seed);
  await storage.commit([
    {
      op_code: OpCode.SET_STUDY_SYSTEM_ATTR,
      worker_id: studyWorker,
      study_id: studyId,
      system_attr: { [SYSTEM_ATTR.seed]: seed.toString() },
    },
  ]);
  return new Study({
    storage,
    studyId,
    name,
    directions,
    seed,
    workerPrefix,
    ...runtime,
    sampler: runtime.sampler ?? defaultSampler(),
  });
}

/**
 * Opens an existing study of a journal (written by bonito or by Optuna's JournalStorage), and
 * fails the RUNNING trials of workers that stopped beating (unless `failStaleTrials: false`).
 * @param options - storage, name, and the runtime options of `createStudy`.
 * @returns the study with every trial replayed.
 * @throws RangeError when no such study exists (or `name` is omitted and there is not exactly
 *   one); StorageError on journal errors.
 * @example
 * ```ts
 * const study = await loadStudy({ storage: new JournalFileBackend('study.jsonl'), name: 'search' });
 * ```
 */
export async function loadStudy(options: LoadStudyOptions): Promise<Study> {
  if (typeof options?.storage?.readLogs !== 'function') {
    throw new TypeError('loadStudy: `storage` must be a JournalBackend but got another value.');
  }
  const runtime = checkRuntime('loadStudy', options);
  const storage = new JournalStorage(options.storage, problemReporter(runtime.warn));
  await storage.sync();
  const studies = storage.replay.studies();
  let studyId: number | undefined;
  if (options.name === undefined) {
    if (studies.length !== 1) {
      throw new RangeError(
        `loadStudy: \`name\` must be given when the storage does not hold exactly one study but got none, with ${studies.length} studies (${studies.map((s) => JSON.stringify(s.name)).join(', ')}).`,
      );
    }
    studyId = studies[0].studyId;
  } else {
    studyId = storage.replay.studyIdByName(options.name);
    if (studyId === undefined) {
      throw new RangeError(`loadStudy: \`name\` must name a study of the storage but got ${describeValue(options.name)}.`);
    }
  }
  return openStudy(storage, studyId, options, runtime, uuid());
}

async function openStudy(
  storage: JournalStorage,
  studyId: number,
  options: StudyRuntimeOptions,
  runtime: Runtime,
  workerPrefix: string,
): Promise<Study> {
  const record = storage.replay.study(studyId);
  if (record === undefined) throw new RangeError(`loadStudy: study ${studyId} does not exist.`);
  if (record.unreadable !== undefined) {
    throw new StorageError(`loadStudy: study "${record.name}" cannot be opened: its creating record is unreadable (${record.unreadable}).`);
  }
  const recorded = record.systemAttrs[SYSTEM_ATTR.seed];
  const seed =
    options.seed !== undefined
      ? checkSeed('loadStudy', options.seed)
      : typeof recorded === 'string' && /^\d+$/.test(recorded)
        ? checkSeed('loadStudy', BigInt(recorded))
        : randomSeed();
  const directions = record.directions;
  const sampler = runtime.sampler ?? defaultSampler();
  const study = new Study({ storage, studyId, name: record.name, directions, seed, workerPrefix, ...runtime, sampler });
  // A read-only journal cannot record the failure: show the trials as they are.
  if (runtime.failStaleTrials && storage.backend.readOnly !== true) await study.failStaleTrials();
  return study;
}

interface Runtime {
  /** Undefined until the number of objectives is known (it picks the default). */
  sampler: Sampler | undefined;
  constraints: ((trial: FrozenTrial) => readonly number[]) | undefined;
  pruner: Pruner;
  heartbeatIntervalMs: number | undefined;
  heartbeatGraceMs: number | undefined;
  failStaleTrials: boolean;
  staleTrialRetries: number;
  warn: (message: string) => void;
  clock: (() => number) | undefined;
}

function checkRuntime(where: string, o: StudyRuntimeOptions): Runtime {
  const sampler = o.sampler;
  // A name is not resolved here: that would bring every sampler into a browser bundle that uses one.
  if (sampler !== undefined && typeof sampler?.sampleIndependent !== 'function') {
    throw new TypeError(badInput(where, 'sampler', "must be a Sampler (by name: samplerByName('tpe') from 'bonito')", sampler));
  }
  const pruner = o.pruner ?? new NopPruner();
  if (typeof pruner?.prune !== 'function') throw new TypeError(`${where}: \`pruner\` must implement Pruner but got another value.`);
  for (const key of ['heartbeatIntervalMs', 'heartbeatGraceMs'] as const) {
    const v = o[key];
    if (v !== undefined && !(typeof v === 'number' && Number.isFinite(v) && v > 0)) {
      throw new (typeof v === 'number' ? RangeError : TypeError)(badInput(where, key, 'must be a positive number of milliseconds', v));
    }
  }
  const retries = o.staleTrialRetries ?? 0;
  checkNonNegativeInteger(where, 'staleTrialRetries', retries);
  if (o.constraints !== undefined && typeof o.constraints !== 'function') {
    throw new TypeError(badInput(where, 'constraints', 'must be a function of the finished trial', o.constraints));
  }
  if (o.clock !== undefined && typeof o.clock !== 'function') {
    throw new TypeError(badInput(where, 'clock', 'must be a function returning milliseconds', o.clock));
  }
  const warn = o.onWarning ?? ((message: string) => console.warn(message));
  return {
    sampler,
    constraints: o.constraints,
    pruner,
    heartbeatIntervalMs: o.heartbeatIntervalMs,
    heartbeatGraceMs: o.heartbeatGraceMs,
    failStaleTrials: o.failStaleTrials ?? true,
    staleTrialRetries: retries,
    warn,
    clock: o.clock,
  };
}

function checkDirections(o: CreateStudyOptions): Direction[] {
  const valid = (d: unknown): d is Direction => d === 'minimize' || d === 'maximize';
  const where = 'createStudy';
  if (o.directions !== undefined) {
    if (o.direction !== undefined) {
      throw new TypeError(
        badInput(where, 'direction', 'must not be given with `directions` (use `directions` alone for several objectives)', o.direction),
      );
    }
    if (!Array.isArray(o.directions) || o.directions.length === 0) {
      throw new RangeError(badInput(where, 'directions', "must be a non-empty array of 'minimize' or 'maximize'", o.directions));
    }
    o.directions.forEach((d, k) => {
      if (!valid(d)) throw new RangeError(badInput(where, `directions[${k}]`, "must be 'minimize' or 'maximize'", d));
    });
    return [...o.directions];
  }
  const direction = o.direction ?? 'minimize';
  if (!valid(direction)) throw new RangeError(badInput(where, 'direction', "must be 'minimize' or 'maximize'", direction));
  return [direction];
}

function problemReporter(warn: (message: string) => void): (position: number, location: string | undefined, message: string) => void {
  return (position, location, message) => warn(`Journal: record ${position}${location === undefined ? '' : ` (${location})`} ${message}.`);
}

function uuid(): string {
  const c = globalThis.crypto;
  if (typeof c.randomUUID === 'function') return c.randomUUID();
  const b = c.getRandomValues(new Uint8Array(16));
  return Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
}
