// bonito and Optuna 3.1 (Debian's python3-optuna + python3-redis) share one study in Redis, in
// both directions: each continues what the other wrote. Fails, never skips, without Python.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TrialPruned } from '../../src/errors.js';
import { JournalRedisBackend } from '../../src/node/redis-journal.js';
import { createStudy, loadStudy } from '../../src/study/create.js';
import { asPython, normalise, optuna } from '../helpers/optuna.js';
import { startRedisServer, type RedisServer } from '../helpers/redis-server.js';

let redis: RedisServer;
const open: JournalRedisBackend[] = [];
beforeAll(async () => {
  redis = await startRedisServer();
});
afterAll(async () => {
  await Promise.all(open.map((b) => b.close()));
  await redis.dispose();
});

function storage(prefix: string): JournalRedisBackend {
  const b = new JournalRedisBackend(redis.url, { prefix });
  open.push(b);
  return b;
}
const spec = (prefix: string) => `${redis.url}?prefix=${prefix}`;

describe('Optuna 3.1 and bonito on one Redis journal', () => {
  it('Optuna reads and continues a bonito study, and bonito continues after it', async () => {
    const study = await createStudy({ name: 'from-bonito', storage: storage('b2o'), seed: 5, onWarning: () => undefined });
    await study.setUserAttr('source', 'bonito');
    await study.enqueueTrial({ lr: 0.003 });
    await study.optimize(
      (trial) => {
        const lr = trial.suggestFloat('lr', 1e-4, 1e-1, { log: true });
        trial.suggestCategorical('act', ['relu', null, 2.5]);
        trial.report(lr, 0);
        if (trial.number === 2) throw new TrialPruned();
        return trial.number === 3 ? Infinity : lr;
      },
      { nTrials: 5 },
    );
    await study.enqueueTrial({ lr: 0.02 }); // WAITING: Optuna claims it

    const [seen] = optuna('dump', spec('b2o'));
    expect(seen.user_attrs).toEqual({ source: 'bonito' });
    expect(normalise(seen.trials)).toEqual(normalise(study.trials.map(asPython)));

    const [after] = optuna('continue', spec('b2o'));
    expect(after.trials.map((t) => t.state)).toEqual([
      'COMPLETE',
      'COMPLETE',
      'PRUNED',
      'COMPLETE',
      'COMPLETE',
      'COMPLETE',
      'COMPLETE',
      'COMPLETE',
    ]);
    expect(after.trials[5].params.lr).toBe(0.02); // Optuna claimed bonito's enqueued trial
    expect(after.trials[7].user_attrs).toEqual({ by: 'optuna' });

    await study.refresh();
    expect(normalise(study.trials.map(asPython))).toEqual(normalise(after.trials));
    const next = await study.ask();
    expect(next.number).toBe(8);
    await study.tell(next, next.suggestFloat('lr', 1e-4, 1e-1, { log: true }));
    const [last] = optuna('dump', spec('b2o'));
    expect(last.trials).toHaveLength(9);
    expect(normalise(last.trials)).toEqual(normalise(study.trials.map(asPython)));
  });

  it('bonito reads and continues a study Optuna wrote, and Optuna reads the result', async () => {
    const [before] = optuna('write', spec('o2b'));
    expect(before.trials.map((t) => t.state)).toEqual([
      'COMPLETE',
      'COMPLETE',
      'PRUNED',
      'FAIL',
      'COMPLETE',
      'COMPLETE',
      'RUNNING',
      'WAITING',
    ]);

    const study = await loadStudy({ storage: storage('o2b'), name: 'from-optuna', seed: 1, failStaleTrials: false });
    expect(study.direction).toBe('maximize');
    expect(normalise(study.trials.map(asPython))).toEqual(normalise(before.trials));
    const claimed = await study.ask();
    expect(claimed.number).toBe(7);
    expect(claimed.suggestFloat('lr', 1e-4, 1e-1, { log: true })).toBe(0.05);
    await study.tell(claimed, 0.5);
    const fresh = await study.ask();
    await study.tell(fresh, fresh.suggestInt('layers', 1, 5));

    const [after] = optuna('dump', spec('o2b'));
    expect(after.trials.map((t) => t.state)).toEqual([
      'COMPLETE',
      'COMPLETE',
      'PRUNED',
      'FAIL',
      'COMPLETE',
      'COMPLETE',
      'RUNNING',
      'COMPLETE',
      'COMPLETE',
    ]);
    expect(normalise(after.trials)).toEqual(normalise(study.trials.map(asPython)));
  });
});
