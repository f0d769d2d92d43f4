// JournalRedisBackend against a private redis-server: Optuna's key layout, atomic batches,
// incremental reads, corrupt entries, and a server that is down, restarted or gone.
import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StorageError } from '../../src/errors.js';
import { JournalRedisBackend, redactUrl } from '../../src/node/redis-journal.js';
import type { JournalBackend } from '../../src/storage/base.js';
import type { JournalRecord, UnreadableEntry } from '../../src/storage/records.js';
import { JournalReplay } from '../../src/storage/replay.js';
import { createStudy, loadStudy } from '../../src/study/create.js';
import { rec } from '../helpers/journal.js';
import { freePort, startRedisServer, type RedisServer } from '../helpers/redis-server.js';

let redis: RedisServer;
let raw: ReturnType<typeof createClient>;
const open: JournalRedisBackend[] = [];
let prefixes = 0;

function backend(options: ConstructorParameters<typeof JournalRedisBackend>[1] = {}, url = redis.url): JournalRedisBackend {
  const b = new JournalRedisBackend(url, { prefix: `t${prefixes++}`, ...options });
  open.push(b);
  return b;
}

beforeAll(async () => {
  redis = await startRedisServer();
  raw = createClient({ url: redis.url });
  raw.on('error', () => undefined);
  await raw.connect();
});
afterAll(async () => {
  raw.destroy();
  await Promise.all(open.map((b) => b.close()));
  await redis.dispose();
});

/** The study layer's reads: every `from` it asked for and how many records came back. */
class CountingBackend implements JournalBackend {
  readonly reads: { from: number; got: number }[] = [];
  constructor(readonly inner: JournalBackend) {}
  async readLogs(from: number): Promise<(JournalRecord | UnreadableEntry)[]> {
    const records = await this.inner.readLogs(from);
    this.reads.push({ from, got: records.length });
    return records;
  }
  appendLogs(records: readonly JournalRecord[]): Promise<void> {
    return this.inner.appendLogs(records);
  }
}

/** The same, passing the backend's snapshots through. */
class CountingSnapshots extends CountingBackend {
  constructor(readonly redisBackend: JournalRedisBackend) {
    super(redisBackend);
  }
  get snapshotEvery(): number {
    return this.redisBackend.snapshotEvery;
  }
  loadSnapshot(): Promise<string | null> {
    return this.redisBackend.loadSnapshot();
  }
  saveSnapshot(position: number, text: string): Promise<void> {
    return this.redisBackend.saveSnapshot(position, text);
  }
}

