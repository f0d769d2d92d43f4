// Builders for journal records and a plain snapshot of replayed state, shared by the storage,
// study and node tests.
import { distributionToJson, floatDistribution, categoricalDistribution, intDistribution } from '../../src/space/distributions.js';
import type { JournalRecord } from '../../src/storage/records.js';
import type { JournalReplay } from '../../src/storage/replay.js';

export const T0 = '2024-03-01T12:00:00.000000';
export const T1 = '2024-03-01T12:00:01.500000';

export const X = distributionToJson(floatDistribution('x', -5, 5));
export const N = distributionToJson(intDistribution('n', 1, 9));
export const C = distributionToJson(categoricalDistribution('c', ['a', 'b', null]));

export const rec = {
  createStudy: (w: string, name: string, direction = 1): JournalRecord => ({
    op_code: 0,
    worker_id: w,
    study_name: name,
    directions: [direction],
  }),
  deleteStudy: (w: string, studyId: number): JournalRecord => ({ op_code: 1, worker_id: w, study_id: studyId }),
  studyUserAttr: (w: string, studyId: number, key: string, value: unknown): JournalRecord => ({
    op_code: 2,
    worker_id: w,
    study_id: studyId,
    user_attr: { [key]: value },
  }),
  studySystemAttr: (w: string, studyId: number, key: string, value: unknown): JournalRecord => ({
    op_code: 3,
    worker_id: w,
    study_id: studyId,
    system_attr: { [key]: value },
  }),
  createTrial: (w: string, studyId: number): JournalRecord => ({ op_code: 4, worker_id: w, study_id: studyId, datetime_start: T0 }),
  createWaiting: (w: string, studyId: number, fixed: Record<string, unknown>): JournalRecord => ({
    op_code: 4,
    worker_id: w,
    study_id: studyId,
    state: 4,
    value: null,
    values: null,
    datetime_start: null,
    distributions: {},
    params: {},
    user_attrs: {},
    system_attrs: { fixed_params: fixed },
    intermediate_values: {},
  }),
  param: (w: string, trialId: number, name: string, internal: number, dist: string): JournalRecord => ({
    op_code: 5,
    worker_id: w,
    trial_id: trialId,
    param_name: name,
    param_value_internal: internal,
    distribution: dist,
  }),
  finish: (w: string, trialId: number, state: 1 | 2 | 3, value: number | null): JournalRecord => ({
    op_code: 6,
    worker_id: w,
    trial_id: trialId,
    state,
    values: value === null ? null : [value],
    datetime_complete: T1,
  }),
  claim: (w: string, trialId: number): JournalRecord => ({
    op_code: 6,
    worker_id: w,
    trial_id: trialId,
    state: 0,
    values: null,
    datetime_start: T1,
  }),
  report: (w: string, trialId: number, step: number, value: number): JournalRecord => ({
    op_code: 7,
    worker_id: w,
    trial_id: trialId,
    step,
    intermediate_value: value,
  }),
  userAttr: (w: string, trialId: number, key: string, value: unknown): JournalRecord => ({
    op_code: 8,
    worker_id: w,
    trial_id: trialId,
    user_attr: { [key]: value },
  }),
  systemAttr: (w: string, trialId: number, key: string, value: unknown): JournalRecord => ({
    op_code: 9,
    worker_id: w,
    trial_id: trialId,
    system_attr: { [key]: value },
  }),
};

/** A log touching every op code and every conflict rule. */
export function scriptedLog(): JournalRecord[] {
  return [
    rec.createStudy('a', 'alpha'),
    rec.createStudy('b', 'beta', 2),
    rec.createStudy('c', 'alpha'), // duplicate name: ignored
    rec.studyUserAttr('a', 0, 'owner', 'me'),
    rec.studySystemAttr('a', 0, 'bonito:seed', '42'),
    rec.createTrial('a1', 0), // trial 0, alpha #0
    rec.param('a1', 0, 'x', 1.25, X),
    rec.param('a1', 0, 'c', 2, C),
    rec.report('a1', 0, 0, 3.5),
    rec.report('a1', 0, 1, Infinity),
    rec.userAttr('a1', 0, 'note', { deep: [1, 2] }),
    rec.finish('a1', 0, 1, 1.5),
    rec.finish('zz', 0, 3, null), // second finisher: ignored
    rec.report('zz', 0, 2, 9), // update after finish: ignored
    rec.createTrial('b1', 1), // trial 1, beta #0
    rec.param('b1', 1, 'n', 7, N),
    rec.finish('b1', 1, 1, -Infinity),
    rec.createWaiting('e', 0, { x: 0.5 }), // trial 2, alpha #1
    rec.claim('w1', 2),
    rec.claim('w2', 2), // second claim: ignored
    rec.param('w1', 2, 'x', 0.5, X),
    rec.param('w1', 2, 'c', 0.5, N), // incompatible with alpha's categorical `c`: ignored
    rec.systemAttr('w1', 2, 'bonito:heartbeat', { at: 1, interval_ms: 100 }),
    rec.createTrial('a2', 0), // trial 3, alpha #2
    rec.finish('a2', 3, 2, 4),
    rec.createTrial('d', 7), // unknown study: ignored, takes no trial id
    rec.deleteStudy('b', 1),
    rec.createTrial('b2', 1), // deleted study: ignored
  ];
}

/** Plain, comparable view of a replay. */
export function snapshot(replay: JournalReplay): unknown {
  return replay.studies().map((s) => ({
    ...s,
    trials: replay.trials(s.studyId).map((t) => ({
      ...t,
      intermediateValues: [...t.intermediateValues],
      owner: replay.ownerOf(t.trialId),
      finisher: replay.finisherOf(t.trialId),
    })),
  }));
}
