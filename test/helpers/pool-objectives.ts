// Objectives for the worker-pool tests, loaded by name in worker threads (threadObjective's
// `exportName`) or in the test's own thread. Pure JavaScript, deterministic, fast.
import { threadId } from 'node:worker_threads';
import { TrialPruned } from '../../src/errors.js';
import type { Trial } from '../../src/trial/index.js';

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Three kinds of parameter, the thread recorded, a value that depends on all three. */
export async function mixed(trial: Trial): Promise<number> {
  const x = trial.suggestFloat('x', -5, 5);
  const n = trial.suggestInt('n', 1, 64, { log: true });
  const act = trial.suggestCategorical('act', ['relu', 'tanh', 'elu']);
  trial.setUserAttr('thread', threadId);
  await sleep(20); // keep both workers busy, so trials overlap
  return (x - 1) ** 2 + Math.log(n) + (act === 'relu' ? 0 : 0.5);
}

/** Throws a RangeError on trials 1, 4, 7... */
export function throwsSometimes(trial: Trial): number {
  const x = trial.suggestFloat('x', 0, 1);
  if (trial.number % 3 === 1) throw new RangeError(`boom at trial ${trial.number}`);
  return x;
}

/** Kills its worker thread on trial 2. */
export function exitsOnTrial2(trial: Trial): number {
  const x = trial.suggestFloat('x', 0, 1);
  if (trial.number === 2) process.exit(1);
  return x;
}

/** Reports four steps, asking the pruner after each; pruned trials stop early. */
export function reportsAndPrunes(trial: Trial): number {
  const x = trial.suggestFloat('x', 0, 1);
  for (let step = 0; step < 4; step++) {
    trial.report(x + step, step);
    if (trial.shouldPrune()) throw new TrialPruned();
  }
  return x + 3;
}

/**
 * Holds its worker for a while after suggesting, so the other trial's ask sees it RUNNING (odd
 * and even trials take different times, so the two workers do not run in lockstep).
 */
export async function slowPoint(trial: Trial): Promise<number> {
  const x = trial.suggestFloat('x', 0, 1);
  const y = trial.suggestFloat('y', 0, 1);
  await sleep(trial.number % 2 === 0 ? 30 : 90);
  return (x - 0.3) ** 2 + (y - 0.6) ** 2;
}

/** Runs for a minute: only a forced close ends it. */
export async function sleepsLong(trial: Trial): Promise<number> {
  trial.suggestFloat('x', 0, 1);
  await sleep(60_000);
  return 0;
}

/** Reads the trial through the proxy's getters and a bad suggestion's error. */
export function inspects(trial: Trial): number {
  trial.suggestInt('k', 0, 3);
  let error = '';
  try {
    trial.suggestFloat('bad', 1, 0);
  } catch (err) {
    error = `${(err as Error).name}: ${(err as Error).message}`;
  }
  const frozen = trial.toFrozen();
  trial.setUserAttr('seen', {
    number: trial.number,
    params: trial.params,
    kinds: Object.values(trial.distributions).map((d) => d.kind),
    state: trial.state,
    frozenIsMap: frozen.intermediateValues instanceof Map,
    error,
  });
  return 0;
}

/** An object export with an `objective`, as a `bonito tune` config has. */
export const asConfig = { direction: 'minimize', objective: (trial: Trial) => trial.suggestFloat('x', 0, 1) };

/** Returns a string, which `tell` records as FAIL with a warning. */
export const returnsString = (trial: Trial): unknown => `${trial.suggestFloat('x', 0, 1)}`;

/** Returns an outcome object, which only `tell` takes: the trial fails with a hint to throw TrialPruned. */
export const returnsPrunedState = (trial: Trial): unknown => ({ state: 'PRUNED', x: trial.suggestFloat('x', 0, 1) });

/** Throws a bigint, which JSON.stringify cannot describe. */
export const throwsBigint = (trial: Trial): unknown => {
  trial.suggestFloat('x', 0, 1);
  throw 10n;
};
