import type * as tf from '@tensorflow/tfjs';
import { checkSeed, deriveSeed, randomSeed, Rng, type Seed } from '../core/rng.js';
import { setTfjsBackend, type TfjsBackend } from './backend.js';
import type { Dataset } from '../data/dataset.js';
import { createFoldRun, disposeFoldRun, fitEpoch, predictRows, type FoldRun } from './fold-run.js';
import type { SuggestingTrial } from '../trial/index.js';
import type { MlpSpace } from './mlp.js';
import { asBuilt, checkData, modelContext, resolveBuilder, type ModelBuilder } from './trainer.js';

// Streams of the final model, apart from the trainer's per-fold tags (1-3).
const TAG_FINAL_MODEL = 4;
const TAG_FINAL_SHUFFLE = 5;

/** A model trained on all rows, with the standardization it was trained with. */
export interface FittedModel {
  /** The trained model (its inputs are standardized features: use `predict` for raw rows). */
  readonly model: tf.LayersModel;
  readonly task: Dataset['task'];
  /** Epochs trained. */
  readonly epochs: number;
  /**
   * Predictions for raw feature rows: class probabilities (`classes` per row) or target values.
   * @param x - rows as arrays, or flat row-major.
   */
  predict(x: readonly (readonly number[])[] | Float32Array): Promise<Float32Array>;
  /** Releases the model, its optimizer and its tensors. */
  dispose(): void;
}

/** Options of {@link trainFinalModel}. */
export interface FinalModelOptions {
  data: Dataset;
  /** The same model definition the search used. @defaultValue `{}` */
  model?: MlpSpace | ModelBuilder;
  seed?: Seed;
  /** Train for this many epochs instead of the configuration's own (e.g. the best epoch + 1). */
  epochs?: number;
  /** @defaultValue true */
  standardize?: boolean;
  /** For builders that return none. @defaultValue 32 */
  batchSize?: number;
  /** @defaultValue 'wasm' */
  backend?: TfjsBackend;
}

/**
 * Trains the trial's model on every row of `data` (no validation), with the same seeded
 * initial weights, dropout and shuffling scheme as the trainer, and returns it ready to predict.
 * The caller owns the result: call `dispose()` when done.
 *
 * @param trial - typically `new FixedTrial(study.bestParams)`.
 * @param options - data, model definition, seed, epochs.
 * @returns the fitted model.
 * @throws what `trainAndScore` throws for an invalid model or options.
 * @example
 * ```ts
 * const fitted = await trainFinalModel(new FixedTrial(study.bestParams!), { data: iris, model: space, seed: 1 });
 * const probabilities = await fitted.predict([[5.1, 3.5, 1.4, 0.2]]);
 * fitted.dispose();
 * ```
 */
export async function trainFinalModel(trial: SuggestingTrial, options: FinalModelOptions): Promise<FittedModel> {
  const { data } = options;
  checkData('trainFinalModel', data);
  const seed = options.seed === undefined ? randomSeed() : checkSeed('trainFinalModel', options.seed);
  if (options.epochs !== undefined && (!Number.isSafeInteger(options.epochs) || options.epochs < 1)) {
    throw new RangeError(`trainFinalModel: \`epochs\` must be a positive integer but got ${options.epochs}.`);
  }
  await setTfjsBackend(options.backend ?? 'wasm');
  const { builder } = resolveBuilder(trial, options.model ?? {});
  const rows = Uint32Array.from({ length: data.n }, (_, i) => i);
  const run: FoldRun = createFoldRun({
    data,
    train: rows,
    built: asBuilt(builder(trial, modelContext(data, 0, deriveSeed(seed, TAG_FINAL_MODEL), Rng.derive(seed, TAG_FINAL_MODEL)))),
    shuffle: Rng.derive(seed, TAG_FINAL_SHUFFLE),
    standardize: options.standardize ?? true,
    defaultBatchSize: options.batchSize ?? 32,
    defaultEpochs: 20,
  });
  const epochs = options.epochs ?? run.epochs;
  try {
    for (let e = 0; e < epochs; e++) await fitEpoch(run);
  } catch (error) {
    disposeFoldRun(run);
    throw error;
  }
  return {
    model: run.model,
    task: data.task,
    epochs,
    predict: (x) => predictRows(run, flatRows(x, data.d)),
    dispose: () => disposeFoldRun(run),
  };
}

function flatRows(x: readonly (readonly number[])[] | Float32Array, d: number): Float32Array {
  if (x instanceof Float32Array) {
    if (x.length % d !== 0)
      throw new RangeError(`FittedModel.predict: \`x\` must hold whole rows of ${d} features but got ${x.length} values.`);
    return x;
  }
  const out = new Float32Array(x.length * d);
  x.forEach((row, i) => {
    if (row.length !== d) throw new RangeError(`FittedModel.predict: every row must have ${d} features but row ${i} has ${row.length}.`);
    out.set(row, i * d);
  });
  return out;
}
