/**
 * The journal's records, in the shapes Optuna 3.1's `JournalStorage` writes
 * (`optuna/storages/_journal/storage.py`), so a bonito journal opens in Python and back.
 *
 * Op codes follow Optuna 3.1, which dropped 3.0's SET_STUDY_DIRECTIONS: directions travel in
 * CREATE_STUDY and trial operations start at 4.
 */
import type { TrialState } from '../trial/index.js';
import { describeValue } from '../errors.js';

/** Journal operation codes (Optuna 3.1 `JournalOperation`). */
export const OpCode = {
  CREATE_STUDY: 0,
  DELETE_STUDY: 1,
  SET_STUDY_USER_ATTR: 2,
  SET_STUDY_SYSTEM_ATTR: 3,
  CREATE_TRIAL: 4,
  SET_TRIAL_PARAM: 5,
  SET_TRIAL_STATE_VALUES: 6,
  SET_TRIAL_INTERMEDIATE_VALUE: 7,
  SET_TRIAL_USER_ATTR: 8,
  SET_TRIAL_SYSTEM_ATTR: 9,
} as const;
/** One of the op codes. */
export type OpCode = (typeof OpCode)[keyof typeof OpCode];

/** Trial state numbers (Optuna `TrialState`). */
export const STATE_NUMBER: Readonly<Record<TrialState, number>> = {
  RUNNING: 0,
  COMPLETE: 1,
  PRUNED: 2,
  FAIL: 3,
  WAITING: 4,
};
const STATE_BY_NUMBER: readonly TrialState[] = ['RUNNING', 'COMPLETE', 'PRUNED', 'FAIL', 'WAITING'];

/** Study direction numbers (Optuna `StudyDirection`: NOT_SET=0, MINIMIZE=1, MAXIMIZE=2). */
export const DIRECTION_NUMBER = { minimize: 1, maximize: 2 } as const;

/** Every record names the worker that wrote it (Optuna: a uuid plus a thread id). */
interface RecordBase {
  readonly worker_id: string;
}
/** Op 0: a new study (ignored when the name is taken). */
export interface CreateStudyRecord extends RecordBase {
  readonly op_code: 0;
  readonly study_name: string;
  readonly directions: readonly number[];
}
/** Op 1: removes a study (its trials keep their ids). */
export interface DeleteStudyRecord extends RecordBase {
  readonly op_code: 1;
  readonly study_id: number;
}
/** Op 2: one study user attribute. */
export interface SetStudyUserAttrRecord extends RecordBase {
  readonly op_code: 2;
  readonly study_id: number;
  readonly user_attr: Readonly<Record<string, unknown>>;
}
/** Op 3: one study system attribute. */
export interface SetStudySystemAttrRecord extends RecordBase {
  readonly op_code: 3;
  readonly study_id: number;
  readonly system_attr: Readonly<Record<string, unknown>>;
}
/** Op 4: a new trial; the optional fields form a template (enqueued or imported trials). */
export interface CreateTrialRecord extends RecordBase {
  readonly op_code: 4;
  readonly study_id: number;
  readonly datetime_start: string | null;
  readonly state?: number;
  readonly value?: number | null;
  readonly values?: readonly number[] | null;
  readonly datetime_complete?: string;
  /** name -> distribution JSON string (see `distributionToJson`). */
  readonly distributions?: Readonly<Record<string, string>>;
  /** name -> internal representation (categorical index, numbers unchanged). */
  readonly params?: Readonly<Record<string, number>>;
  readonly user_attrs?: Readonly<Record<string, unknown>>;
  readonly system_attrs?: Readonly<Record<string, unknown>>;
  /** step (as a string key, JSON objects have no integer keys) -> value. */
  readonly intermediate_values?: Readonly<Record<string, number>>;
}
/** Op 5: one parameter of a trial, in the internal representation. */
export interface SetTrialParamRecord extends RecordBase {
  readonly op_code: 5;
  readonly trial_id: number;
  readonly param_name: string;
  readonly param_value_internal: number;
  readonly distribution: string;
}
/** Op 6: a claim (RUNNING) or a final state with its values. */
export interface SetTrialStateValuesRecord extends RecordBase {
  readonly op_code: 6;
  readonly trial_id: number;
  readonly state: number;
  readonly values: readonly number[] | null;
  /** Written when the state is RUNNING (a claim of a WAITING trial). */
  readonly datetime_start?: string;
  /** Written when the state is final. */
  readonly datetime_complete?: string;
}
/** Op 7: one reported learning-curve point. */
export interface SetTrialIntermediateValueRecord extends RecordBase {
  readonly op_code: 7;
  readonly trial_id: number;
  readonly step: number;
  readonly intermediate_value: number;
}
/** Op 8: one trial user attribute. */
export interface SetTrialUserAttrRecord extends RecordBase {
  readonly op_code: 8;
  readonly trial_id: number;
  readonly user_attr: Readonly<Record<string, unknown>>;
}
/** Op 9: one trial system attribute (heartbeats and failure reasons included). */
export interface SetTrialSystemAttrRecord extends RecordBase {
  readonly op_code: 9;
  readonly trial_id: number;
  readonly system_attr: Readonly<Record<string, unknown>>;
}

