import { availableParallelism } from 'node:os';
import { MessageChannel, type ResourceLimits } from 'node:worker_threads';
import { Piscina } from 'piscina';
import { wasmModule } from '../../core/loader.js';
import { BonitoError, TrialPruned, toError } from '../../errors.js';
import type { Objective, ObjectiveValue, TrialExecutor } from '../../study/optimize.js';
import type { StudyTrial } from '../../study/trial.js';
import { FLAG_WAITING, reviveError, type TrialTask, type TrialTaskResult, type WorkerData } from './protocol.js';
import { objectiveModuleOf } from './thread-objective.js';
import { serveTrial } from './trial-server.js';
import { WorkerExitError } from './worker-exit-error.js';
import { checkPositiveInteger } from '../../validate.js';

/** Options of {@link threadPool}. */
export interface ThreadPoolOptions {
  /** Worker threads, started at once and kept for the pool's life. @defaultValue os.availableParallelism() */
  size?: number;
  /** Node flags of the workers. @defaultValue this process's flags */
  execArgv?: readonly string[];
  /**
   * Load objective modules written in TypeScript, by registering tsx in each worker (Node 20 does
   * not hand `--import` loaders to worker threads). @defaultValue true when this process runs
   * under tsx (`node --import tsx`, the `tsx` command)
   */
  typescript?: boolean;
  /** V8 heap limits of each worker (a worker over its limit stops; its trial fails). */
  resourceLimits?: ResourceLimits;
}

// Run from the TypeScript sources (tests, tsx), the workers start from a small JavaScript entry that
// registers tsx first: Node 20 does not pass `--import` loaders on to worker threads.
const FROM_SOURCE = import.meta.url.endsWith('.ts');
const WORKER_ENTRY = new URL(FROM_SOURCE ? './worker-from-source.mjs' : './worker.js', import.meta.url).href;

/**
 * A pool of worker threads that run trials (a `TrialExecutor` for `study.optimize`), built on
 * piscina. The main thread keeps the study and the sampler: it asks for each trial, and the
 * worker's `trial.suggest*`, `report`, `shouldPrune` and `setUserAttr` are answered there (see
 * `threadObjective`), so pending trials are visible to the sampler and parallel trials do not
 * collide. Workers start with the pool, receive the compiled bonito Module, and live until
 * `close()`, so a module's start-up cost (a tfjs backend: about half a second) is paid once each.
 *
 * An objective that throws fails its trial with its error (`TrialPruned` prunes it). A worker that
 * crashes or calls `process.exit` fails its trial with a {@link WorkerExitError} and is replaced.
 * Whether the study then goes on is `optimize`'s `catch` option, as for any error.
 *
 * @example
 * ```ts
 * import { init, createStudy } from 'bonito';
 * import { threadObjective, threadPool } from 'bonito/node';
 * await init();
 * const study = await createStudy({ direction: 'maximize' });
 * const pool = threadPool({ size: 2 });
 * try {
 *   await study.optimize(threadObjective(new URL('./objective.js', import.meta.url)), {
 *     nTrials: 40, concurrency: 2, executor: pool, catch: [Error],
 *   });
 * } finally {
 *   await pool.close();
 * }
 * ```
 */
export class ThreadPool implements TrialExecutor {
  /** Worker threads. */
  readonly size: number;
  readonly #piscina: Piscina;
  #closing = false;

