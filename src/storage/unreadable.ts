/**
 * Records replay cannot apply: which id such a record would have taken, and what of a
 * CREATE_TRIAL is still readable. Pure helpers of `replay.ts`, which keeps the ids (see its
 * rules and src/storage/README.md, "Ids never shift").
 */
import { fromInternal, type Distribution, type ParamValue } from '../space/distributions.js';
import type { TrialState } from '../trial/index.js';
import { OpCode, parseDatetime, stateFromNumber, UNREADABLE_OP } from './records.js';
import { nameRecord } from '../space/record.js';

/** System attribute of a placeholder trial: why its CREATE_TRIAL record could not be read. */
export const UNREADABLE_KEY = 'bonito:unreadable';

/** Which id an unreadable record would have taken, as far as can be read from it. */
export type IdEffect =
  | { readonly kind: 'study'; readonly name: string }
  | { readonly kind: 'trial'; readonly studyId: number }
  | { readonly kind: 'none' }
  | { readonly kind: 'unknown' };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isInt = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) >= 0;

/**
 * What a record that cannot be applied would create: read from the record itself, or from the
 * `salvaged` fields of an `UnreadableEntry` (a stored entry that is not JSON).
 */
export function idEffect(record: unknown): IdEffect {
  const r = isObject(record) ? record : {};
  const known = r.op_code === UNREADABLE_OP && isObject(r.salvaged) ? r.salvaged : r;
  const op = known.op_code;
  if (op === OpCode.CREATE_STUDY && typeof known.study_name === 'string') return { kind: 'study', name: known.study_name };
  if (op === OpCode.CREATE_TRIAL && isInt(known.study_id)) return { kind: 'trial', studyId: known.study_id };
  const createsNothing =
    typeof op === 'number' && op >= OpCode.DELETE_STUDY && op <= OpCode.SET_TRIAL_SYSTEM_ATTR && op !== OpCode.CREATE_TRIAL;
  return createsNothing ? { kind: 'none' } : { kind: 'unknown' };
}

/** The readable parts of a CREATE_TRIAL record replay could not apply. */
export interface ReadableTrialParts {
  state: TrialState;
  values: readonly number[] | null;
  params: Record<string, ParamValue>;
  distributions: Record<string, Distribution>;
  userAttrs: Record<string, unknown>;
  /** The record's system attributes plus {@link UNREADABLE_KEY} = `reason`. */
  systemAttrs: Record<string, unknown>;
  datetimeStart: Date | null;
  datetimeComplete: Date | null;
}

/**
 * Everything of a CREATE_TRIAL that still reads: the parameters whose distributions parse,
 * state (RUNNING when absent, as in Optuna; FAIL when unreadable), values, dates, attributes.
 */
export function readableTrialParts(record: unknown, reason: string, parseDistribution: (json: string) => Distribution): ReadableTrialParts {
  const r = isObject(record) ? record : {};
  const distributions = nameRecord<Distribution>();
  const params = nameRecord<ParamValue>();
  const dists = nameRecord(isObject(r.distributions) ? r.distributions : {});
  for (const [name, internal] of Object.entries(isObject(r.params) ? r.params : {})) {
    try {
      const d = parseDistribution(dists[name] as string);
      params[name] = fromInternal(d, internal as number);
      distributions[name] = d;
    } catch {
      // this parameter is what made the record unreadable: leave it out
    }
  }
  const date = (v: unknown): Date | null => {
    try {
      return typeof v === 'string' ? parseDatetime(v) : null;
    } catch {
      return null;
    }
  };
  return {
    state: isInt(r.state) && r.state <= 4 ? stateFromNumber(r.state) : r.state === undefined ? 'RUNNING' : 'FAIL',
    values:
      Array.isArray(r.values) && r.values.every((v) => typeof v === 'number')
        ? (r.values as number[])
        : typeof r.value === 'number'
          ? [r.value]
          : null,
    params,
    distributions,
    userAttrs: nameRecord(isObject(r.user_attrs) ? r.user_attrs : {}),
    systemAttrs: Object.assign(nameRecord(isObject(r.system_attrs) ? r.system_attrs : {}), { [UNREADABLE_KEY]: reason }),
    datetimeStart: date(r.datetime_start),
    datetimeComplete: date(r.datetime_complete),
  };
}
