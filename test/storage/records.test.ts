import { describe, expect, it } from 'vitest';
import { formatDatetime, parseDatetime, recordProblem, stateFromNumber } from '../../src/storage/records.js';
import { rec, scriptedLog } from '../helpers/journal.js';

describe('formatDatetime / parseDatetime', () => {
  it('formatDatetime(date) writes local time with six fraction digits, as Optuna does', () => {
    const d = new Date(2024, 0, 2, 3, 4, 5, 67);
    expect(formatDatetime(d)).toBe('2024-01-02T03:04:05.067000');
  });

  it('parseDatetime(text) reads naive local times, offsets and Z back to the same instant', () => {
    const d = new Date(2024, 6, 9, 23, 59, 58, 123);
    expect(parseDatetime(formatDatetime(d)).getTime()).toBe(d.getTime());
    expect(parseDatetime('2024-07-09T10:00:00.5+02:00').toISOString()).toBe('2024-07-09T08:00:00.500Z');
    expect(parseDatetime('2024-07-09T10:00:00Z').toISOString()).toBe('2024-07-09T10:00:00.000Z');
    expect(parseDatetime('2024-07-09T10:00:00.123999').getMilliseconds()).toBe(123); // microseconds truncate
  });

  it('parseDatetime(text) rejects what is not ISO 8601', () => {
    expect(() => parseDatetime('yesterday')).toThrow(RangeError);
  });
});

describe('recordProblem', () => {
  it('accepts every record the builders make', () => {
    for (const r of scriptedLog()) expect(recordProblem(r)).toBeNull();
  });

  it('names what is wrong with a malformed record', () => {
    expect(recordProblem([])).toBe('not a JSON object');
    expect(recordProblem({ op_code: 0, study_name: 's', directions: [1] })).toBe('`worker_id` is not a string');
    expect(recordProblem({ op_code: 11, worker_id: 'w' })).toBe('unknown `op_code` 11');
    expect(recordProblem({ ...rec.createStudy('w', 's'), directions: [0] })).toMatch(/directions/);
    expect(recordProblem({ ...rec.finish('w', 0, 1, 1), datetime_complete: undefined })).toMatch(/datetime_complete/);
    expect(recordProblem({ ...rec.claim('w', 0), state: 5 })).toMatch(/state/);
    expect(recordProblem({ ...rec.userAttr('w', 0, 'a', 1), user_attr: { a: 1, b: 2 } })).toMatch(/one key/);
    expect(recordProblem({ ...rec.createTrial('w', 0), params: { x: 1 } })).toMatch(/param `x`/);
    expect(recordProblem({ ...rec.report('w', 0, 1.5, 1) })).toMatch(/step/);
  });

  it('stateFromNumber(n) maps Optuna state numbers and rejects others', () => {
    expect([0, 1, 2, 3, 4].map(stateFromNumber)).toEqual(['RUNNING', 'COMPLETE', 'PRUNED', 'FAIL', 'WAITING']);
    expect(() => stateFromNumber(5)).toThrow(RangeError);
  });
});
