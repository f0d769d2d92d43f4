import { checkSeed, type Seed } from '../core/rng.js';
import { badInput, checkInteger, checkPositiveInteger } from '../validate.js';
import type { Direction, FrozenTrial } from '../trial/index.js';
import { encodeTrials, importanceSpace } from './encode.js';
import { decomposeTree } from './fanova.js';
import { TreeRandom } from './random.js';
import { growTree } from './tree.js';

/** One parameter's share of the objective's variance. */
export interface ParamImportance {
  /** The parameter's name. */
  readonly name: string;
  /** In [0, 1]; the importances of one evaluation sum to 1. */
  readonly importance: number;
}

/** Options of {@link paramImportances}. Defaults are those of Optuna's `FanovaImportanceEvaluator`. */
export interface ParamImportancesOptions {
  /** Parameters to assess; default: those every COMPLETE trial has, with one distribution. */
  readonly params?: readonly string[];
  /** The value to explain; required for a study of several objectives, e.g. `(t) => t.values![0]`. */
  readonly target?: (trial: FrozenTrial) => number;
  /** Trees in the random forest. @defaultValue 64 */
  readonly nTrees?: number;
  /** Depth limit of each tree. @defaultValue 64 */
  readonly maxDepth?: number;
  /** Seed of the forest (bootstrap samples, feature orders): equal seeds give equal importances. @defaultValue 0 */
  readonly seed?: Seed;
}

/** What importances are computed from: a `Study`, `{ trials, directions }`, or a list of FrozenTrials. */
export type ImportanceSource =
  | { readonly trials: readonly FrozenTrial[]; readonly directions?: readonly Direction[] }
  | readonly FrozenTrial[];

const WHERE = 'paramImportances';

/**
 * Parameter importances by fANOVA on a random forest (Hutter et al. 2014), as Optuna's default
 * `get_param_importances` computes them: a forest of regression trees (64 trees grown to purity
 * on bootstrap samples) is fitted to the COMPLETE trials, and each parameter's importance is the
 * mean over trees of the fraction of the tree's variance that its marginal explains alone,
 * normalized so they sum to 1. Interactions are not credited to any parameter.
 *
 * Numbers enter as they are (a log parameter is not log-transformed, as in Optuna); a categorical
 * enters as one 0/1 column per choice. Trials whose target is not finite are left out; a
 * parameter with a single possible value gets 0.
 *
 * @param source - a `Study`, `{ trials, directions }` or FrozenTrials.
 * @returns every assessed parameter with its importance, most important first (ties by name).
 * @throws RangeError with fewer than two COMPLETE trials, when no trial has every parameter of
 *   `params`, or when the forest finds no variance to split; TypeError on bad options, or with
 *   several objectives and no `target`.
 * @example
 * ```ts
 * const importances = paramImportances(study);
 * // [{ name: 'lr', importance: 0.81 }, { name: 'units', importance: 0.15 }, ...]
 * ```
 */
export function paramImportances(source: ImportanceSource, options: ParamImportancesOptions = {}): ParamImportance[] {
  const trials: readonly FrozenTrial[] = isTrialList(source) ? source : source.trials;
  if (!Array.isArray(trials))
    throw new TypeError(badInput(WHERE, 'source', 'must be a study, { trials } or an array of FrozenTrials', source));
  const o = checkOptions(options);
  const complete = trials.filter((t) => t.state === 'COMPLETE');
  const objectives = isTrialList(source) ? (complete[0]?.values?.length ?? 1) : (source.directions?.length ?? 1);
  if (objectives > 1 && o.target === undefined) {
    throw new TypeError(
      badInput(WHERE, 'target', `must be given for a study of ${objectives} objectives, e.g. (t) => t.values[0],`, undefined),
    );
  }
  if (complete.length < 2) {
    throw new RangeError(`${WHERE}: \`trials\` must hold at least two COMPLETE trials but got ${complete.length}.`);
  }
  if (o.params !== undefined && o.params.length === 0) return [];
  const space = importanceSpace(WHERE, complete, o.params);
  if (space === null) {
    throw new RangeError(badInput(WHERE, 'params', 'must name parameters that at least one COMPLETE trial has all of', o.params));
  }
  const value = o.target ?? ((t: FrozenTrial) => t.value as number);
  const used: FrozenTrial[] = [];
  const y: number[] = [];
  for (const t of complete) {
    if (![...space.keys()].every((name) => Object.hasOwn(t.params, name))) continue;
    const v = value(t);
    if (typeof v !== 'number' || !Number.isFinite(v)) continue;
    used.push(t);
    y.push(v);
  }
  const data = encodeTrials(space, used, Float64Array.from(y));
  if (data.names.length === 0) return [];

  const sums = new Float64Array(data.names.length);
  let counted = 0;
  const n = used.length;
  const weights = new Float64Array(n);
  for (let tree = 0; tree < o.nTrees; tree++) {
    const random = new TreeRandom(o.seed, tree);
    weights.fill(0);
    for (let i = 0; i < n; i++) weights[random.below(n)] += 1;
    const grown = growTree(data.columns, data.y, weights, { maxDepth: o.maxDepth, minSamplesSplit: 2, minSamplesLeaf: 1 }, random);
    const parts = decomposeTree(grown, data.bounds, data.groups);
    if (parts.total <= 0) continue;
    counted++;
    parts.marginal.forEach((m, g) => (sums[g] += m / parts.total));
  }
  if (counted === 0) {
    throw new RangeError(
      `${WHERE}: the trials must vary in target and parameters (the forest splits variance) but got ${n} usable trial${n === 1 ? '' : 's'} that every tree fits with one value.`,
    );
  }
  let total = 0;
  for (const s of sums) total += s;
  // Optuna's rule for a zero sum (no parameter explains anything alone): equal shares.
  const share = (g: number): number => (total > 0 ? sums[g] / total : 1 / sums.length);
  const result = [...data.names.map((name, g) => ({ name, importance: share(g) })), ...data.fixed.map((name) => ({ name, importance: 0 }))];
  return result.sort((a, b) => b.importance - a.importance || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

function isTrialList(source: ImportanceSource): source is readonly FrozenTrial[] {
  return Array.isArray(source);
}

interface CheckedOptions {
  readonly params: readonly string[] | undefined;
  readonly target: ((trial: FrozenTrial) => number) | undefined;
  readonly nTrees: number;
  readonly maxDepth: number;
  readonly seed: bigint;
}

function checkOptions(options: ParamImportancesOptions): CheckedOptions {
  if (typeof options !== 'object' || options === null) throw new TypeError(badInput(WHERE, 'options', 'must be an object', options));
  const { params, target } = options;
  if (params !== undefined && (!Array.isArray(params) || !params.every((p) => typeof p === 'string'))) {
    throw new TypeError(badInput(WHERE, 'params', 'must be an array of parameter names', params));
  }
  if (target !== undefined && typeof target !== 'function') throw new TypeError(badInput(WHERE, 'target', 'must be a function', target));
  return {
    params,
    target,
    nTrees: checkInteger(WHERE, 'nTrees', options.nTrees ?? 64, 1, 10_000),
    maxDepth: checkPositiveInteger(WHERE, 'maxDepth', options.maxDepth ?? 64),
    seed: checkSeed(WHERE, options.seed ?? 0),
  };
}
