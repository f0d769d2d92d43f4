import type { Objective } from '../../study/optimize.js';

const loaded = new Map<string, Promise<Objective>>();

/**
 * The objective exported by a module, imported once per realm (so a worker pays for the module's
 * top-level work, such as loading data or starting a tfjs backend, once, not once per trial).
 *
 * @param moduleUrl - absolute `file:` or `data:` URL.
 * @param exportName - the export: an objective function, or an object with an `objective`
 *   function (a `bonito tune` config module works as it is).
 * @returns the objective.
 * @throws TypeError (as a rejection) when the export is neither; the import's own error when the
 *   module cannot be loaded.
 * @internal
 */
export function loadObjective(moduleUrl: string, exportName: string): Promise<Objective> {
  const key = `${exportName}@${moduleUrl}`;
  let objective = loaded.get(key);
  if (objective === undefined) {
    objective = import(moduleUrl).then((ns: Record<string, unknown>) => pickObjective(ns, moduleUrl, exportName));
    loaded.set(key, objective);
  }
  return objective;
}

function pickObjective(ns: Record<string, unknown>, moduleUrl: string, exportName: string): Objective {
  const exported = ns[exportName];
  if (typeof exported === 'function') return exported as Objective;
  if (typeof exported === 'object' && exported !== null) {
    const { objective } = exported as { objective?: unknown };
    if (typeof objective === 'function') return objective as Objective;
  }
  const got = exported === undefined ? 'no such export' : exported === null ? 'null' : `a ${typeof exported}`;
  throw new TypeError(
    `threadObjective: the \`${exportName}\` export of ${moduleUrl} must be an objective function or an object with an \`objective\` function but got ${got}.`,
  );
}