describe('JournalRedisBackend', () => {
  it("writes Optuna's layout: <prefix>:log_number is the last log number, <prefix>:log:<n> the record's JSON", async () => {
    const b = backend({ prefix: 'layout' });
    await b.appendLogs([rec.createStudy('w', 's'), rec.report('w', 0, 1, -Infinity)]);
    expect(await raw.get('layout:log_number')).toBe('1');
    expect(JSON.parse((await raw.get('layout:log:0')) as string)).toEqual(rec.createStudy('w', 's'));
    expect(await raw.get('layout:log:1')).toContain('"intermediate_value":-Infinity');
    // Optuna's default prefix is the empty string: keys ":log_number", ":log:0".
    const plain = new JournalRedisBackend(redis.url);
    open.push(plain);
    await plain.appendLogs([rec.createStudy('w', 'p')]);
    expect(await raw.get(':log_number')).toBe('0');
  });

  it('reads records written by Python-style JSON (spaces, NaN) at their log numbers', async () => {
    await raw.set('py:log_number', '1');
    await raw.set('py:log:0', '{"op_code": 0, "worker_id": "w", "study_name": "s", "directions": [1]}');
    await raw.set('py:log:1', '{"op_code": 7, "worker_id": "w", "trial_id": 0, "step": 0, "intermediate_value": NaN}');
    const records = await backend({ prefix: 'py' }).readLogs(0);
    expect(records[0]).toEqual(rec.createStudy('w', 's'));
    expect((records[1] as { intermediate_value: number }).intermediate_value).toBeNaN();
  });

  it('lands each concurrent append call contiguously, with dense log numbers', async () => {
    const writers = Array.from({ length: 6 }, () => backend({ prefix: 'dense' }));
    await Promise.all(
      writers.flatMap((b, w) =>
        Array.from({ length: 10 }, (_, call) => b.appendLogs([0, 1, 2].map((i) => rec.userAttr(`w${w}-c${call}`, 0, 'i', i)))),
      ),
    );
    expect(await raw.get('dense:log_number')).toBe(String(6 * 10 * 3 - 1));
    const records = await writers[0].readLogs(0);
    expect(records).toHaveLength(180);
    for (let i = 0; i < records.length; i += 3) {
      const batch = records.slice(i, i + 3);
      expect(new Set(batch.map((r) => r.worker_id)).size).toBe(1);
      expect(batch.map((r) => (r as unknown as { user_attr: { i: number } }).user_attr.i)).toEqual([0, 1, 2]);
    }
  });

  it('keeps the position of an entry that is not JSON, and reports it once', async () => {
    const warnings: string[] = [];
    const b = backend({ prefix: 'bad', onCorruptRecord: (key, reason) => warnings.push(`${key}: ${reason}`) });
    await b.appendLogs([rec.createStudy('w', 'a')]);
    await raw.eval("local n = redis.call('incr', 'bad:log_number'); redis.call('set', 'bad:log:' .. n, '{\"op_code\": 4, \"stu')", {});
    await b.appendLogs([rec.createStudy('w', 'b'), rec.createTrial('t', 1)]);
    const problems: number[] = [];
    const replay = new JournalReplay((position) => problems.push(position));
    replay.apply(await b.readLogs(0));
    replay.apply(await b.readLogs(replay.position));
    await b.readLogs(1);
    expect(replay.position).toBe(4);
    expect(problems).toEqual([1]);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^bad:log:1: not valid JSON/);
    // The trial after the bad entry belongs to study "b", as every reader agrees.
    expect(replay.trials(replay.studyIdByName('b') as number)).toHaveLength(1);
  });

  it('lets the study read only records it has not seen', async () => {
    const counting = new CountingBackend(backend({ prefix: 'incr' }));
    const study = await createStudy({ name: 'inc', storage: counting, seed: 3 });
    const other = await loadStudy({ name: 'inc', storage: backend({ prefix: 'incr' }), seed: 3 });
    for (let i = 0; i < 8; i += 1) {
      const [a, b] = [await study.ask(), await other.ask()];
      a.suggestFloat('x', 0, 1);
      b.suggestFloat('x', 0, 1);
      await study.tell(a, i);
      await other.tell(b, i);
    }
    const total = Number(await raw.get('incr:log_number')) + 1;
    expect(study.trials).toHaveLength(16);
    // Every read starts where the previous one ended, so each record is fetched exactly once.
    let position = 0;
    for (const r of counting.reads) {
      expect(r.from).toBe(position);
      position += r.got;
    }
    expect(position).toBeLessThanOrEqual(total);
    expect(counting.reads.reduce((sum, r) => sum + r.got, 0)).toBe(position);
  });

  it('keeps a replay snapshot; a new worker starts from it, reads only what follows, and sees what a full replay sees', async () => {
    const study = await createStudy({ name: 'snap', storage: backend({ prefix: 'snap', snapshotEvery: 40 }), seed: 2 });
    for (let i = 0; i < 25; i += 1) {
      const t = await study.ask();
      t.suggestFloat('x', 0, 1);
      t.report(i, 0);
      await study.tell(t, i === 3 ? Infinity : i);
    }
    const stored = Number(await raw.hGet('snap:bonito:snapshot', 'position'));
    expect(stored).toBeGreaterThanOrEqual(40);
    const counting = new CountingSnapshots(backend({ prefix: 'snap' }));
    const fromSnapshot = await loadStudy({ name: 'snap', storage: counting });
    expect(counting.reads[0].from).toBe(stored);
    const plain = new CountingBackend(backend({ prefix: 'snap' })); // no snapshot methods: replays from 0
    const fullReplay = await loadStudy({ name: 'snap', storage: plain });
    expect(plain.reads[0].from).toBe(0);
    expect(fromSnapshot.trials).toEqual(fullReplay.trials);
    expect(fromSnapshot.trials).toEqual(study.trials);
    // Both continue the same study.
    await fromSnapshot.tell(await fromSnapshot.ask(), 99);
    await study.refresh();
    expect(study.trials.at(-1)?.value).toBe(99);
  });

  it('ignores a damaged snapshot, or one that claims more records than the log holds', async () => {
    const b = backend({ prefix: 'damaged' });
    await createStudy({ name: 'd', storage: b });
    await raw.hSet('damaged:bonito:snapshot', { position: '1', data: '{"format":"bonito-replay-snapshot-3","position":1,"garbage' });
    const counting = new CountingSnapshots(backend({ prefix: 'damaged' }));
    expect((await loadStudy({ name: 'd', storage: counting })).name).toBe('d');
    expect(counting.reads[0].from).toBe(0);
    await raw.hSet('damaged:bonito:snapshot', { position: '500', data: 'x' });
    expect(await b.loadSnapshot()).toBeNull();
  });

  it('names the URL without its password when the server is down from the start, within the retry bound', async () => {
    const port = await freePort(); // nothing listens there
    const b = backend({ retryTimeoutMs: 600 }, `redis://user:hunter2@127.0.0.1:${port}/0`);
    expect(b.url).toBe(`redis://user:***@127.0.0.1:${port}/0`);
    const started = Date.now();
    const err = await b.readLogs(0).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StorageError);
    expect((err as Error).message).toContain(`redis://user:***@127.0.0.1:${port}/0`);
    expect((err as Error).message).not.toContain('hunter2');
    expect((err as Error).message).toMatch(/no answer after \d+ attempts in 0\.6 s/);
    expect(Date.now() - started).toBeLessThan(5000);
    await expect(createStudy({ storage: b })).rejects.toThrow(StorageError);
  });

  it('rejects a bad URL or option in the house form', () => {
    expect(() => new JournalRedisBackend('http://x')).toThrow(
      'JournalRedisBackend: `url` must be a redis:// or rediss:// URL but got "http://x".',
    );
    expect(() => new JournalRedisBackend('redis://a:pw@h', { retryTimeoutMs: -1 })).toThrow(
      '`retryTimeoutMs` must be a finite number >= 0 but got -1.',
    );
    expect(redactUrl('redis://:pw@h:1/2')).toBe('redis://:***@h:1/2');
  });
});

