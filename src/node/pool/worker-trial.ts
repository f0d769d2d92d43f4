import { receiveMessageOnPort } from 'node:worker_threads';
import { BonitoError } from '../../errors.js';
import type { CategoricalChoice, Distribution, NumericDistributionOptions, ParamValue } from '../../space/distributions.js';
import type { FrozenTrial, Trial, TrialState } from '../../trial/index.js';
import { FLAG_REPLIED, FLAG_WAITING, reviveError, type TrialMethod, type TrialReply, type TrialTask } from './protocol.js';

/**
 * The {@link Trial} an objective gets inside a pool worker: each member a
 * synchronous call to the real trial on the main thread, which owns the study and the sampler.
 * A call posts its arguments on the task's port, then blocks this worker with `Atomics.wait`
 * until the main thread has answered (define-by-run code stays synchronous, as in-process).
 * @internal
 */
export class WorkerTrial implements Trial {
  readonly number: number;
  readonly trialId: number;
  readonly workerId: string;
  readonly #task: TrialTask;
  #open = true;

  constructor(task: TrialTask) {
    this.#task = task;
    this.number = task.number;
    this.trialId = task.trialId;
    this.workerId = task.workerId;
  }

  get params(): Readonly<Record<string, ParamValue>> {
    return this.#call('params', []) as Record<string, ParamValue>;
  }

  get distributions(): Readonly<Record<string, Distribution>> {
    return this.#call('distributions', []) as Record<string, Distribution>;
  }

  get userAttrs(): Readonly<Record<string, unknown>> {
    return this.#call('userAttrs', []) as Record<string, unknown>;
  }

  get state(): TrialState {
    return this.#call('state', []) as TrialState;
  }

  suggestFloat(name: string, low: number, high: number, opts?: NumericDistributionOptions): number {
    return this.#call('suggestFloat', [name, low, high, opts]) as number;
  }

  suggestInt(name: string, low: number, high: number, opts?: NumericDistributionOptions): number {
    return this.#call('suggestInt', [name, low, high, opts]) as number;
  }

  suggestCategorical<const T extends CategoricalChoice>(name: string, choices: readonly T[]): T {
    return this.#call('suggestCategorical', [name, choices]) as T;
  }

  report(value: number, step: number): void {
    this.#call('report', [value, step]);
  }

  shouldPrune(): boolean {
    return this.#call('shouldPrune', []) as boolean;
  }

  setUserAttr(key: string, value: unknown): void {
    this.#call('setUserAttr', [key, value]);
  }

  toFrozen(): FrozenTrial {
    return this.#call('toFrozen', []) as FrozenTrial;
  }

  /** Ends the proxy when the objective has returned: later calls throw instead of blocking. */
  close(): void {
    this.#open = false;
  }

  #call(method: TrialMethod, args: readonly unknown[]): unknown {
    if (!this.#open) {
      throw new BonitoError(`Trial.${method}: trial ${this.number} must be RUNNING but its objective has already returned.`);
    }
    const { port, flag } = this.#task;
    Atomics.store(flag, 0, FLAG_WAITING);
    port.postMessage({ method, args });
    Atomics.wait(flag, 0, FLAG_WAITING);
    const received = receiveMessageOnPort(port);
    // The main thread posts the reply before it sets the flag, so it is always there.
    if (received === undefined || Atomics.load(flag, 0) !== FLAG_REPLIED) {
      throw new BonitoError(`Trial.${method}: trial ${this.number} got no reply from the main thread.`);
    }
    const reply = received.message as TrialReply;
    if (reply.ok) return reply.value;
    throw reviveError(reply.error);
  }
}
