// scikit-learn-style searches (GridSearchCV, RandomizedSearchCV, scikit-optimize's BayesSearchCV)
// over the MLP space, as thin wrappers around a study and trainAndScore.
import type { Seed } from '../core/rng.js';
import { checkSeed, randomSeed } from '../core/rng.js';
import { GPSampler, GridSampler, RandomSampler, type Sampler } from '../samplers/index.js';
import type { ParamValue } from '../space/distributions.js';
import { createStudy, type Study } from '../study/index.js';
import type { TfjsBackend } from './backend.js';
import type { Dataset } from '../data/dataset.js';
import { resolveMetric, type Metric, type MetricName } from './metrics.js';
import { suggestMlp, type MlpActivation, type MlpSpace, type NumericSpec } from './mlp.js';
import type { OptimizerName } from './optimizer.js';
import { FixedTrial } from '../study/fixed-trial.js';
import { trainFinalModel, type FittedModel } from './refit.js';
import { trainAndScore, type EarlyStopping, type TrainResult } from './trainer.js';
import { directionSign, type FrozenTrial, type TrialState } from '../trial/index.js';
import { describeValue } from '../errors.js';

/**
 * The fixed MLP the searches start from (the scikit-learn estimator's defaults): every entry a
 * search does not vary keeps this value unless `estimator` overrides it.
 */
export const MLP_ESTIMATOR_DEFAULTS: Readonly<MlpSpace> = Object.freeze({
  layers: 1,
  units: 32,
  activation: 'relu',
  dropout: 0,
  l1: 0,
  l2: 0,
  weightDecay: 0,
  learningRate: 1e-3,
  optimizer: 'adam',
  batchSize: 32,
  epochs: 30,
});

/** Options shared by the three searches. */
export interface SearchCVOptions {
  data: Dataset;
  /** Fixed values replacing {@link MLP_ESTIMATOR_DEFAULTS}. */
  estimator?: MlpSpace;
  /** Folds of (stratified) k-fold cross-validation, or a 20% hold-out. @defaultValue 5 */
  cv?: number | 'holdout';
  /** @defaultValue 'accuracy' or 'mse'; the search maximizes or minimizes it accordingly */
  metric?: MetricName | Metric;
  /** Seed of the study (its sampler) and of the trainer (folds, weights, shuffles). @defaultValue random */
  seed?: Seed;
  earlyStopping?: EarlyStopping;
  /** Train the best configuration on all rows afterwards (`bestModel`). @defaultValue true */
  refit?: boolean;
  /** Called after each trial with its row of `cvResults` (progress). */
  onTrial?: (row: CvResult) => void;
  /** Study warnings. @defaultValue console.warn */
  onWarning?: (message: string) => void;
  /** @defaultValue 'wasm' */
  backend?: TfjsBackend;
}

/** One row of `cvResults`: one trial (scikit-learn's `cv_results_`, one row per candidate). */
export interface CvResult {
  readonly trial: number;
  readonly state: TrialState;
  /** The parameters the trial varied (study names: `learning_rate`, `units_0`...). */
  readonly params: Readonly<Record<string, ParamValue>>;
  readonly meanTestScore: number | null;
  readonly stdTestScore: number | null;
  readonly splitTestScores: readonly number[];
  /** 1 for the best score (ties share the lower rank); null when the trial did not complete. */
  readonly rankTestScore: number | null;
  readonly fitTimeMs: number | null;
}

/** What the searches return. */
export interface SearchCVResult {
  readonly bestParams: Readonly<Record<string, ParamValue>>;
  readonly bestScore: number;
  /** Index of the best row in `cvResults`. */
  readonly bestIndex: number;
  readonly cvResults: readonly CvResult[];
  /** The best configuration trained on all rows (null with `refit: false`); dispose it when done. */
  readonly bestModel: FittedModel | null;
  readonly metric: string;
  readonly direction: 'minimize' | 'maximize';
  /** The study behind the search (export it, plot it, continue it). */
  readonly study: Study;
}

/** A grid: MLP entries to value lists; `units` lists the units of every hidden layer. */
export interface ParamGrid {
  layers?: readonly number[];
  units?: readonly number[];
  activation?: readonly MlpActivation[];
  dropout?: readonly number[];
  l1?: readonly number[];
  l2?: readonly number[];
  weightDecay?: readonly number[];
  learningRate?: readonly number[];
  optimizer?: readonly OptimizerName[];
  batchSize?: readonly number[];
  epochs?: readonly number[];
}