/** One journal record (one line of a JSONL journal). */
export type JournalRecord =
  | CreateStudyRecord
  | DeleteStudyRecord
  | SetStudyUserAttrRecord
  | SetStudySystemAttrRecord
  | CreateTrialRecord
  | SetTrialParamRecord
  | SetTrialStateValuesRecord
  | SetTrialIntermediateValueRecord
  | SetTrialUserAttrRecord
  | SetTrialSystemAttrRecord;

/** The `op_code` of an {@link UnreadableEntry}: not an Optuna operation, never written. */
export const UNREADABLE_OP = -1;

/**
 * What a backend returns in place of a stored entry that is not JSON (a corrupt line), so the
 * entry keeps its position and replay can tell which ids it may have taken. `salvaged` holds
 * the fields that could still be read from the text; `worker_id` is empty unless salvaged.
 */
export interface UnreadableEntry {
  readonly op_code: typeof UNREADABLE_OP;
  readonly worker_id: string;
  /** Why it is not a record. */
  readonly reason: string;
  readonly salvaged: {
    readonly op_code?: number;
    readonly study_id?: number;
    readonly study_name?: string;
  };
}

const SALVAGE = {
  op_code: /"op_code"\s*:\s*(\d+)\s*[,}]/,
  study_id: /"study_id"\s*:\s*(\d+)\s*[,}]/,
  study_name: /"study_name"\s*:\s*("(?:[^"\\]|\\.)*")/,
  worker_id: /"worker_id"\s*:\s*("(?:[^"\\]|\\.)*")/,
};

/**
 * An {@link UnreadableEntry} for a text that is not JSON, with whatever fields survive in it
 * (a number or string is taken only when it is complete: followed by `,`/`}` or closed by `"`).
 * @example
 * ```ts
 * unreadableEntry('{"op_code": 4, "worker_id": "w", "study_id": 0, "datetime_st', 'not valid JSON').salvaged;
 * // { op_code: 4, study_id: 0 }
 * ```
 */
export function unreadableEntry(text: string, reason: string): UnreadableEntry {
  const str = (m: RegExpExecArray | null): string | undefined => {
    if (m === null) return undefined;
    try {
      return JSON.parse(m[1]) as string;
    } catch {
      return undefined;
    }
  };
  const int = (m: RegExpExecArray | null): number | undefined => (m === null ? undefined : Number(m[1]));
  const salvaged: { op_code?: number; study_id?: number; study_name?: string } = {};
  const op = int(SALVAGE.op_code.exec(text));
  if (op !== undefined) salvaged.op_code = op;
  const studyId = int(SALVAGE.study_id.exec(text));
  if (studyId !== undefined) salvaged.study_id = studyId;
  const name = str(SALVAGE.study_name.exec(text));
  if (name !== undefined) salvaged.study_name = name;
  return { op_code: UNREADABLE_OP, worker_id: str(SALVAGE.worker_id.exec(text)) ?? '', reason, salvaged };
}