describe('JournalRedisBackend with a server that goes away', () => {
  const creates = async (prefix: string) =>
    (await new JournalRedisBackend(redis.url, { prefix }).readLogs(0).then(async (r) => r)).filter((r) => r.op_code === 4).length;

  it('rides out a restart mid-run: the append waits, lands once, and the AOF kept what came before', async () => {
    const b = backend({ prefix: 'restart', retryTimeoutMs: 20_000 });
    const study = await createStudy({ name: 'r', storage: b, seed: 1 });
    await study.tell(await study.ask(), 1);
    await redis.stop(); // SIGTERM: Redis writes its AOF and exits
    const asked = study.ask(); // its CREATE_TRIAL is retried until the server is back
    await new Promise((resolve) => setTimeout(resolve, 700));
    await redis.start();
    const trial = await asked;
    await study.tell(trial, 2);
    expect(study.trials.map((t) => [t.number, t.state, t.value])).toEqual([
      [0, 'COMPLETE', 1],
      [1, 'COMPLETE', 2],
    ]);
    const reader = await loadStudy({ name: 'r', storage: backend({ prefix: 'restart' }) });
    expect(reader.trials.map((t) => [t.number, t.state, t.value])).toEqual([
      [0, 'COMPLETE', 1],
      [1, 'COMPLETE', 2],
    ]);
  });

  it('applies an append retried after a timeout only once (the server ran the first try late)', async () => {
    const b = backend({ prefix: 'stall', commandTimeoutMs: 200, retryTimeoutMs: 20_000 });
    await b.appendLogs([rec.createStudy('w', 's')]);
    redis.pause(); // SIGSTOP: commands are sent, nothing answers
    const append = b.appendLogs([rec.createTrial('t', 0), rec.finish('t', 0, 1, 1)]);
    await new Promise((resolve) => setTimeout(resolve, 1200)); // several timed-out tries, each resent
    redis.resume();
    await append;
    const records = await b.readLogs(0);
    expect(records.map((r) => r.op_code)).toEqual([0, 4, 6]);
  });

  it('fails a tell with a StorageError naming the URL when the server stays gone, instead of losing it', async () => {
    const b = backend({ prefix: 'gone', retryTimeoutMs: 800 });
    const study = await createStudy({ name: 'g', storage: b, seed: 1 });
    const trial = await study.ask();
    trial.suggestFloat('x', 0, 1);
    await redis.stop({ hard: true });
    const started = Date.now();
    try {
      const err = await study.tell(trial, 5).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(StorageError);
      expect((err as Error).message).toContain(redis.url);
      expect(Date.now() - started).toBeLessThan(10_000);
    } finally {
      await redis.start();
    }
    // The tell is not recorded: a reader sees the trial still RUNNING, not a made-up result.
    const reader = await loadStudy({ name: 'g', storage: backend({ prefix: 'gone' }), failStaleTrials: false });
    expect(reader.trials.map((t) => t.state)).toEqual(['RUNNING']);
    expect(await creates('gone')).toBe(1);
  });
});
