import { mkdtempSync, readFileSync, rmSync, writeFileSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { JournalFileBackend } from '../../src/node/file-journal.js';
import { JournalRedisBackend } from '../../src/node/redis-journal.js';
import type { JournalBackend } from '../../src/storage/base.js';
import { InMemoryJournal } from '../../src/storage/memory.js';
import { JournalReplay } from '../../src/storage/replay.js';
import { parseDatetime } from '../../src/storage/records.js';
import { rec, scriptedLog, snapshot, T0, X } from '../helpers/journal.js';
import { startRedisServer } from '../helpers/redis-server.js';

const dir = mkdtempSync(join(tmpdir(), 'bonito-contract-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;
// A private redis-server for this file (Debian's redis-server; never an existing one).
const redis = await startRedisServer();
const redisBackends: JournalRedisBackend[] = [];
afterAll(async () => {
  await Promise.all(redisBackends.map((b) => b.close()));
  await redis.dispose();
});

const backends: [string, () => JournalBackend][] = [
  ['InMemoryJournal', () => new InMemoryJournal()],
  ['JournalFileBackend', () => new JournalFileBackend(join(dir, `j${files++}.jsonl`), { onCorruptLine: () => undefined })],
  ['JournalRedisBackend', () => {
    const backend = new JournalRedisBackend(redis.url, { prefix: `contract-${files++}` });
    redisBackends.push(backend);
    return backend;
  }],
];

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
    expect([...trials[0].intermediateValues]).toEqual([[0, 3.5], [1, Infinity]]); // step 2 came after the finish
    expect(trials[0].userAttrs).toEqual({ note: { deep: [1, 2] } });
    expect(replay.finisherOf(0)).toBe('a1');
    expect(replay.ownerOf(2)).toBe('w1');
    expect(trials[1].params).toEqual({ x: 0.5 }); // the incompatible `c` was dropped
    expect(replay.trial(1)?.value).toBe(-Infinity);
  });

  it('replays to the same state as every other backend', async () => {
    const states = [];
    for (const [, other] of backends) {
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
      rec.createStudy('s', 'st'), rec.createTrial('t', 0),
      rec.report('t', 0, 0, NaN), rec.report('t', 0, 1, -Infinity), rec.userAttr('t', 0, 'v', [Infinity, 'NaN']),
    ]);
    const t = (await replayAll(backend)).trial(0);
    expect([...(t?.intermediateValues ?? [])]).toEqual([[0, NaN], [1, -Infinity]]);
    expect(t?.userAttrs).toEqual({ v: [Infinity, 'NaN'] });
  });
});

describe('JournalFileBackend (crash and corruption)', () => {
  it('reports a corrupt line in the middle once, with its line number, and skips it', async () => {
    const path = join(dir, 'corrupt.jsonl');
    const good = new JournalFileBackend(path, { onCorruptLine: () => undefined });
    await good.appendLogs([rec.createStudy('s', 'st'), rec.createTrial('t', 0)]);
    appendFileSync(path, '{"op_code": 6, "trial_id": 0, "sta\n'); // line 3: torn JSON
    appendFileSync(path, '{"op_code": 42, "worker_id": "x"}\n'); // line 4: JSON, but not a record
    await good.appendLogs([rec.finish('t', 0, 1, 2.5)]);
    const reports: [number, string][] = [];
    const reader = new JournalFileBackend(path, { onCorruptLine: (line, reason) => reports.push([line, reason]) });
    const records = await reader.readLogs(0);
    expect(records.map((r) => r.op_code)).toEqual([0, 4, 6]);
    await reader.readLogs(0);
    await reader.readLogs(1);
    expect(reports.map(([line]) => line)).toEqual([3, 4]);
    expect(reports[0][1]).toBe('not valid JSON');
    const replay = new JournalReplay();
    replay.apply(records);
    expect(replay.trial(0)?.value).toBe(2.5);
  });

  it('ignores a partial last line, then terminates it on the next append', async () => {
    const path = join(dir, 'partial.jsonl');
    const backend = new JournalFileBackend(path, { onCorruptLine: () => undefined });
    await backend.appendLogs([rec.createStudy('s', 'st'), rec.createTrial('t', 0)]);
    appendFileSync(path, '{"op_code": 7, "worker_id": "t", "trial_id": 0, "st'); // crash mid-write
    const reports: number[] = [];
    const reader = new JournalFileBackend(path, { onCorruptLine: (line) => reports.push(line) });
    expect(await reader.readLogs(0)).toHaveLength(2);
    expect(reports).toEqual([]); // a partial last line is expected, not corrupt
    await backend.appendLogs([rec.report('t', 0, 0, 1)]);
    expect(readFileSync(path, 'utf8').split('\n')).toHaveLength(5); // 4 lines and a final newline
    const records = await reader.readLogs(2);
    expect(records).toEqual([rec.report('t', 0, 0, 1)]);
    expect(reports).toEqual([3]); // the torn line is now a corrupt middle line
  });

  it('turns an unterminated but complete last record into a record when the next append ends it', async () => {
    const path = join(dir, 'unterminated.jsonl');
    writeFileSync(path, `${JSON.stringify(rec.createStudy('s', 'st'))}\n${JSON.stringify(rec.createTrial('t', 0))}`);
    const backend = new JournalFileBackend(path, { onCorruptLine: () => undefined });
    expect(await backend.readLogs(0)).toHaveLength(1);
    await backend.appendLogs([rec.param('t', 0, 'x', 1, X)]);
    const replay = new JournalReplay();
    replay.apply(await backend.readLogs(0));
    expect(replay.trial(0)?.params).toEqual({ x: 1 });
  });
});
