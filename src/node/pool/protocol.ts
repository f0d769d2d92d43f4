// The messages between the main thread and a pool worker. One task runs one trial; its
// `MessagePort` carries the trial's synchronous calls (worker -> main) and their replies
// (main -> worker), and `flag` tells the blocked worker that a reply is waiting on the port.
import type { MessagePort } from 'node:worker_threads';
import { TrialPruned, toError } from '../../errors.js';

/** The `Trial` members a worker may call; anything else is refused. */
export const TRIAL_METHODS = [
  'suggestFloat',
  'suggestInt',
  'suggestCategorical',
  'report',
  'shouldPrune',
  'setUserAttr',
  'params',
  'distributions',
  'userAttrs',
  'state',
  'toFrozen',
] as const;

export type TrialMethod = (typeof TRIAL_METHODS)[number];

/** A worker's call on its trial. */
export interface TrialCall {
  readonly method: TrialMethod;
  readonly args: readonly unknown[];
}

/** An error as plain data (a custom class does not survive structured cloning). */
export interface SerializedError {
  readonly name: string;
  readonly message: string;
  readonly stack?: string;
}

/** The main thread's answer to a `TrialCall`. */
export type TrialReply = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly error: SerializedError };

/** `flag[0]` while the worker waits for a reply. */
export const FLAG_WAITING = 0;
/** `flag[0]` once the reply is on the port. */
export const FLAG_REPLIED = 1;

/** What every worker of a pool starts with. */
export interface WorkerData {
  /** The main thread's compiled bonito core. */
  readonly wasm: WebAssembly.Module;
  /** Register tsx before loading objective modules. */
  readonly typescript: boolean;
}

/** What the pool sends a worker to run one trial. */
export interface TrialTask {
  /** `file:` (or `data:`) URL of the module holding the objective. */
  readonly moduleUrl: string;
  /** The export holding the objective (a function, or an object with an `objective` function). */
  readonly exportName: string;
  readonly number: number;
  readonly trialId: number;
  readonly workerId: string;
  readonly port: MessagePort;
  /** One Int32 over a SharedArrayBuffer (see FLAG_WAITING / FLAG_REPLIED). */
  readonly flag: Int32Array;
}

/** How a trial ended in the worker. Errors travel as data so their class can be rebuilt. */
export type TrialTaskResult =
  | {
      readonly kind: 'value';
      readonly value: number | string | boolean | null | undefined | readonly (number | string | boolean | null | undefined)[];
    }
  | { readonly kind: 'pruned' }
  | { readonly kind: 'error'; readonly error: SerializedError };

/** @returns `err` as plain data. */
export function serializeError(err: unknown): SerializedError {
  const e = toError(err); // never throws, even for a bigint or an error with throwing getters
  if (e !== err) return { name: e.name, message: e.message }; // toError's own stack says nothing
  let stack: string | undefined;
  try {
    stack = typeof e.stack === 'string' ? e.stack : undefined;
  } catch {
    stack = undefined;
  }
  return stack === undefined ? { name: e.name, message: e.message } : { name: e.name, message: e.message, stack };
}

const STANDARD: Record<string, new (message: string) => Error> = {
  Error,
  RangeError,
  TypeError,
  SyntaxError,
  ReferenceError,
  EvalError,
  URIError,
};

/**
 * Rebuilds an error from `serializeError`: the standard classes as themselves (so
 * `catch: [RangeError]` still matches), `TrialPruned` as bonito's, anything else as an `Error`
 * keeping its name. The stack is the original one, from the thread that threw.
 */
export function reviveError(e: SerializedError): Error {
  const error = e.name === 'TrialPruned' ? new TrialPruned(e.message) : new (STANDARD[e.name] ?? Error)(e.message);
  if (error.name !== e.name) error.name = e.name;
  if (e.stack !== undefined) error.stack = e.stack;
  return error;
}

/** True for bonito's `TrialPruned`, including one from another copy of bonito (matched by name). */
export function isTrialPruned(err: unknown): boolean {
  return err instanceof TrialPruned || (err instanceof Error && err.name === 'TrialPruned');
}
