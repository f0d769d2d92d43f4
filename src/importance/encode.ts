// Trials to the forest's training matrix, as Optuna's importance evaluators prepare them: the
// parameters every COMPLETE trial has with one distribution (or the ones asked for), sorted by
// name; numbers as they are (no log, no step widening: the box is [low, high]); a categorical as
// one 0/1 column per choice, each on [0, 1]. A parameter with a single possible value explains
// nothing and gets no column.
import { sameDistribution, toInternal, type Distribution } from '../space/distributions.js';
import type { FrozenTrial } from '../trial/index.js';
import type { ColumnBounds } from './fanova.js';

/** The encoded training data of an importance evaluation. @internal */
export interface EncodedTrials {
  /** Parameters with more than one possible value, by name. */
  readonly names: readonly string[];
  /** Parameters with a single possible value (importance 0), by name. */
  readonly fixed: readonly string[];
  /** Encoded columns of each name. */
  readonly groups: readonly (readonly number[])[];
  readonly bounds: ColumnBounds;
  /** One array of trial values per encoded column. */
  readonly columns: readonly Float64Array[];
  readonly y: Float64Array;
}

/**
 * The search space evaluated: the intersection over `complete` trials, or the given `params`
 * with their distributions from the trials that have all of them (which must agree).
 * @returns null when `params` are given and no trial has them all.
 * @internal
 */
export function importanceSpace(
  where: string,
  complete: readonly FrozenTrial[],
  params: readonly string[] | undefined,
): Map<string, Distribution> | null {
  let space: Map<string, Distribution> | null = null;
  for (const t of complete) {
    if (params === undefined) {
      if (space === null) space = new Map(Object.entries(t.distributions));
      else {
        for (const [name, d] of space) {
          const other = t.distributions[name];
          if (other === undefined || !sameDistribution(d, other)) space.delete(name);
        }
      }
      continue;
    }
    if (!params.every((name) => Object.hasOwn(t.distributions, name))) continue;
    if (space === null) space = new Map(params.map((name) => [name, t.distributions[name]]));
    else {
      for (const [name, d] of space) {
        if (!sameDistribution(d, t.distributions[name])) {
          throw new RangeError(
            `${where}: \`params\` must name parameters with one distribution in every trial but got '${name}', whose distribution changes between trials.`,
          );
        }
      }
    }
  }
  if (space === null) return null;
  return new Map([...space].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)));
}

function isSingle(d: Distribution): boolean {
  return d.kind === 'categorical' ? d.choices.length === 1 : d.low === d.high;
}

/**
 * Encodes the trials (each must have every parameter of `space` and a finite target).
 * @internal
 */
export function encodeTrials(space: ReadonlyMap<string, Distribution>, trials: readonly FrozenTrial[], y: Float64Array): EncodedTrials {
  const names: string[] = [];
  const fixed: string[] = [];
  const groups: number[][] = [];
  const low: number[] = [];
  const high: number[] = [];
  const columns: Float64Array[] = [];
  for (const [name, d] of space) {
    if (isSingle(d)) {
      fixed.push(name);
      continue;
    }
    names.push(name);
    const values = trials.map((t) => t.params[name]);
    if (d.kind === 'categorical') {
      const group: number[] = [];
      const index = values.map((v) => toInternal(d, v));
      d.choices.forEach((_, k) => {
        group.push(columns.length);
        low.push(0);
        high.push(1);
        columns.push(Float64Array.from(index, (i) => (i === k ? 1 : 0)));
      });
      groups.push(group);
    } else {
      groups.push([columns.length]);
      low.push(d.low);
      high.push(d.high);
      columns.push(Float64Array.from(values as number[]));
    }
  }
  return { names, fixed, groups, bounds: { low: Float64Array.from(low), high: Float64Array.from(high) }, columns, y };
}
