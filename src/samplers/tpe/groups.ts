import type { Distribution, SearchSpace } from '../../space/distributions.js';
import type { FrozenTrial } from '../../trial/index.js';

/**
 * The finest partition of the parameters such that every finished trial's parameters are a union
 * of parts (Optuna's `_GroupDecomposedSearchSpace`): parameters that always appear together form
 * one group, so each branch of a conditional space is modelled jointly on the trials that took
 * it. Each trial refines the partition: a group it meets splits into the part it has and the
 * part it lacks, and its new parameters form a group of their own. A parameter keeps the
 * distribution it was first seen with. Groups come out with sorted names, ordered by their first
 * name, so the result does not depend on suggestion order.
 *
 * @param trials - COMPLETE and PRUNED trials, in trial order.
 * @returns the groups, each a search space.
 * @internal
 */
export function decomposeGroups(trials: readonly FrozenTrial[]): SearchSpace[] {
  let groups: Map<string, Distribution>[] = [];
  for (const t of trials) {
    const names = new Set(Object.keys(t.distributions));
    const next: Map<string, Distribution>[] = [];
    for (const g of groups) {
      const inside = new Map<string, Distribution>();
      const outside = new Map<string, Distribution>();
      for (const [name, d] of g) (names.has(name) ? inside : outside).set(name, d);
      for (const name of g.keys()) names.delete(name);
      if (inside.size > 0) next.push(inside);
      if (outside.size > 0) next.push(outside);
    }
    const fresh = new Map<string, Distribution>();
    for (const name of names) fresh.set(name, t.distributions[name]);
    if (fresh.size > 0) next.push(fresh);
    groups = next;
  }
  return groups
    .map((g) => Object.fromEntries([...g.keys()].sort().map((name) => [name, g.get(name)!])) as SearchSpace)
    .sort((a, b) => (Object.keys(a)[0] < Object.keys(b)[0] ? -1 : 1));
}
