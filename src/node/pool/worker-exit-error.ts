import { BonitoError } from '../../errors.js';

/**
 * A pool worker stopped while it ran a trial: it crashed, called `process.exit`, ran out of
 * memory, or the pool was closed with `force`. The trial is recorded as FAIL with this error and
 * `optimize` goes on with a fresh worker (the pool marks it recoverable), without listing it in
 * `catch`.
 *
 * @example
 * ```ts
 * await study.optimize(objective, { nTrials: 20, executor: pool });
 * study.trials.filter((t) => String(t.systemAttrs.fail_reason).startsWith('WorkerExitError'));
 * ```
 */
export class WorkerExitError extends BonitoError {
  override name = 'WorkerExitError';
}
