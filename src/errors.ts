/** Base class of every error bonito throws on purpose (argument errors use `RangeError`/`TypeError`). */
export class BonitoError extends Error {
  override name = 'BonitoError';
}

/** Thrown when the numeric core is used before `init()` has resolved. */
export class NotInitializedError extends BonitoError {
  override name = 'NotInitializedError';
}

/**
 * Normalises anything thrown into an `Error`, so callers can record a message and a stack. Never
 * throws itself: a bigint, a cyclic object or an `Error` whose `name` or `message` getter throws
 * becomes an `Error` that describes it (the original stays available as `cause`).
 * @internal
 */
export function toError(thrown: unknown): Error {
  if (thrown instanceof Error) {
    try {
      if (typeof thrown.name === 'string' && typeof thrown.message === 'string') return thrown;
    } catch {
      // A getter threw: fall through to a description that reads nothing from the error.
    }
    return new Error(`${describeValue(thrown)} was thrown (its name or message could not be read)`, { cause: thrown });
  }
  if (typeof thrown === 'string') return new Error(thrown, { cause: thrown });
  return new Error(`${describeValue(thrown)} was thrown`, { cause: thrown });
}

const PREVIEW_CHARS = 80;

/**
 * A short, safe description of any value for error messages, typed where the type matters:
 * `'42' (a string)` is not `42`. Never throws and never calls user code beyond `JSON.stringify`
 * of plain objects and arrays (a cyclic value or a throwing getter just loses its preview).
 * @example
 * ```ts
 * describeValue('42');        // "'42' (a string)"
 * describeValue(NaN);         // 'NaN'
 * describeValue(10n);         // '10n (a bigint)'
 * describeValue({ a: 1 });    // 'an object {"a":1}'
 * describeValue(new Map());   // 'a Map'
 * ```
 */
export function describeValue(v: unknown): string {
  try {
    switch (typeof v) {
      case 'string':
        return `${quote(v)} (a string)`;
      case 'number':
        return Object.is(v, -0) ? '-0' : String(v);
      case 'bigint':
        return `${v}n (a bigint)`;
      case 'boolean':
      case 'undefined':
        return String(v);
      case 'symbol':
        return `${v.toString()} (a symbol)`;
      case 'function':
        return v.name ? `a function ${v.name}` : 'a function';
    }
    if (v === null) return 'null';
    if (Array.isArray(v)) return withPreview('an array', v);
    const proto: unknown = Object.getPrototypeOf(v);
    if (proto === null || proto === Object.prototype) return withPreview('an object', v as object);
    const name = (proto as { constructor?: { name?: unknown } }).constructor?.name;
    return typeof name === 'string' && name !== '' ? article(name) : 'an object';
  } catch {
    return 'an unreadable value';
  }
}

function quote(text: string): string {
  const cut = text.length > PREVIEW_CHARS ? `${text.slice(0, PREVIEW_CHARS)}…` : text;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this escapes.
  return `'${cut.replace(/[\\']/g, (c) => `\\${c}`).replace(/[\u0000-\u001f]/g, (c) => JSON.stringify(c).slice(1, -1))}'`;
}

function withPreview(label: string, v: object): string {
  let json: string | undefined;
  try {
    json = JSON.stringify(v);
  } catch {
    return label;
  }
  if (json === undefined || json.length > PREVIEW_CHARS) return label;
  return `${label} ${json}`;
}

function article(name: string): string {
  return `${/^[AEIOU]/i.test(name) ? 'an' : 'a'} ${name}`;
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
    super(
      `${feature} needs ${packages.map((p) => p.replace(/(?<=.)@[^@]*$/, '')).join(' and ')}, which ${packages.length === 1 ? 'is' : 'are'} not installed: run \`npm i ${packages.join(' ')}\`.`,
      { cause },
    );
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
  return (
    named &&
    (e.code === 'ERR_MODULE_NOT_FOUND' ||
      e.code === 'MODULE_NOT_FOUND' ||
      /Cannot find (package|module)|Failed to resolve module/.test(message))
  );
}
