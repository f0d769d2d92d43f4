// The study loop on the page: ask (the GP runs here), suggest the space, hand the parameters to
// an idle worker, record its epoch losses with `trial.report`, and tell the score. Up to one
// trial per worker is in flight; a stop request lets those finish and starts no new one.
import type { Study, StudyTrial } from 'bonito';
import type { TrainerPool } from './pool.js';
import { suggestSpace, type AppSpace } from './space.js';

export interface RunOptions {
  study: Study;
  pool: TrainerPool;
  space: AppSpace;
  nTrials: number;
  /** Read before every new trial: true stops the run once the running trials finish. */
  stopRequested: () => boolean;
  /** After every ask and tell (redraw the table; the plots too when a trial `finished`). */
  onChange: (finished: boolean) => void | Promise<void>;
}

/** Runs up to `nTrials` new trials. @returns how many were started. */
export async function runTrials(o: RunOptions): Promise<number> {
  const inFlight = new Set<Promise<void>>();
  let started = 0;
  while (started < o.nTrials && !o.stopRequested()) {
    if (o.pool.idle === 0) {
      await Promise.race(inFlight);
      continue;
    }
    const trial = await o.study.ask();
    started++;
    const run = trainOne(o, trial).finally(() => inFlight.delete(run));
    inFlight.add(run);
    await o.onChange(false);
  }
  await Promise.all(inFlight);
  return started;
}

async function trainOne(o: RunOptions, trial: StudyTrial): Promise<void> {
  let params: Record<string, number>;
  try {
    params = suggestSpace(trial, o.space);
  } catch (error) {
    await o.study.tell(trial, { state: 'FAIL', error: error as Error });
    await o.onChange(true);
    return;
  }
  const outcome = await o.pool.train(trial.number, params, {
    epoch: (step, value) => trial.report(value, step),
    attr: (key, value) => trial.setUserAttr(key, value),
  });
  await o.study.tell(trial, outcome.ok ? outcome.value : { state: 'FAIL', error: new Error(outcome.message) });
  await o.onChange(true);
}
