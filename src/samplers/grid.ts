import { contains, type Distribution, type ParamValue, type SearchSpace } from '../space/distributions.js';
import { Grid, type GridSearchSpace } from '../space/grid.js';
import { SYSTEM_ATTR, isFinished, type FrozenTrial, type StudyView } from '../trial/index.js';
import type { Sampler } from './base.js';
import { describeValue } from '../errors.js';

/**
 * Trials created from fixed parameters (`enqueueTrial`, retries of failed trials) carry this
 * system attribute, as in Optuna; they take no grid point.
 */

/** Whether a trial takes a grid point (every trial except those created with fixed params). */
function takesGridPoint(trial: FrozenTrial): boolean {
  return !(SYSTEM_ATTR.fixedParams in trial.systemAttrs);
}

/** How many trials numbered below `number` took a grid point: the grid index of trial `number`. */
function gridOrdinal(trials: readonly FrozenTrial[], number: number): number {
  let k = 0;
  for (const t of trials) if (t.number < number && takesGridPoint(t)) k++;
  return k;
}

/**
 * The point for an ordinal past the end of the grid (more trials than points, e.g. under
 * `ask()` after exhaustion): a point that no finished trial has covered yet when there is one,
 * else any point; spread by the ordinal so racing workers differ where they can.
 */
function overflowPoint(grid: Grid, trials: readonly FrozenTrial[], k: number): number {
  const covered = new Uint8Array(grid.size);
  for (const t of trials) {
    if (!isFinished(t.state)) continue;
    const i = grid.indexOf(t.params);
    if (i !== -1) covered[i] = 1;
  }
  const open: number[] = [];
  for (let i = 0; i < grid.size; i++) if (!covered[i]) open.push(i);
  const extra = k - grid.size;
  return open.length > 0 ? open[extra % open.length] : extra % grid.size;
}

/**
 * Exhaustive search over an explicit grid (Optuna's `GridSampler`): trial after trial takes the
 * next point of the cartesian product of the value lists, then `isExhausted` reports true and
 * `optimize()` stops. Independent sampling only; every suggested parameter must be in the grid.
 *
 * Deterministic: trial `n` takes grid point k, where k counts the trials numbered below `n` that
 * took a grid point (all but those created by `enqueueTrial`, which carry `fixed_params`). Trial
 * numbers are unique positions in the journal, so concurrent workers never take the same point
 * while points remain. When more trials than points are asked for, a trial gets a point no
 * finished trial has covered (one whose trial failed before suggesting, say), and only when
 * every point is covered does a point repeat, as in Optuna. Grid order: names sorted, the last
 * name varying fastest, values in the order given (see `Grid`).
 *
 * @example
 * ```ts
 * await init();
 * const study = await createStudy({ sampler: new GridSampler({ x: [-1, 0, 1], act: ['relu', 'tanh'] }) });
 * await study.optimize((t) => t.suggestInt('x', -1, 1) ** 2 + (t.suggestCategorical('act', ['relu', 'tanh']) === 'relu' ? 0 : 1), { nTrials: 100 });
 * study.trials.length; // 6: the grid ran out
 * ```
 */
export class GridSampler implements Sampler {
  /** The grid (sorted names, value lists as given). */
  readonly grid: Grid;

  /**
   * @param searchSpace - name -> non-empty list of distinct values.
   * @throws TypeError or RangeError for an invalid grid (see `Grid`).
   */
  constructor(searchSpace: GridSearchSpace) {
    this.grid = new Grid(searchSpace, 'GridSampler');
    Object.freeze(this);
  }

  inferRelativeSearchSpace(): SearchSpace {
    return {};
  }

  sampleRelative(): Record<string, ParamValue> {
    return {};
  }

  /**
   * The value of `name` at this trial's grid point.
   * @throws RangeError when `name` is not in the grid or its grid value lies outside `distribution`.
   */
  sampleIndependent(study: StudyView, trial: FrozenTrial, name: string, distribution: Distribution): ParamValue {
    const j = this.grid.names.indexOf(name);
    if (j === -1) {
      throw new RangeError(`GridSampler: \`searchSpace\` must include every suggested parameter but got no \`${name}\`.`);
    }
    const value = this.grid.point(this.pointIndex(study, trial))[name];
    if (!contains(distribution, value)) {
      throw new RangeError(
        `GridSampler: \`searchSpace.${name}\` must only hold values the objective's distribution contains but got ${describeValue(value)}.`,
      );
    }
    return value;
  }

  /** True once every grid point has been handed to a trial. */
  isExhausted(study: StudyView): boolean {
    let taken = 0;
    for (const t of study.getTrials()) if (takesGridPoint(t)) taken++;
    return taken >= this.grid.size;
  }

  /** The grid index of `trial` (see the class notes). */
  pointIndex(study: StudyView, trial: FrozenTrial): number {
    const trials = study.getTrials();
    const k = gridOrdinal(trials, trial.number);
    return k < this.grid.size ? k : overflowPoint(this.grid, trials, k);
  }
}
