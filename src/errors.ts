/** Base class of every error bonito throws on purpose (argument errors use `RangeError`/`TypeError`). */
export class BonitoError extends Error {
  override name = 'BonitoError';
}

/** Thrown when the numeric core is used before `init()` has resolved. */
export class NotInitializedError extends BonitoError {
  override name = 'NotInitializedError';
}

/**
 * Normalises anything thrown into an `Error`, so callers can record a message and a stack.
 * @internal
 */
export function toError(thrown: unknown): Error {
  if (thrown instanceof Error) return thrown;
  return new Error(typeof thrown === 'string' ? thrown : JSON.stringify(thrown) ?? String(thrown));
}

/**
 * Thrown inside an objective to stop a trial early; the trial is recorded as PRUNED.
 * @example
 * ```ts
 * if (trial.shouldPrune()) throw new TrialPruned();
 * ```
 */
export class TrialPruned extends BonitoError {
  override name = 'TrialPruned';
}

/** A journal backend failed to read or store records. */
export class StorageError extends BonitoError {
  override name = 'StorageError';
}

/** `createStudy` was given the name of a study that already exists in the storage. */
export class DuplicatedStudyError extends BonitoError {
  override name = 'DuplicatedStudyError';
}
