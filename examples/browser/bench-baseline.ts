// Loaded only with `?training=none` (bench/browser-app.bench.ts): the baseline the app's
// per-trial overhead is compared with, one in-process ask + suggest + tell in this page, on a
// fresh IndexedDB journal, with the app's sampler and the worker's stand-in score.
import { createStudy, GPSampler } from 'bonito';
import { IndexedDBJournal } from 'bonito/browser';
import { suggestSpace, type AppSpace } from './space.js';

/** Milliseconds per ask+tell, averaged over `n` trials of a new study. */
export async function baselineAskTell(space: AppSpace, n: number, startup: number): Promise<number> {
  const database = `bonito-bench-baseline-${Date.now()}`;
  const storage = new IndexedDBJournal({ database });
  const study = await createStudy({
    name: 'baseline',
    storage,
    direction: 'minimize',
    sampler: new GPSampler({ nStartupTrials: startup }),
  });
  const started = performance.now();
  for (let i = 0; i < n; i++) {
    const trial = await study.ask();
    const params = suggestSpace(trial, space);
    await study.tell(
      trial,
      Object.values(params).reduce((s, v) => s + v, 0),
    );
  }
  const ms = (performance.now() - started) / n;
  await storage.close();
  await IndexedDBJournal.deleteDatabase(database);
  return ms;
}
