import { BonitoError } from '../../errors.js';

/**
 * A pool worker stopped while it ran a trial: it crashed, called `process.exit`, ran out of
 * memory, or the pool was closed with `force`. The trial is recorded as FAIL; list this class in
 * `optimize`'s `catch` (or `Error` for every failure) to keep the study going.
 *
 * @example
 * ```ts
 * await study.optimize(objective, { nTrials: 20, executor: pool, catch: [WorkerExitError] });
 * ```
 */
export class WorkerExitError extends BonitoError {
  override name = 'WorkerExitError';
}