/** The state name of an Optuna state number. @throws RangeError on an unknown number. */
export function stateFromNumber(n: number): TrialState {
  const state = STATE_BY_NUMBER[n];
  if (state === undefined) throw new RangeError(`Journal: \`state\` must be 0..4 but got ${n}.`);
  return state;
}

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

/**
 * A date in Optuna's journal format, `datetime.now().isoformat(timespec="microseconds")`:
 * local wall-clock time with no offset and six fraction digits (JavaScript keeps milliseconds).
 */
export function formatDatetime(date: Date): string {
  return (
    `${pad(date.getFullYear(), 4)}-${pad(date.getMonth() + 1, 2)}-${pad(date.getDate(), 2)}` +
    `T${pad(date.getHours(), 2)}:${pad(date.getMinutes(), 2)}:${pad(date.getSeconds(), 2)}` +
    `.${pad(date.getMilliseconds(), 3)}000`
  );
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})?$/;

/**
 * Parses the datetimes Python's `fromisoformat` reads: without an offset the time is local
 * (as Optuna writes it), with `Z` or `±hh:mm` it is absolute.
 * @throws RangeError when the text is not such a datetime.
 */
export function parseDatetime(text: string): Date {
  const m = ISO.exec(text);
  if (m === null) throw new RangeError(`Journal: a datetime must be ISO 8601 but got ${describeValue(text)}.`);
  const [y, mo, d, h, mi] = [m[1], m[2], m[3], m[4], m[5]].map(Number);
  const s = m[6] === undefined ? 0 : Number(m[6]);
  const ms = m[7] === undefined ? 0 : Math.floor(Number(`0.${m[7]}`) * 1000);
  if (m[8] === undefined) return new Date(y, mo - 1, d, h, mi, s, ms);
  let offsetMin = 0;
  if (m[8] !== 'Z') {
    const sign = m[8][0] === '-' ? -1 : 1;
    const digits = m[8].slice(1).replace(':', '');
    offsetMin = sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2)));
  }
  return new Date(Date.UTC(y, mo - 1, d, h, mi, s, ms) - offsetMin * 60_000);
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isInt = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) >= 0;
const isNum = (v: unknown): v is number => typeof v === 'number';
const isNumList = (v: unknown): boolean => Array.isArray(v) && v.every(isNum);
const isOneKey = (v: unknown): boolean => isObject(v) && Object.keys(v).length === 1;
const isDate = (v: unknown): boolean => typeof v === 'string' && ISO.test(v);

/**
 * Why `value` is not a well-formed journal record, or `null` when it is one. Replay skips
 * malformed records instead of failing (a corrupt record never kills a study).
 */
