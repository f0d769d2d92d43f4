// Chaos on one Redis study: 4 bonito workers (GP sampler, heartbeats) and 2 Optuna workers run
// 300 trials while bonito workers are SIGKILLed at random and respawned, and Redis restarts once
// (AOF). Afterwards every resolved tell is in the journal with its value and params, no trial was
// told twice, trial numbers are dense, and no RUNNING trial is left: the killed workers' ones failed.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JournalRedisBackend } from '../../src/node/redis-journal.js';
import { loadStudy } from '../../src/study/create.js';
import { findPython } from '../helpers/optuna.js';
import { startRedisServer, type RedisServer } from '../helpers/redis-server.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const PY_WORKER = fileURLToPath(new URL('../fixtures/optuna_chaos_worker.py', import.meta.url));
const TARGET = 300;
const PREFIX = 'chaos';

let redis: RedisServer;
beforeAll(async () => {
  redis = await startRedisServer();
});
afterAll(() => redis.dispose());

interface Told {
  state: string;
  value: number | null;
  params: Record<string, number>;
}

interface Worker {
  kind: 'bonito' | 'optuna';
  born: number;
  child: ChildProcess;
  exited: Promise<number | null>;
  killed: boolean;
}

/** Mulberry32: the schedule of kills is the same on every run. */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('Redis chaos: 4 bonito + 2 Optuna workers, SIGKILLs and a Redis restart', () => {
  it("keeps every resolved tell, tells no trial twice, and fails the killed workers' RUNNING trials", async () => {
    const started = Date.now();
    const told = new Map<number, Told[]>();
    const workers: Worker[] = [];
    const errors: string[] = [];
    const spawnWorker = (kind: Worker['kind']) => {
      const child =
        kind === 'bonito'
          ? spawn(process.execPath, ['--import', 'tsx', 'test/helpers/chaos-worker.ts', redis.url, PREFIX, String(TARGET)], {
              cwd: ROOT,
              stdio: ['ignore', 'pipe', 'pipe'],
            })
          : spawn(findPython(), [PY_WORKER, redis.url, PREFIX, String(TARGET)], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
      const worker: Worker = {
        kind,
        born: Date.now(),
        child,
        killed: false,
        exited: new Promise((resolve) => child.once('exit', (code) => resolve(code))),
      };
      let buffer = '';
      child.stdout?.on('data', (d: Buffer) => {
        buffer += d.toString();
        const lines = buffer.split('\n');
        buffer = lines.pop() ?? '';
        for (const line of lines) {
          const m = /^TOLD (\d+) (.*)$/.exec(line);
          if (m === null) continue;
          const list = told.get(Number(m[1])) ?? [];
          list.push(JSON.parse(m[2]) as Told);
          told.set(Number(m[1]), list);
        }
      });
      let stderr = '';
      child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
      void worker.exited.then((code) => {
        if (!worker.killed && code !== 0) errors.push(`${kind} worker exited with ${code}: ${stderr.slice(-2000)}`);
      });
      workers.push(worker);
      return worker;
    };

    for (let i = 0; i < 4; i += 1) spawnWorker('bonito');
    for (let i = 0; i < 2; i += 1) spawnWorker('optuna');

    const random = rng(12);
    let kills = 0;
    let restarted = false;
    // Kills and the restart happen at fixed points of the study's progress (not of the clock), so
    // a fast or a loaded machine sees the same number of each.
    const killAt = [20, 50, 80, 140, 180, 220, 260];
    const live = () => workers.filter((w) => w.child.exitCode === null && w.child.signalCode === null);
    while (live().length > 0 && Date.now() - started < 100_000) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      const progress = told.size;
      if (!restarted && progress >= TARGET * 0.4) {
        restarted = true;
        await redis.stop(); // SIGTERM: Redis writes its AOF; the workers retry meanwhile
        await new Promise((resolve) => setTimeout(resolve, 500));
        await redis.start();
        continue;
      }
      if (kills >= killAt.length || progress < killAt[kills] || progress >= TARGET - 10) continue;
      // Only workers past their start-up (about 2 s of tsx and wasm), so kills hit running trials.
      const bonitos = live().filter((w) => w.kind === 'bonito' && Date.now() - w.born > 3000);
      if (bonitos.length === 0) continue;
      const victim = bonitos[Math.floor(random() * bonitos.length)];
      victim.killed = true;
      victim.child.kill('SIGKILL');
      kills += 1;
      spawnWorker('bonito');
    }
    for (const w of live()) {
      w.killed = true;
      w.child.kill('SIGKILL');
    }
    expect(errors).toEqual([]);
    expect(restarted).toBe(true);

    // A fresh reader after the grace period fails whatever dead workers left RUNNING.
    await new Promise((resolve) => setTimeout(resolve, 1600));
    const storage = new JournalRedisBackend(redis.url, { prefix: PREFIX });
    try {
      const study = await loadStudy({ name: 'chaos', storage, heartbeatGraceMs: 1500 });
      const trials = study.trials;
      const numbers = trials.map((t) => t.number);
      expect(numbers).toEqual(numbers.map((_, i) => i));
      expect(trials.length).toBeGreaterThanOrEqual(TARGET);

      let twice = 0;
      for (const [number, list] of told) {
        if (list.length > 1) twice += 1;
        const t = trials[number];
        expect(t.state).toBe(list[0].state);
        expect(t.value).toBe(list[0].value);
        expect(t.params).toEqual(list[0].params);
      }
      expect(twice).toBe(0);

      const count = (s: string) => trials.filter((t) => t.state === s).length;
      const deadFailed = trials.filter((t) => t.state === 'FAIL' && String(t.systemAttrs.fail_reason ?? '').includes('heartbeat')).length;
      const byOptuna = trials.filter((t) => t.systemAttrs['bonito:heartbeat'] === undefined).length;
      console.log(
        `chaos: ${trials.length} trials (${count('COMPLETE')} complete, ${count('FAIL')} failed of which ${deadFailed} by missed heartbeats, ` +
          `${count('RUNNING')} running), ${told.size} resolved tells checked, ${byOptuna} by Optuna, ${kills} SIGKILLs, ` +
          `1 Redis restart, ${((Date.now() - started) / 1000).toFixed(1)} s`,
      );
      expect(count('RUNNING')).toBe(0);
      expect(count('WAITING')).toBe(0);
      expect(kills).toBeGreaterThanOrEqual(3);
      expect(byOptuna).toBeGreaterThan(0);
    } finally {
      await storage.close();
    }
  }, 150_000);
});
