import * as tf from '@tensorflow/tfjs';
import { checkSeed, deriveSeed, randomSeed, Rng, seedToJson, type Seed } from '../core/rng.js';
import { describeValue, TrialPruned } from '../errors.js';
import type { SuggestingTrial, Trial } from '../trial/index.js';
import { setTfjsBackend, type TfjsBackend } from './backend.js';
import { classCount, takeRows, type Dataset, type Task } from '../data/dataset.js';
import { holdoutSplit, kFoldSplit, type Fold } from './data/split.js';
import { createFoldRun, disposeFoldRun, fitEpoch, predictRows, type BuiltModel, type FoldRun } from './fold-run.js';
import { resolveMetric, type Metric, type MetricName } from './metrics.js';
import { buildMlp, suggestMlp, type MlpParams, type MlpSpace } from './mlp.js';

/**
 * The trial the trainer works with: bonito's `Trial` (a study's trial, a `FixedTrial`), or any
 * object with its three suggest methods; `report`/`shouldPrune` (per-epoch pruning) and
 * `setUserAttr` (the scores: `cv_mean`, `cv_std`, `cv_scores`, `epoch`, `epochs_run`, `metric`,
 * `seed`) are used when present.
 */
export type TrainerTrial = SuggestingTrial & Partial<Pick<Trial, 'report' | 'shouldPrune' | 'setUserAttr'>>;

/** What a model builder gets besides the trial. */
export interface ModelContext {
  readonly inputDim: number;
  /** Classes (softmax output) or 1 (regression). */
  readonly outputUnits: number;
  readonly task: Task;
  /** Fold index, 0-based (the builder runs once per fold). */
  readonly fold: number;
  /** Seed of this fold's model: use it for `buildMlp`, or draw initializer seeds with `nextSeed`. */
  readonly seed: bigint;
  /** A fresh 31-bit seed for a tfjs initializer or a `SeededDropout`, from `seed`'s stream. */
  nextSeed(): number;
}

/**
 * Define-by-run model: suggests what it needs from the trial and returns a fresh model (compiled
 * or not: an uncompiled one gets Adam at 1e-3 and the task's loss), optionally with its batch
 * size and epochs. The trainer owns and disposes the model and its optimizer.
 */
export type ModelBuilder = (trial: TrainerTrial, context: ModelContext) => tf.LayersModel | BuiltModel;

/** Hold-out validation (20% or a given fraction) or k-fold cross-validation. */
export type Scoring = 'holdout' | { holdout: number } | { kFold: number };

/** Stop when the validation metric has not improved by `minDelta` for `patience` epochs. */
export interface EarlyStopping {
  patience: number;
  /** @defaultValue 0 */
  minDelta?: number;
}

/** Options of {@link trainAndScore}. */
export interface TrainOptions {
  data: Dataset;
  /** An MLP space (see `suggestMlp`) or a model builder. @defaultValue `{}` (the full MLP space) */
  model?: MlpSpace | ModelBuilder;
  /** @defaultValue 'holdout' */
  scoring?: Scoring;
  /** @defaultValue 'accuracy' (classification) or 'mse' (regression) */
  metric?: MetricName | Metric;
  /**
   * Seed of the folds, initial weights, dropout masks and shuffling. Trials with the same seed
   * get the same folds and random streams, so their scores differ by their parameters only.
   * @defaultValue a random seed, recorded as the `seed` user attribute
   */
  seed?: Seed;
  /** Off by default: every fold trains for its full `epochs` and is scored at the last one. */
  earlyStopping?: EarlyStopping;
  /** Report each epoch's validation metric and stop when the trial's pruner says so. @defaultValue true */
  pruning?: boolean;
  /** Stratify the folds by class (classification). @defaultValue true */
  stratify?: boolean;
  /** Standardize features with training-fold statistics. @defaultValue true */
  standardize?: boolean;
  /** Batch size for builders that return none. @defaultValue 32 */
  batchSize?: number;
  /** Epochs for builders that return none. @defaultValue 20 */
  epochs?: number;
  /** @defaultValue 'wasm' ('cpu' is a benchmark baseline) */
  backend?: TfjsBackend;
}

