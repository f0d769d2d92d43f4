// The piscina worker: one task runs one trial. The pool hands every worker the main thread's
// compiled bonito Module, so the core starts here without compiling.
import { workerData } from 'node:worker_threads';
import { initSync } from '../../core/loader.js';
import { describeValue } from '../../errors.js';
import { objectReturnedError } from '../../study/outcome.js';
import { loadObjective } from './objective-module.js';
import { isTrialPruned, serializeError, type TrialTask, type TrialTaskResult, type WorkerData } from './protocol.js';
import { WorkerTrial } from './worker-trial.js';

const data = workerData as WorkerData;
initSync(data.wasm);
// Node 20 does not pass `--import tsx` on to worker threads: register it here, before any
// objective module is imported, when the pool says the main thread loads TypeScript.
const typescript: Promise<unknown> = data.typescript
  ? import('tsx/esm/api').then(
      (tsx: { register: () => unknown }) => tsx.register(),
      (err: unknown) => {
        throw new TypeError(
          `ThreadPool: \`typescript\` needs the tsx package in the workers, but it could not be loaded (${String(err)}).`,
        );
      },
    )
  : Promise.resolve();
typescript.catch(() => undefined); // reported by the first trial that awaits it

/** Runs one trial's objective; never rejects for the objective's sake (errors travel as data). */
export default async function runTrial(task: TrialTask): Promise<TrialTaskResult> {
  const trial = new WorkerTrial(task);
  try {
    await typescript;
    const objective = await loadObjective(task.moduleUrl, task.exportName);
    const value: unknown = await objective(trial);
    const plain = (v: unknown) => v === null || v === undefined || ['number', 'string', 'boolean'].includes(typeof v);
    if (plain(value) || (Array.isArray(value) && value.every(plain))) {
      // `study.tell` decides what a non-number means (FAIL with a warning), as in-process.
      return { kind: 'value', value: value as number | number[] };
    }
    return {
      kind: 'error',
      error: serializeError(
        typeof value === 'object' && value !== null
          ? objectReturnedError(value)
          : new TypeError(`the objective returned ${describeValue(value)}, not a number`),
      ),
    };
  } catch (err) {
    if (isTrialPruned(err)) return { kind: 'pruned' };
    return { kind: 'error', error: serializeError(err) };
  } finally {
    trial.close();
    task.port.close();
  }
}