export function recordProblem(value: unknown): string | null {
  if (!isObject(value)) return 'not a JSON object';
  if (typeof value.worker_id !== 'string') return '`worker_id` is not a string';
  const r = value;
  switch (r.op_code) {
    case OpCode.CREATE_STUDY:
      if (typeof r.study_name !== 'string') return '`study_name` is not a string';
      if (!Array.isArray(r.directions) || r.directions.length === 0 || !r.directions.every((d) => d === 1 || d === 2)) {
        return '`directions` is not a list of 1 (minimize) or 2 (maximize)';
      }
      return null;
    case OpCode.DELETE_STUDY:
      return isInt(r.study_id) ? null : '`study_id` is not an integer';
    case OpCode.SET_STUDY_USER_ATTR:
    case OpCode.SET_STUDY_SYSTEM_ATTR: {
      if (!isInt(r.study_id)) return '`study_id` is not an integer';
      const key = r.op_code === OpCode.SET_STUDY_USER_ATTR ? 'user_attr' : 'system_attr';
      return isOneKey(r[key]) ? null : `\`${key}\` is not an object with one key`;
    }
    case OpCode.CREATE_TRIAL:
      return createTrialProblem(r);
    case OpCode.SET_TRIAL_PARAM:
      if (!isInt(r.trial_id)) return '`trial_id` is not an integer';
      if (typeof r.param_name !== 'string') return '`param_name` is not a string';
      if (!isNum(r.param_value_internal)) return '`param_value_internal` is not a number';
      return typeof r.distribution === 'string' ? null : '`distribution` is not a string';
    case OpCode.SET_TRIAL_STATE_VALUES:
      if (!isInt(r.trial_id)) return '`trial_id` is not an integer';
      if (!isInt(r.state) || r.state > 4) return '`state` is not 0..4';
      if (r.values !== null && r.values !== undefined && !isNumList(r.values)) return '`values` is not a list of numbers';
      if (r.state === 0 && !isDate(r.datetime_start)) return '`datetime_start` is missing for RUNNING';
      if ((r.state === 1 || r.state === 2 || r.state === 3) && !isDate(r.datetime_complete)) {
        return '`datetime_complete` is missing for a finished state';
      }
      return null;
    case OpCode.SET_TRIAL_INTERMEDIATE_VALUE:
      if (!isInt(r.trial_id)) return '`trial_id` is not an integer';
      if (!Number.isSafeInteger(r.step)) return '`step` is not an integer';
      return isNum(r.intermediate_value) ? null : '`intermediate_value` is not a number';
    case OpCode.SET_TRIAL_USER_ATTR:
    case OpCode.SET_TRIAL_SYSTEM_ATTR: {
      if (!isInt(r.trial_id)) return '`trial_id` is not an integer';
      const key = r.op_code === OpCode.SET_TRIAL_USER_ATTR ? 'user_attr' : 'system_attr';
      return isOneKey(r[key]) ? null : `\`${key}\` is not an object with one key`;
    }
    default:
      return `unknown \`op_code\` ${JSON.stringify(r.op_code)}`;
  }
}

function createTrialProblem(r: Record<string, unknown>): string | null {
  if (!isInt(r.study_id)) return '`study_id` is not an integer';
  if (r.datetime_start !== null && !isDate(r.datetime_start)) return '`datetime_start` is not a datetime or null';
  if (r.state !== undefined && (!isInt(r.state) || r.state > 4)) return '`state` is not 0..4';
  if (r.value !== undefined && r.value !== null && !isNum(r.value)) return '`value` is not a number';
  if (r.values !== undefined && r.values !== null && !isNumList(r.values)) return '`values` is not a list of numbers';
  if (r.datetime_complete !== undefined && !isDate(r.datetime_complete)) return '`datetime_complete` is not a datetime';
  for (const key of ['distributions', 'params', 'user_attrs', 'system_attrs', 'intermediate_values']) {
    if (r[key] !== undefined && !isObject(r[key])) return `\`${key}\` is not an object`;
  }
  const dists = (r.distributions ?? {}) as Record<string, unknown>;
  if (!Object.values(dists).every((d) => typeof d === 'string')) return '`distributions` holds a non-string';
  const params = (r.params ?? {}) as Record<string, unknown>;
  for (const [k, v] of Object.entries(params)) {
    if (!isNum(v) || !Object.hasOwn(dists, k)) return `param \`${k}\` has no number or no distribution`;
  }
  const iv = (r.intermediate_values ?? {}) as Record<string, unknown>;
  for (const [k, v] of Object.entries(iv)) {
    if (!/^-?\d+$/.test(k) || !isNum(v)) return '`intermediate_values` is not step -> number';
  }
  return null;
}
