// The dashboard over a Redis journal (a private redis-server) that a study keeps writing to.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { JournalRedisBackend } from '../../../src/node/redis-journal.js';
import { startDashboard } from '../../../src/node/dashboard/server.js';
import { RandomSampler } from '../../../src/samplers/random.js';
import { createStudy } from '../../../src/study/create.js';
import { startRedisServer, type RedisServer } from '../../helpers/redis-server.js';

let redis: RedisServer;
beforeAll(async () => {
  redis = await startRedisServer();
});
afterAll(async () => {
  await redis?.stop();
});

it('lists a Redis study by prefix and sees trials written after it started', async () => {
  const backend = new JournalRedisBackend(redis.url, { prefix: 'dash' });
  try {
    const study = await createStudy({ storage: backend, name: 'on-redis', direction: 'maximize', sampler: new RandomSampler({ seed: 1 }) });
    const run = async (n: number) => {
      for (let i = 0; i < n; i++) {
        const t = await study.ask();
        await study.tell(t, t.suggestFloat('x', 0, 1));
      }
    };
    await run(3);
    const dashboard = await startDashboard({ storage: `${redis.url}?prefix=dash`, port: 0, pollMs: 50 });
    try {
      const list = async () => (await (await fetch(new URL('/api/studies', dashboard.url))).json()).studies;
      expect(await list()).toMatchObject([{ name: 'on-redis', total: 3, directions: ['maximize'] }]);
      await run(2);
      const studies = await list();
      expect(studies[0].total).toBe(5);
      expect(studies[0].best).toBe(Math.max(...study.trials.map((t) => t.value as number)));
    } finally {
      await dashboard.close();
    }
  } finally {
    await backend.close();
  }
});