const STUDY_NAMES: Readonly<Record<string, string>> = {
  layers: 'layers',
  activation: 'activation',
  dropout: 'dropout',
  l1: 'l1',
  l2: 'l2',
  weightDecay: 'weight_decay',
  learningRate: 'learning_rate',
  optimizer: 'optimizer',
  batchSize: 'batch_size',
  epochs: 'epochs',
};

/**
 * Exhaustive search over `paramGrid` (scikit-learn's `GridSearchCV`): every combination is
 * cross-validated once, then the best is refitted on all rows. `units` becomes one grid axis per
 * hidden layer (`units_0`, `units_1`...); points that differ only in layers a configuration does
 * not have are scored once and reused.
 *
 * @param options - data, grid, fixed estimator values, cv, metric, seed...
 * @returns best parameters and score, the per-trial table and the refitted model.
 * @throws TypeError/RangeError on an empty or unknown grid entry, or invalid trainer options.
 * @example
 * ```ts
 * const search = await gridSearchCV({ data: loadIris(), paramGrid: { units: [8, 32], learningRate: [1e-3, 1e-2] }, cv: 5, seed: 1 });
 * search.bestParams; // e.g. { learning_rate: 0.01, units_0: 32 }
 * search.bestModel?.dispose();
 * ```
 */
export async function gridSearchCV(options: SearchCVOptions & { paramGrid: ParamGrid }): Promise<SearchCVResult> {
  const { paramGrid } = options;
  if (typeof paramGrid !== 'object' || paramGrid === null)
    throw new TypeError(`gridSearchCV: \`paramGrid\` must be an object but got ${describeValue(paramGrid)}.`);
  const space: Record<string, NumericSpec | string | readonly string[]> = {};
  const grid: Record<string, ParamValue[]> = {};
  for (const [key, values] of Object.entries(paramGrid) as [string, readonly ParamValue[]][]) {
    if (key !== 'units' && !(key in STUDY_NAMES))
      throw new TypeError(
        `gridSearchCV: \`paramGrid\` keys must be MLP entries (${['units', ...Object.keys(STUDY_NAMES)].join(', ')}) but got ${key}.`,
      );
    if (!Array.isArray(values) || values.length === 0)
      throw new RangeError(`gridSearchCV: \`paramGrid.${key}\` must be a non-empty list but got ${describeValue(values)}.`);
    space[key] = values as readonly number[];
    if (key !== 'units') grid[STUDY_NAMES[key]] = [...values];
  }
  if (paramGrid.units !== undefined) {
    const layers = paramGrid.layers ?? options.estimator?.layers ?? MLP_ESTIMATOR_DEFAULTS.layers;
    const most =
      typeof layers === 'number'
        ? layers
        : Array.isArray(layers)
          ? Math.max(...(layers as readonly number[]))
          : (layers as { high: number }).high;
    for (let i = 0; i < most; i++) grid[`units_${i}`] = [...paramGrid.units];
  }
  return search('gridSearchCV', options, space as MlpSpace, new GridSampler(grid), Infinity);
}

/**
 * Random search (scikit-learn's `RandomizedSearchCV`): `nIter` configurations drawn from
 * `paramDistributions` (ranges, log ranges, lists), each cross-validated, the best refitted.
 *
 * @param options - data, distributions, `nIter` (default 10), cv, metric, seed...
 * @returns best parameters and score, the per-trial table and the refitted model.
 * @throws RangeError/TypeError on invalid options.
 * @example
 * ```ts
 * const search = await randomizedSearchCV({ data, paramDistributions: { learningRate: { low: 1e-4, high: 1e-1, log: true } }, nIter: 20, seed: 1 });
 * ```
 */
export async function randomizedSearchCV(
  options: SearchCVOptions & { paramDistributions: MlpSpace; nIter?: number },
): Promise<SearchCVResult> {
  return search('randomizedSearchCV', options, options.paramDistributions, new RandomSampler(), options.nIter ?? 10);
}

/**
 * Bayesian optimization (scikit-optimize's `BayesSearchCV`): a Gaussian-process sampler picks
 * each of the `nIter` configurations from `searchSpaces` after `nStartupTrials` quasi-random ones.
 *
 * @param options - data, search space, `nIter` (default 50), `nStartupTrials` (default 10), cv, metric, seed...
 * @returns best parameters and score, the per-trial table and the refitted model.
 * @throws RangeError/TypeError on invalid options.
 * @example
 * ```ts
 * const search = await bayesSearchCV({ data: loadCars(), searchSpaces: { units: { low: 8, high: 128, log: true } }, nIter: 30, seed: 1 });
 * ```
 */