  /**
   * @param options - size, execArgv, resourceLimits.
   * @throws RangeError when `size` is not a positive integer; NotInitializedError before `init()`.
   */
  constructor(options: ThreadPoolOptions = {}) {
    const size = options.size ?? availableParallelism();
    checkPositiveInteger('threadPool', 'size', size);
    if (options.execArgv !== undefined && !(Array.isArray(options.execArgv) && options.execArgv.every((a) => typeof a === 'string'))) {
      throw new TypeError('threadPool: `execArgv` must be an array of strings but got another value.');
    }
    this.size = size;
    this.#piscina = new Piscina({
      filename: WORKER_ENTRY,
      minThreads: size,
      maxThreads: size,
      idleTimeout: Infinity,
      execArgv: options.execArgv === undefined ? undefined : [...options.execArgv],
      resourceLimits: options.resourceLimits,
      workerData: { wasm: wasmModule(), typescript: !FROM_SOURCE && (options.typescript ?? usesTsx()) } satisfies WorkerData,
    });
    // piscina reports a worker's failure both here and through the task; the task is what counts.
    this.#piscina.on('error', () => undefined);
  }

  /** Worker threads alive now (fewer than `size` only while a dead one is being replaced). */
  get threads(): number {
    return this.#piscina.threads.length;
  }

  /**
   * Runs one trial in a worker (called by `study.optimize`).
   * @param objective - made by {@link threadObjective}.
   * @param trial - the trial `optimize` asked for.
   * @returns the objective's value.
   * @throws TypeError when `objective` does not come from `threadObjective`; the objective's own
   *   error (`TrialPruned` included); WorkerExitError when the worker stopped; BonitoError once
   *   the pool is closed.
   */
  /** A worker that stopped (WorkerExitError) fails only its own trial: `optimize` goes on. */
  recoverable(error: unknown): boolean {
    return error instanceof WorkerExitError;
  }

  async execute(objective: Objective, trial: StudyTrial): Promise<ObjectiveValue> {
    const module = objectiveModuleOf(objective);
    if (module === undefined) {
      throw new TypeError(
        'ThreadPool: `objective` must come from threadObjective(moduleUrl) (functions cannot be sent to a thread) but got a plain function.',
      );
    }
    if (this.#closing) throw new BonitoError(`ThreadPool: the pool must be open to run trial ${trial.number} but it was closed.`);
    const { port1, port2 } = new MessageChannel();
    const flag = new Int32Array(new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT));
    Atomics.store(flag, 0, FLAG_WAITING);
    serveTrial(trial, port1, flag);
    const task: TrialTask = { ...module, number: trial.number, trialId: trial.trialId, workerId: trial.workerId, port: port2, flag };
    let result: TrialTaskResult;
    try {
      result = (await this.#piscina.run(task, { transferList: [port2] })) as TrialTaskResult;
    } catch (err) {
      const why = this.#closing ? 'the pool was closed with `force`' : toError(err).message;
      throw new WorkerExitError(`ThreadPool: the worker thread running trial ${trial.number} stopped (${why}).`, { cause: err });
    } finally {
      port1.close();
    }
    if (result.kind === 'pruned') throw new TrialPruned(`Trial ${trial.number} was pruned.`);
    if (result.kind === 'error') throw reviveError(result.error);
    return result.value as ObjectiveValue;
  }

  /**
   * Stops the workers. Without `force`, queued and running trials finish first; with `force`,
   * running trials stop at once and fail with a {@link WorkerExitError}. Idempotent.
   * @param options - `force`.
   */
  async close(options: { force?: boolean } = {}): Promise<void> {
    this.#closing = true;
    if (options.force === true) await this.#piscina.destroy();
    else await this.#piscina.close();
  }
}

/**
 * A pool of worker threads to pass as `optimize`'s `executor` (see {@link ThreadPool}).
 * @param options - size, execArgv, resourceLimits.
 * @returns the pool; `await pool.close()` when done, or the process stays alive.
 * @throws RangeError when `size` is not a positive integer.
 * @example
 * ```ts
 * const pool = threadPool({ size: 2 });
 * await study.optimize(threadObjective('./objective.js'), { nTrials: 20, concurrency: 2, executor: pool });
 * await pool.close();
 * ```
 */
export function threadPool(options: ThreadPoolOptions = {}): ThreadPool {
  return new ThreadPool(options);
}

/** Whether this process loads TypeScript through tsx (`node --import tsx`, the `tsx` command). */
function usesTsx(): boolean {
  return process.execArgv.some((a) => /(^|[\\/])tsx([\\/]|$)/.test(a));
}
