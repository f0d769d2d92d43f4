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

/**
 * An optional package that one feature of bonito needs is not installed. bonito's core installs
 * no ML, plotting or data package; the message gives the exact command that adds the piece.
 * @example
 * ```ts
 * try { await writeStudyReport(study, 'report.html'); }
 * catch (e) { if (e instanceof MissingDependencyError) console.error(e.message); }
 * ```
 */
export class MissingDependencyError extends BonitoError {
  override name = 'MissingDependencyError';
  /** The npm packages (with versions) to install. */
  readonly packages: readonly string[];

  /**
   * @param feature - what needs the packages, e.g. "bonito/tfjs".
   * @param packages - `name@version` specifiers to install.
   * @param cause - the import error.
   */
  constructor(feature: string, packages: readonly string[], cause?: unknown) {
    super(`${feature} needs ${packages.map((p) => p.replace(/(?<=.)@[^@]*$/, '')).join(' and ')}, which ${packages.length === 1 ? 'is' : 'are'} not installed: run \`npm i ${packages.join(' ')}\`.`, { cause });
    this.packages = packages;
  }
}

/**
 * True when `error` is a module-resolution failure for `specifier` itself (not for something the
 * module imports in turn, which must surface unchanged).
 * @internal
 */
export function isMissingModule(error: unknown, specifier: string): boolean {
  const e = error as { code?: unknown; message?: unknown } | null;
  if (typeof e !== 'object' || e === null) return false;
  const message = typeof e.message === 'string' ? e.message : '';
  const named = message.includes(`'${specifier}'`) || message.includes(`"${specifier}"`);
  return named && (e.code === 'ERR_MODULE_NOT_FOUND' || e.code === 'MODULE_NOT_FOUND' || /Cannot find (package|module)|Failed to resolve module/.test(message));
}