export async function bayesSearchCV(
  options: SearchCVOptions & { searchSpaces: MlpSpace; nIter?: number; nStartupTrials?: number },
): Promise<SearchCVResult> {
  const sampler = new GPSampler(options.nStartupTrials === undefined ? {} : { nStartupTrials: options.nStartupTrials });
  return search('bayesSearchCV', options, options.searchSpaces, sampler, options.nIter ?? 50);
}

async function search(where: string, options: SearchCVOptions, varied: MlpSpace, sampler: Sampler, nIter: number): Promise<SearchCVResult> {
  if (nIter !== Infinity && (!Number.isSafeInteger(nIter) || nIter < 1))
    throw new RangeError(`${where}: \`nIter\` must be a positive integer but got ${nIter}.`);
  if (typeof varied !== 'object' || varied === null)
    throw new TypeError(`${where}: the search space must be an object but got ${describeValue(varied)}.`);
  const { data } = options;
  const metric = resolveMetric(options.metric, data.task);
  const seed = options.seed === undefined ? randomSeed() : checkSeed(where, options.seed);
  const cv = options.cv ?? 5;
  const scoring = cv === 'holdout' ? ('holdout' as const) : { kFold: cv };
  const model: MlpSpace = { ...MLP_ESTIMATOR_DEFAULTS, ...options.estimator, ...varied };
  const study = await createStudy({
    direction: metric.direction,
    sampler,
    seed,
    ...(options.onWarning && { onWarning: options.onWarning }),
  });
  const seen = new Map<string, TrainResult>();
  const times = new Map<number, number>();
  await study.optimize(
    async (trial) => {
      const started = Date.now();
      suggestMlp(trial, model);
      // Grid points that differ only in parameters this configuration never suggested are the same model.
      const key = JSON.stringify(Object.entries(trial.params).sort(([a], [b]) => (a < b ? -1 : 1)));
      let result = seen.get(key);
      if (result === undefined) {
        result = await trainAndScore(trial, {
          data,
          model,
          scoring,
          metric,
          seed,
          pruning: false,
          ...(options.earlyStopping && { earlyStopping: options.earlyStopping }),
          ...(options.backend && { backend: options.backend }),
        });
        seen.set(key, result);
      } else {
        trial.setUserAttr('cv_mean', result.mean);
        trial.setUserAttr('cv_std', result.std);
        trial.setUserAttr('cv_scores', [...result.foldScores]);
        trial.setUserAttr('epoch', result.epoch);
      }
      times.set(trial.number, Date.now() - started);
      return result.mean;
    },
    {
      nTrials: nIter,
      ...(options.onTrial && { callbacks: [(_s: Study, t: FrozenTrial) => options.onTrial!(toRow(t, times, null))] }),
    },
  );

  const cvResults = rank(
    study.trials.map((t) => toRow(t, times, null)),
    metric.direction,
  );
  const best = study.bestTrial;
  if (best === undefined || best.value === null) throw new RangeError(`${where}: no trial completed, so there is no best configuration.`);
  const bestModel =
    options.refit === false
      ? null
      : await trainFinalModel(new FixedTrial(best.params), {
          data,
          model,
          seed,
          ...(options.earlyStopping && typeof best.userAttrs.epoch === 'number' && { epochs: best.userAttrs.epoch + 1 }),
          ...(options.backend && { backend: options.backend }),
        });
  return {
    bestParams: best.params,
    bestScore: best.value,
    bestIndex: cvResults.findIndex((r) => r.trial === best.number),
    cvResults,
    bestModel,
    metric: metric.name,
    direction: metric.direction,
    study,
  };
}

function toRow(t: FrozenTrial, times: ReadonlyMap<number, number>, rankValue: number | null): CvResult {
  const scores = Array.isArray(t.userAttrs.cv_scores) ? (t.userAttrs.cv_scores as number[]) : [];
  return {
    trial: t.number,
    state: t.state,
    params: t.params,
    meanTestScore: t.state === 'COMPLETE' ? t.value : null,
    stdTestScore: typeof t.userAttrs.cv_std === 'number' ? t.userAttrs.cv_std : null,
    splitTestScores: scores,
    rankTestScore: rankValue,
    fitTimeMs: times.get(t.number) ?? null,
  };
}

/** Ranks completed rows, 1 = best; ties share the lowest rank (scikit-learn's `rank_test_score`). */
function rank(rows: CvResult[], direction: 'minimize' | 'maximize'): CvResult[] {
  const sign = directionSign(direction);
  const scores = rows.filter((r) => r.meanTestScore !== null).map((r) => sign * (r.meanTestScore as number));
  return rows.map((r) => {
    if (r.meanTestScore === null) return r;
    const mine = sign * r.meanTestScore;
    return { ...r, rankTestScore: 1 + scores.filter((s) => s < mine).length };
  });
}
