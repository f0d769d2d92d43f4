// A bonito worker of the Redis chaos test: GP sampler, heartbeats, runs trials of study "chaos"
// until the study holds `target` trials; prints `TOLD <number> <json>` after each resolved tell.
import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { init } from '../../src/core/loader.js';
import { JournalRedisBackend } from '../../src/node/redis-journal.js';
import { GPSampler } from '../../src/samplers/gp/index.js';
import { createStudy } from '../../src/study/create.js';

const [url, prefix, targetText] = process.argv.slice(2);
const target = Number(targetText);
await init(readFileSync(new URL('../../build/bonito.wasm', import.meta.url)));
const storage = new JournalRedisBackend(url, { prefix, retryTimeoutMs: 30_000 });
const study = await createStudy({
  name: 'chaos',
  storage,
  loadIfExists: true,
  seed: 7,
  sampler: new GPSampler(),
  heartbeatIntervalMs: 300,
  heartbeatGraceMs: 1500,
  onWarning: () => undefined,
});
const stop = new AbortController();
if (study.trials.length >= target) stop.abort();
await study.optimize(
  async (trial) => {
    const x = trial.suggestFloat('x', -2, 2);
    const y = trial.suggestFloat('y', -2, 2);
    await sleep(20 + 40 * Math.random());
    return (x - 0.5) ** 2 + (y + 0.3) ** 2;
  },
  {
    nTrials: 100_000,
    signal: stop.signal,
    callbacks: [
      (s, t) => {
        process.stdout.write(`TOLD ${t.number} ${JSON.stringify({ state: t.state, value: t.value, params: t.params })}\n`);
        if (s.trials.length >= target) stop.abort();
      },
    ],
  },
);
await storage.close();
