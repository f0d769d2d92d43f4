import type { MessagePort } from 'node:worker_threads';
import type { Trial } from '../../trial/index.js';
import { FLAG_REPLIED, TRIAL_METHODS, serializeError, type TrialCall, type TrialReply } from './protocol.js';
import { describeValue } from '../../errors.js';

const ALLOWED: ReadonlySet<string> = new Set(TRIAL_METHODS);

/**
 * Answers a worker's calls on `trial` (see `WorkerTrial`): runs each against the real trial, on
 * this thread, with the study's sampler and pruner, then posts the reply and wakes the worker.
 * Every call gets a reply, an error included, so the worker never waits forever.
 * @internal
 */
export function serveTrial(trial: Trial, port: MessagePort, flag: Int32Array): void {
  port.on('message', (call: TrialCall) => {
    let reply: TrialReply;
    try {
      reply = { ok: true, value: dispatch(trial, call) };
    } catch (err) {
      reply = { ok: false, error: serializeError(err) };
    }
    try {
      port.postMessage(reply);
    } catch (err) {
      // A value structured cloning cannot carry (a user attribute holding a function, say).
      port.postMessage({ ok: false, error: serializeError(err) } satisfies TrialReply);
    }
    Atomics.store(flag, 0, FLAG_REPLIED);
    Atomics.notify(flag, 0);
  });
}

function dispatch(trial: Trial, call: TrialCall): unknown {
  const { method } = call;
  if (!ALLOWED.has(method)) throw new TypeError(`WorkerTrial: \`method\` must be a Trial method but got ${describeValue(method)}.`);
  const args = call.args as never[];
  switch (method) {
    case 'params':
      return trial.params;
    case 'distributions':
      return trial.distributions;
    case 'userAttrs':
      return trial.userAttrs;
    case 'state':
      return trial.state;
    default:
      return (trial[method] as (...a: never[]) => unknown).apply(trial, args);
  }
}
