// The contract every JournalBackend keeps (src/storage/base.ts), as a suite each backend's test
// file runs: test/storage/contract.test.ts (in memory, file) and contract-redis.peer.test.ts.
import { describe, expect, it } from 'vitest';
import type { JournalBackend } from '../../src/storage/base.js';
import { JournalReplay } from '../../src/storage/replay.js';
import { parseDatetime } from '../../src/storage/records.js';
import { rec, scriptedLog, snapshot, T0 } from './journal.js';

/** Backends by name, each a factory of a fresh, empty journal. */
export type BackendFactories = [string, () => JournalBackend][];

/**
 * Runs the contract on `backends`; `reference` are backends whose replayed state every one of
 * them must reach too (the in-memory journal, for another file's backends).
 */
export function backendContract(backends: BackendFactories, reference: BackendFactories = []): void {
  const all = [...reference, ...backends];
  async function replayAll(backend: JournalBackend): Promise<JournalReplay> {
    const replay = new JournalReplay();
    replay.apply(await backend.readLogs(0));
    return replay;
  }

  describe.each(backends)('%s (journal backend contract)', (_name, make) => {
    it('replays the scripted log to the expected state', async () => {
      const backend = make();
      const log = scriptedLog();
      // Several append calls of different sizes must read back as one ordered log.
      await backend.appendLogs(log.slice(0, 5));
      await backend.appendLogs(log.slice(5, 6));
      await backend.appendLogs(log.slice(6));
      const replay = await replayAll(backend);
      expect(replay.position).toBe(log.length);
      const [alpha] = replay.studies();
      expect(replay.studies().map((s) => s.name)).toEqual(['alpha']); // beta was deleted
      expect(alpha.userAttrs).toEqual({ owner: 'me' });
      const trials = replay.trials(alpha.studyId);
      expect(trials.map((t) => [t.number, t.trialId, t.state, t.value])).toEqual([
        [0, 0, 'COMPLETE', 1.5],
        [1, 2, 'RUNNING', null],
        [2, 3, 'PRUNED', 4],
      ]);
      expect(trials[0].params).toEqual({ x: 1.25, c: null });
      expect([...trials[0].intermediateValues]).toEqual([
        [0, 3.5],
        [1, Infinity],
      ]); // step 2 came after the finish
      expect(trials[0].userAttrs).toEqual({ note: { deep: [1, 2] } });
      expect(replay.finisherOf(0)).toBe('a1');
      expect(replay.ownerOf(2)).toBe('w1');
      expect(trials[1].params).toEqual({ x: 0.5 }); // the incompatible `c` was dropped
      expect(replay.trial(1)?.value).toBe(-Infinity);
    });

    it('replays to the same state as every other backend', async () => {
      const states = [];
      for (const [, other] of all) {
        const backend = other();
        await backend.appendLogs(scriptedLog());
        states.push(snapshot(await replayAll(backend)));
      }
      const backend = make();
      await backend.appendLogs(scriptedLog());
      for (const s of states) expect(snapshot(await replayAll(backend))).toEqual(s);
    });

    it('readLogs(from) returns exactly the records from that position, incrementally or not', async () => {
      const backend = make();
      const log = scriptedLog();
      const incremental = new JournalReplay();
      for (let i = 0; i < log.length; i += 4) {
        await backend.appendLogs(log.slice(i, i + 4));
        incremental.apply(await backend.readLogs(incremental.position));
      }
      expect(snapshot(incremental)).toEqual(snapshot(await replayAll(backend)));
      for (const from of [0, 1, 7, log.length - 1, log.length, log.length + 3]) {
        expect(await backend.readLogs(from)).toEqual((await backend.readLogs(0)).slice(from));
      }
    });

    it('ignores a second finisher of a trial', async () => {
      const backend = make();
      await backend.appendLogs([rec.createStudy('s', 'st'), rec.createTrial('t', 0)]);
      await Promise.all([backend.appendLogs([rec.finish('p', 0, 1, 1)]), backend.appendLogs([rec.finish('q', 0, 3, null)])]);
      const replay = await replayAll(backend);
      const first = (await backend.readLogs(2))[0].worker_id;
      expect(replay.finisherOf(0)).toBe(first);
      expect(replay.trial(0)?.state).toBe(first === 'p' ? 'COMPLETE' : 'FAIL');
    });

    it('lets only the first claim of a WAITING trial win, once', async () => {
      const backend = make();
      await backend.appendLogs([rec.createStudy('s', 'st'), rec.createWaiting('e', 0, { x: 1 })]);
      await Promise.all(['w1', 'w2', 'w3'].map((w) => backend.appendLogs([rec.claim(w, 0)])));
      const replay = await replayAll(backend);
      const claims = (await backend.readLogs(2)).map((r) => r.worker_id);
      expect(claims).toHaveLength(3);
      expect(replay.ownerOf(0)).toBe(claims[0]);
      // A RUNNING trial created directly cannot be claimed either.
      await backend.appendLogs([rec.createTrial('c', 0), rec.claim('thief', 1)]);
      const later = await replayAll(backend);
      expect(later.ownerOf(1)).toBe('c');
      expect(later.trial(1)?.datetimeStart).toEqual(parseDatetime(T0)); // the thief's start time was not applied
    });

    it('stores copies: changing an appended or a read record changes nothing stored', async () => {
      const backend = make();
      const record = rec.userAttr('t', 0, 'k', { list: [1] }) as unknown as { user_attr: { k: { list: number[] } } };
      await backend.appendLogs([record as never]);
      record.user_attr.k.list.push(2);
      const [read] = (await backend.readLogs(0)) as unknown as (typeof record)[];
      try {
        read.user_attr.k.list.push(3);
      } catch {
        // a frozen record may refuse the change, which is just as good
      }
      expect(await backend.readLogs(0)).toEqual([rec.userAttr('t', 0, 'k', { list: [1] })]);
    });

    it('keeps NaN and ±Infinity through the trip', async () => {
      const backend = make();
      await backend.appendLogs([
        rec.createStudy('s', 'st'),
        rec.createTrial('t', 0),
        rec.report('t', 0, 0, NaN),
        rec.report('t', 0, 1, -Infinity),
        rec.userAttr('t', 0, 'v', [Infinity, 'NaN']),
      ]);
      const t = (await replayAll(backend)).trial(0);
      expect([...(t?.intermediateValues ?? [])]).toEqual([
        [0, NaN],
        [1, -Infinity],
      ]);
      expect(t?.userAttrs).toEqual({ v: [Infinity, 'NaN'] });
    });
  });
}