/** The score of one trial. */
export interface TrainResult {
  /** Mean over folds of the validation metric at the scored epoch. */
  readonly mean: number;
  /** Population standard deviation over folds (0 for hold-out), as scikit-learn's `std_test_score`. */
  readonly std: number;
  readonly foldScores: readonly number[];
  /** The scored epoch (0-based): the last, or the best with early stopping. */
  readonly epoch: number;
  readonly epochsRun: number;
  readonly metric: string;
  readonly direction: 'minimize' | 'maximize';
  /** The MLP configuration, when `model` is an MLP space. */
  readonly params?: MlpParams;
}

const TAG_SPLIT = 1;
const TAG_MODEL = 2;
const TAG_SHUFFLE = 3;

/**
 * Trains the trial's model on every fold (in lockstep, one epoch at a time) and scores it on the
 * held-out rows. After each epoch the mean validation metric over folds goes to
 * `trial.report(value, epoch)`; if `trial.shouldPrune()` then says so, every tensor is released
 * and `TrialPruned` is thrown. Training runs on the tfjs `wasm` backend (asserted). Every
 * tensor, model and optimizer created is disposed before this returns or throws.
 *
 * @param trial - a study trial (or anything with the suggest methods).
 * @param options - data, model, scoring, metric, seed...
 * @returns the mean and standard deviation of the metric over folds, also recorded as user
 *   attributes when the trial supports them.
 * @throws TrialPruned when the pruner stops the trial; RangeError/TypeError on invalid options
 *   or a model that does not fit the data; BonitoError when the wasm backend cannot start.
 * @example
 * ```ts
 * const data = loadIris();
 * await study.optimize(async (trial) => {
 *   const r = await trainAndScore(trial, { data, model: { layers: { low: 1, high: 2 } }, scoring: { kFold: 5 }, seed: 1 });
 *   return r.mean; // accuracy: create the study with direction 'maximize'
 * }, { nTrials: 30 });
 * ```
 */
export async function trainAndScore(trial: TrainerTrial, options: TrainOptions): Promise<TrainResult> {
  const { data } = options;
  checkData('trainAndScore', data);
  const metric = resolveMetric(options.metric, data.task);
  const seed = options.seed === undefined ? randomSeed() : checkSeed('trainAndScore', options.seed);
  const early = checkEarlyStopping(options.earlyStopping);
  await setTfjsBackend(options.backend ?? 'wasm');

  const folds = makeFolds(data, options.scoring ?? 'holdout', deriveSeed(seed, TAG_SPLIT), options.stratify ?? true);
  const { builder, params } = resolveBuilder(trial, options.model ?? {});
  const runs: FoldRun[] = [];
  const history: number[][] = [];
  let scored = -1;
  try {
    for (const [f, fold] of folds.entries()) {
      const modelRng = Rng.derive(seed, TAG_MODEL, f);
      const context = modelContext(data, f, deriveSeed(seed, TAG_MODEL, f), modelRng);
      runs.push(
        createFoldRun({
          data,
          train: fold.train,
          built: asBuilt(builder(trial, context)),
          shuffle: Rng.derive(seed, TAG_SHUFFLE, f),
          standardize: options.standardize ?? true,
          defaultBatchSize: options.batchSize ?? 32,
          defaultEpochs: options.epochs ?? 20,
        }),
      );
    }
    const epochs = runs[0].epochs;
    if (runs.some((r) => r.epochs !== epochs))
      throw new RangeError('trainAndScore: every fold must train for the same `epochs` but the builder returned different values.');
    const validation = folds.map((fold) => takeRows(data, fold.validation));
    const better = (a: number, b: number) => (metric.direction === 'maximize' ? a > b + early.minDelta : a < b - early.minDelta);
    for (let epoch = 0; epoch < epochs; epoch++) {
      const scores: number[] = [];
      for (const [f, run] of runs.entries()) {
        await fitEpoch(run);
        scores.push(metric.compute(validation[f].y, await predictRows(run, validation[f].x), run.outputs));
      }
      history.push(scores);
      const mean = average(scores);
      if ((options.pruning ?? true) && typeof trial.report === 'function') {
        trial.report(mean, epoch);
        if (trial.shouldPrune?.() === true) {
          throw new TrialPruned(`trainAndScore: pruned at epoch ${epoch} with ${metric.name} ${mean}.`);
        }
      }
      if (!early.on) scored = epoch;
      else if (scored < 0 || better(mean, average(history[scored]))) scored = epoch;
      if (Number.isNaN(mean) || (early.on && epoch - scored >= early.patience)) break;
    }
  } finally {
    for (const run of runs) disposeFoldRun(run);
  }

  const foldScores = history[scored] ?? history[history.length - 1];
  const mean = average(foldScores);
  const result: TrainResult = {
    mean,
    std: Math.sqrt(average(foldScores.map((s) => (s - mean) ** 2))),
    foldScores,
    epoch: Math.max(scored, 0),
    epochsRun: history.length,
    metric: metric.name,
    direction: metric.direction,
    ...(params && { params }),
  };
  if (typeof trial.setUserAttr === 'function') {
    trial.setUserAttr('cv_mean', result.mean);
    trial.setUserAttr('cv_std', result.std);
    trial.setUserAttr('cv_scores', [...foldScores]);
    trial.setUserAttr('epoch', result.epoch);
    trial.setUserAttr('epochs_run', result.epochsRun);
    trial.setUserAttr('metric', metric.name);
    trial.setUserAttr('seed', seedToJson(seed));
  }
  return result;
}

