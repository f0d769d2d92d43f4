import { describe, expect, it } from 'vitest';
import { JournalReplay } from '../../src/storage/replay.js';
import { C, rec, scriptedLog, snapshot, X } from '../helpers/journal.js';

describe('JournalReplay', () => {
  it('gives the same state whether records arrive at once or one by one', () => {
    const all = new JournalReplay();
    all.apply(scriptedLog());
    const one = new JournalReplay();
    for (const r of scriptedLog()) one.apply([r]);
    expect(snapshot(one)).toEqual(snapshot(all));
  });

  it('reports a malformed record with its position, skips it and keeps going', () => {
    const problems: [number, string][] = [];
    const replay = new JournalReplay((pos, reason) => problems.push([pos, reason]));
    replay.apply([
      rec.createStudy('s', 'st'),
      { op_code: 99, worker_id: 'x' } as never,
      rec.createTrial('t', 0),
      rec.param('t', 0, 'x', 1, '{"name":"NoSuchDistribution","attributes":{}}'),
      rec.param('t', 0, 'c', 7, C), // index out of range
      rec.param('t', 0, 'x', 2, X),
    ]);
    expect(problems.map(([p]) => p)).toEqual([1, 3, 4]);
    expect(replay.position).toBe(6);
    expect(replay.trial(0)?.params).toEqual({ x: 2 });
  });

  it('numbers trials per study and ids over the whole log', () => {
    const replay = new JournalReplay();
    replay.apply([rec.createStudy('a', 'A'), rec.createStudy('b', 'B'), rec.createTrial('1', 0), rec.createTrial('2', 1), rec.createTrial('3', 0)]);
    expect(replay.trials(0).map((t) => [t.number, t.trialId])).toEqual([[0, 0], [1, 2]]);
    expect(replay.trials(1).map((t) => [t.number, t.trialId])).toEqual([[0, 1]]);
    expect(replay.trialCreatedBy('3')).toBe(2);
  });

  it('rejects a parameter whose kind, log flag or choices differ from the study’s, keeps a new range', () => {
    const replay = new JournalReplay();
    replay.apply([
      rec.createStudy('a', 'A'), rec.createTrial('t0', 0), rec.param('t0', 0, 'x', 1, X),
      rec.createTrial('t1', 0),
      rec.param('t1', 1, 'x', 2, '{"name":"FloatDistribution","attributes":{"low":1,"high":10,"log":true,"step":null}}'),
      rec.param('t1', 1, 'x', 1, C),
      rec.param('t1', 1, 'x', 20, '{"name":"FloatDistribution","attributes":{"low":0,"high":50,"log":false,"step":null}}'),
    ]);
    expect(replay.trial(1)?.params).toEqual({ x: 20 });
  });

  it('returns frozen snapshots that later records do not change', () => {
    const replay = new JournalReplay();
    replay.apply([rec.createStudy('a', 'A'), rec.createTrial('t', 0)]);
    const before = replay.trial(0);
    replay.apply([rec.report('t', 0, 0, 1), rec.finish('t', 0, 1, 1)]);
    expect(before?.state).toBe('RUNNING');
    expect(before?.intermediateValues.size).toBe(0);
    expect(Object.isFrozen(before)).toBe(true);
    expect(replay.trial(0)?.state).toBe('COMPLETE');
  });
});
