import { isAbsolute, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Objective } from '../../study/optimize.js';
import { loadObjective } from './objective-module.js';
import { describeValue } from '../../errors.js';

const MODULE = Symbol('bonito.threadObjective');

/** Where a thread objective lives. @internal */
export interface ObjectiveModule {
  readonly moduleUrl: string;
  readonly exportName: string;
}

/** Options of {@link threadObjective}. */
export interface ThreadObjectiveOptions {
  /** The export holding the objective. @defaultValue 'default' */
  exportName?: string;
}

/**
 * An objective that lives in a module, so a worker thread can load it (functions cannot be
 * posted to a thread). Pass it to `study.optimize` with a `threadPool` executor to run each trial
 * in a worker; with the default executor it runs in this thread, loading the module here, with
 * the same results.
 *
 * The module exports the objective (`export default (trial) => ...`), or an object with an
 * `objective` function (a `bonito tune` config). Each worker imports it once and keeps it, so
 * top-level work (loading data, starting a tfjs backend) is paid once per worker. In the worker,
 * `trial.suggestFloat(...)` and the other `Trial` members are synchronous as usual: each is
 * answered by the study's sampler or pruner on the main thread.
 *
 * @param module - the module: a `URL`, a `file:`/`data:` URL string, or a file path (relative
 *   to the current directory).
 * @param options - `exportName`.
 * @returns an objective for `study.optimize`.
 * @throws TypeError when `module` or `exportName` is not a non-empty string or URL.
 * @example
 * ```ts
 * import { threadObjective, threadPool } from 'bonito/node';
 * const pool = threadPool({ size: 2 });
 * try {
 *   await study.optimize(threadObjective(new URL('./objective.js', import.meta.url)), { nTrials: 40, concurrency: 2, executor: pool });
 * } finally {
 *   await pool.close();
 * }
 * ```
 */
export function threadObjective(module: URL | string, options: ThreadObjectiveOptions = {}): Objective {
  const moduleUrl = toModuleUrl(module);
  const exportName = options.exportName ?? 'default';
  if (typeof exportName !== 'string' || exportName.length === 0) {
    throw new TypeError(`threadObjective: \`exportName\` must be a non-empty string but got ${describeValue(exportName)}.`);
  }
  const objective: Objective = async (trial) => (await loadObjective(moduleUrl, exportName))(trial);
  Object.defineProperty(objective, MODULE, { value: Object.freeze({ moduleUrl, exportName }) satisfies ObjectiveModule });
  return objective;
}

/** The module of an objective made by `threadObjective`, or undefined for any other function. @internal */
export function objectiveModuleOf(objective: unknown): ObjectiveModule | undefined {
  return typeof objective === 'function' ? (objective as unknown as Record<symbol, ObjectiveModule | undefined>)[MODULE] : undefined;
}

function toModuleUrl(module: URL | string): string {
  if (module instanceof URL) return module.href;
  if (typeof module !== 'string' || module.length === 0) {
    throw new TypeError(`threadObjective: \`module\` must be a URL or a non-empty path but got ${describeValue(module)}.`);
  }
  // A scheme of two letters or more (a one-letter "scheme" is a Windows drive).
  if (/^[a-z][a-z0-9+.-]+:/i.test(module)) return new URL(module).href;
  return pathToFileURL(isAbsolute(module) ? module : resolve(module)).href;
}
