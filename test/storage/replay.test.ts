import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { unreadableEntry } from '../../src/storage/records.js';
import { JournalReplay, UNREADABLE_KEY } from '../../src/storage/replay.js';
import { InMemoryJournal } from '../../src/storage/memory.js';
import { decodeReplaySnapshot, encodeReplaySnapshot } from '../../src/storage/replay-snapshot.js';
import { loadStudy } from '../../src/study/create.js';
import { C, rec, scriptedLog, snapshot, T0, X } from '../helpers/journal.js';

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

  it('keeps the id of a CREATE_TRIAL or CREATE_STUDY whose payload it cannot read, so no later id moves', () => {
    const problems: string[] = [];
    const replay = new JournalReplay((pos, message) => problems.push(`${pos} ${message}`));
    replay.apply([
      rec.createStudy('s', 'alpha'),
      { op_code: 0, worker_id: 'p', study_name: 'odd', directions: [0] } as never, // NOT_SET: Optuna reads it
      rec.createStudy('s', 'beta'),
      {
        op_code: 4,
        worker_id: 'o',
        study_id: 0,
        datetime_start: T0,
        state: 1,
        values: [3],
        distributions: { c: '{"name":"CategoricalDistribution","attributes":{"choices":[1,1]}}', x: X },
        params: { c: 0, x: 0.5 },
      } as never,
      rec.createTrial('b1', 2), // trial id 1: beta's first trial
      rec.finish('b1', 1, 1, 7),
    ]);
    expect(replay.studies().map((s) => [s.studyId, s.name, s.unreadable !== undefined])).toEqual([
      [0, 'alpha', false],
      [1, 'odd', true],
      [2, 'beta', false],
    ]);
    expect(replay.trials(0).map((t) => [t.trialId, t.number, t.state, t.value, t.params])).toEqual([[0, 0, 'COMPLETE', 3, { x: 0.5 }]]);
    expect(replay.trials(0)[0].systemAttrs[UNREADABLE_KEY]).toMatch(/`choices\[1\]` must differ from every earlier choice/);
    expect(replay.trials(2).map((t) => [t.trialId, t.number, t.value])).toEqual([[1, 0, 7]]);
    expect(problems[0]).toMatch(/^1 could not be read \(`directions` .*\); it keeps study id 1 \("odd"\) as an unreadable placeholder$/);
    expect(problems[1]).toMatch(/^3 could not be read in full .*; it keeps trial id 0 \(trial 0 of study "alpha"\)/);
  });

  it('keeps the id a line that is not JSON may have taken, from what survives of it, or names the uncertain ids', () => {
    const problems: string[] = [];
    const replay = new JournalReplay((pos, message) => problems.push(`${pos} ${message}`));
    replay.apply([
      rec.createStudy('s', 'alpha'),
      rec.createTrial('a0', 0),
      unreadableEntry('{"op_code": 4, "worker_id": "a1", "study_id": 0, "datetime_st\u0000rt": ', 'not valid JSON'),
      rec.createTrial('a2', 0),
      unreadableEntry('{"op_code": 0, "worker_id": "z", "study_name": "gamma", "dire', 'not valid JSON'),
      rec.createStudy('s', 'delta'),
      unreadableEntry('\u0000\u0000garbage', 'not valid JSON'),
    ]);
    expect(replay.trials(0).map((t) => [t.trialId, t.number, t.systemAttrs[UNREADABLE_KEY] ?? null])).toEqual([
      [0, 0, null],
      [1, 1, 'not valid JSON'],
      [2, 2, null],
    ]);
    expect(replay.trialCreatedBy('a2')).toBe(2);
    expect(replay.studies().map((s) => [s.studyId, s.name])).toEqual([
      [0, 'alpha'],
      [1, 'gamma'],
      [2, 'delta'],
    ]);
    expect(problems[2]).toBe(
      "6 was skipped because not valid JSON, and what it was cannot be told: if it created a study, study ids from 3 on are one too low from here; if it created a trial, trial ids from 3 on are (and the numbers of its study's later trials)",
    );
  });

  it('refuses to load a placeholder study, naming why', async () => {
    const storage = new InMemoryJournal();
    await storage.appendLogs([{ op_code: 0, worker_id: 'p', study_name: 'odd', directions: [0] } as never]);
    await expect(loadStudy({ storage, name: 'odd', onWarning: () => undefined })).rejects.toThrow(
      /loadStudy: study "odd" cannot be opened: its creating record is unreadable \(`directions` is not a list/,
    );
  });

  it('numbers trials per study and ids over the whole log', () => {
    const replay = new JournalReplay();
    replay.apply([
      rec.createStudy('a', 'A'),
      rec.createStudy('b', 'B'),
      rec.createTrial('1', 0),
      rec.createTrial('2', 1),
      rec.createTrial('3', 0),
    ]);
    expect(replay.trials(0).map((t) => [t.number, t.trialId])).toEqual([
      [0, 0],
      [1, 2],
    ]);
    expect(replay.trials(1).map((t) => [t.number, t.trialId])).toEqual([[0, 1]]);
    expect(replay.trialCreatedBy('3')).toBe(2);
  });

  it('rejects a parameter whose kind, log flag or choices differ from the study’s, keeps a new range', () => {
    const replay = new JournalReplay();
    replay.apply([
      rec.createStudy('a', 'A'),
      rec.createTrial('t0', 0),
      rec.param('t0', 0, 'x', 1, X),
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

describe('JournalReplay.trials by state', () => {
  it('lists WAITING and RUNNING trials from its index exactly as a scan of every trial does', async () => {
    const { createStudy } = await import('../../src/study/create.js');
    const { RandomSampler } = await import('../../src/samplers/random.js');
    const { InMemoryJournal } = await import('../../src/storage/memory.js');
    await fc.assert(
      fc.asyncProperty(fc.array(fc.constantFrom('enqueue', 'ask', 'tell', 'fail'), { maxLength: 30 }), async (script) => {
        const storage = new InMemoryJournal();
        const study = await createStudy({ storage, sampler: new RandomSampler(), seed: 1, onWarning: () => {} });
        const live: Awaited<ReturnType<typeof study.ask>>[] = [];
        for (const step of script) {
          if (step === 'enqueue') await study.enqueueTrial({ x: 0.5 });
          else if (step === 'ask') live.push(await study.ask());
          else if (live.length > 0) await study.tell(live.shift()!, step === 'tell' ? 1 : { state: 'FAIL' });
        }
        // The study's own replay was built record by record as the script ran; a second one
        // replays the whole journal at once.
        const fresh = new JournalReplay();
        fresh.apply(await storage.readLogs(0));
        const id = fresh.studyIdByName(study.name)!;
        const all = study.getTrials();
        for (const states of [['WAITING'], ['RUNNING'], ['WAITING', 'RUNNING'], ['RUNNING', 'COMPLETE']] as const) {
          const want = all.filter((t) => (states as readonly string[]).includes(t.state));
          expect(study.getTrials(states)).toEqual(want);
          expect(fresh.trials(id, states)).toEqual(want);
        }
      }),
      { numRuns: 60 },
    );
  });
  it("hands out a finished trial's snapshot frozen, null-prototype and unchanged by later records, replayed or restored from a snapshot", () => {
    const log = [
      rec.createStudy('s', 'st'),
      rec.createTrial('t', 0),
      rec.param('t', 0, 'x', 0.5, X),
      rec.userAttr('t', 0, 'note', 'kept'),
      rec.finish('t', 0, 1, 3),
    ];
    const late = [rec.param('t', 0, 'x', 0.75, X), rec.userAttr('t', 0, 'note', 'late'), rec.systemAttr('t', 0, 'k', 1)];
    const replayed = new JournalReplay();
    replayed.apply(log);
    const restored = new JournalReplay();
    restored.restore(decodeReplaySnapshot(encodeReplaySnapshot(replayed)));
    for (const replay of [replayed, restored]) {
      const before = replay.trial(0)!;
      replay.apply(late);
      const after = replay.trial(0)!;
      expect(after).toBe(before); // the one snapshot: nothing changed
      for (const record of [after.params, after.distributions, after.userAttrs, after.systemAttrs]) {
        expect(Object.isFrozen(record)).toBe(true);
        expect(Object.getPrototypeOf(record)).toBeNull();
      }
      expect(after.params).toEqual({ x: 0.5 });
      expect(after.userAttrs).toEqual({ note: 'kept' });
      expect(() => {
        (after.params as Record<string, unknown>).x = 1;
      }).toThrow(TypeError);
    }
  });
});