/**
 * The model builder for an MLP space (suggesting once, then building one model per fold) or
 * the user's builder as given.
 * @internal
 */
export function resolveBuilder(trial: SuggestingTrial, model: MlpSpace | ModelBuilder): { builder: ModelBuilder; params?: MlpParams } {
  if (typeof model === 'function') return { builder: model };
  if (typeof model !== 'object' || model === null) {
    throw new TypeError(`trainAndScore: \`model\` must be an MLP space object or a builder function but got ${describeValue(model)}.`);
  }
  const params = suggestMlp(trial, model);
  const builder: ModelBuilder = (_trial, ctx) => ({
    model: buildMlp(params, { inputDim: ctx.inputDim, task: ctx.task, outputUnits: ctx.outputUnits, seed: ctx.seed }),
    batchSize: params.batchSize,
    epochs: params.epochs,
  });
  return { builder, params };
}

/** @internal */
export function modelContext(data: Dataset, fold: number, seed: bigint, rng: Rng): ModelContext {
  return {
    inputDim: data.d,
    outputUnits: data.task === 'classification' ? classCount(data) : 1,
    task: data.task,
    fold,
    seed,
    nextSeed: () => rng.integers(1, 0, 2 ** 31)[0],
  };
}

/** @internal */
export function asBuilt(value: tf.LayersModel | BuiltModel): BuiltModel {
  return value instanceof tf.LayersModel ? { model: value } : value;
}

function makeFolds(data: Dataset, scoring: Scoring, seed: bigint, stratify: boolean): Fold[] {
  const labels = stratify && data.task === 'classification' ? data.y : undefined;
  if (scoring === 'holdout') return [holdoutSplit(data.n, { seed, labels })];
  if (typeof scoring === 'object' && scoring !== null && 'kFold' in scoring) return kFoldSplit(data.n, scoring.kFold, { seed, labels });
  if (typeof scoring === 'object' && scoring !== null && 'holdout' in scoring) {
    return [holdoutSplit(data.n, { seed, labels, validationFraction: scoring.holdout })];
  }
  throw new TypeError(
    `trainAndScore: \`scoring\` must be 'holdout', { holdout: fraction } or { kFold: k } but got ${describeValue(scoring)}.`,
  );
}

/** @internal */
export function checkData(where: string, data: unknown): asserts data is Dataset {
  const d = data as Dataset | undefined;
  if (
    typeof d !== 'object' ||
    d === null ||
    !(d.x instanceof Float32Array) ||
    !(d.y instanceof Float32Array) ||
    !Number.isSafeInteger(d.n)
  ) {
    throw new TypeError(`${where}: \`data\` must be a Dataset (see createDataset, loadIris) but got ${d === null ? 'null' : typeof d}.`);
  }
}

function checkEarlyStopping(e: EarlyStopping | undefined): { on: boolean; patience: number; minDelta: number } {
  if (e === undefined) return { on: false, patience: 0, minDelta: 0 };
  if (!Number.isSafeInteger(e.patience) || e.patience < 1) {
    throw new RangeError(`trainAndScore: \`earlyStopping.patience\` must be a positive integer but got ${e.patience}.`);
  }
  const minDelta = e.minDelta ?? 0;
  if (!(minDelta >= 0)) throw new RangeError(`trainAndScore: \`earlyStopping.minDelta\` must be >= 0 but got ${minDelta}.`);
  return { on: true, patience: e.patience, minDelta };
}

function average(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0) / values.length;
}
