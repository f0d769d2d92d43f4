// One bonito worker of bench/redis.bench.ts: loads study `tp` from Redis, prints READY, waits for a
// line on stdin (so process start-up stays out of the timing), runs its share of GP trials of a
// 50 ms objective, prints DONE.
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import { init } from '../src/core/loader.js';
import { JournalRedisBackend } from '../src/node/redis-journal.js';
import { GPSampler } from '../src/samplers/gp/index.js';
import { loadStudy } from '../src/study/create.js';

const [url, prefix, nTrialsText, sleepText] = process.argv.slice(2);
await init(readFileSync(new URL('../build/bonito.wasm', import.meta.url)));
const storage = new JournalRedisBackend(url, { prefix });
const study = await loadStudy({ name: 'tp', storage, sampler: new GPSampler(), onWarning: () => undefined });
const lines = createInterface({ input: process.stdin });
const go = new Promise<void>((resolve) => lines.once('line', () => resolve()));
process.stdout.write('READY\n');
await go;
lines.close();
await study.optimize(
  async (trial) => {
    const x = trial.suggestFloat('x', -1, 1);
    const y = trial.suggestFloat('y', -1, 1);
    await sleep(Number(sleepText));
    return (x - 0.2) ** 2 + (y + 0.4) ** 2;
  },
  { nTrials: Number(nTrialsText) },
);
process.stdout.write('DONE\n');
await storage.close();
