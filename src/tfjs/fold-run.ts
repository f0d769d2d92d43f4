// One model trained on one fold: tensors, seeded shuffling, prediction and disposal. Internal to
// the trainer and the refit helpers; every tensor created here is disposed by disposeFoldRun.
import * as tf from '@tensorflow/tfjs';
import type { Rng } from '../core/rng.js';
import { classCount, takeRows, type Dataset } from '../data/dataset.js';
import { permutation } from './data/split.js';
import { fitStandardizer, type Standardizer } from './data/standardize.js';
import { checkPositiveInteger } from '../validate.js';
import { describeValue } from '../errors.js';

/** What a model builder returns: the model and, optionally, how to train it. */
export interface BuiltModel {
  model: tf.LayersModel;
  batchSize?: number;
  epochs?: number;
}

/** A trained (or training) model with the preprocessing of its fold. */
export interface FoldRun {
  readonly model: tf.LayersModel;
  readonly batchSize: number;
  readonly epochs: number;
  /** Outputs per row: classes, or 1. */
  readonly outputs: number;
  readonly standardizer: Standardizer | null;
  /** Regression targets are trained as (y − mean) / scale; predictions are mapped back. */
  readonly target: { readonly mean: number; readonly scale: number } | null;
  readonly xTrain: tf.Tensor2D;
  readonly yTrain: tf.Tensor2D;
  readonly shuffle: Rng;
  /** Disposed with the run. */
  readonly owned: tf.Tensor[];
}

/** @internal */
export interface FoldRunOptions {
  data: Dataset;
  train: ArrayLike<number>;
  built: BuiltModel;
  shuffle: Rng;
  standardize: boolean;
  defaultBatchSize: number;
  defaultEpochs: number;
}

/**
 * Prepares a fold: standardization fitted on its training rows only, training tensors, and the
 * model (compiled with Adam and the task's loss if the builder left it uncompiled).
 * @internal
 */
export function createFoldRun(o: FoldRunOptions): FoldRun {
  const { data, built } = o;
  const outputs = data.task === 'classification' ? classCount(data) : 1;
  const { model } = built;
  let batchSize: number;
  let epochs: number;
  try {
    checkModel(model, data.d, outputs);
    batchSize = checkCount('batchSize', built.batchSize ?? o.defaultBatchSize);
    epochs = checkCount('epochs', built.epochs ?? o.defaultEpochs);
    if (model.optimizer == null) {
      model.compile({
        optimizer: tf.train.adam(1e-3),
        loss: data.task === 'classification' ? 'categoricalCrossentropy' : 'meanSquaredError',
      });
    }
  } catch (error) {
    if (model instanceof tf.LayersModel) disposeModel(model);
    throw error;
  }
  const rows = takeRows(data, o.train);
  const standardizer = o.standardize ? fitStandardizer(data.x, data.d, o.train) : null;
  const x = standardizer ? standardizer.transform(rows.x) : rows.x;
  let target: FoldRun['target'] = null;
  let y: tf.Tensor2D;
  if (data.task === 'classification') {
    y = tf.tidy(() => tf.oneHot(tf.tensor1d(Int32Array.from(rows.y), 'int32'), outputs).toFloat() as tf.Tensor2D);
  } else {
    const s = fitStandardizer(rows.y, 1);
    target = { mean: s.mean[0], scale: s.scale[0] };
    y = tf.tensor2d(s.transform(rows.y), [rows.y.length, 1]);
  }
  const xTrain = tf.tensor2d(x, [o.train.length, data.d]);
  return {
    model,
    batchSize,
    epochs,
    outputs,
    standardizer,
    target,
    xTrain,
    yTrain: y,
    shuffle: o.shuffle,
    owned: [xTrain, y],
  };
}

/**
 * One epoch over the training rows in a fresh seeded order (tfjs's own `shuffle` uses
 * `Math.random`, so it is off).
 * @internal
 */
export async function fitEpoch(run: FoldRun): Promise<void> {
  const n = run.xTrain.shape[0];
  const order = tf.tensor1d(Int32Array.from(permutation(n, run.shuffle)), 'int32');
  const xs = tf.gather(run.xTrain, order);
  const ys = tf.gather(run.yTrain, order);
  try {
    await run.model.fit(xs, ys, { batchSize: run.batchSize, epochs: 1, shuffle: false, verbose: 0, yieldEvery: 'never' });
  } finally {
    tf.dispose([order, xs, ys]);
  }
}

/**
 * Predictions for raw (unstandardized) feature rows, in the data's units: class probabilities
 * (`outputs` per row) or regression values.
 * @internal
 */
export async function predictRows(run: FoldRun, x: Float32Array): Promise<Float32Array> {
  const n = x.length / run.xTrain.shape[1];
  const input = tf.tensor2d(run.standardizer ? run.standardizer.transform(x) : x, [n, run.xTrain.shape[1]]);
  let out: tf.Tensor | undefined;
  try {
    out = run.model.predict(input, { batchSize: 4096 }) as tf.Tensor;
    const values = (await out.data()) as Float32Array;
    if (run.target !== null) for (let i = 0; i < values.length; i++) values[i] = values[i] * run.target.scale + run.target.mean;
    return values;
  } finally {
    tf.dispose([input, ...(out ? [out] : [])]);
  }
}

/** Disposes the run's tensors, its model and the model's optimizer. @internal */
export function disposeFoldRun(run: FoldRun): void {
  tf.dispose(run.owned);
  disposeModel(run.model);
}

/**
 * Disposes a model and its optimizer: `model.dispose()` disposes an optimizer only when the model
 * created it from a name, never an instance passed to `compile`.
 * @internal
 */
export function disposeModel(model: tf.LayersModel): void {
  const optimizer = model.optimizer as tf.Optimizer | undefined;
  const owned = (model as unknown as { isOptimizerOwned?: boolean }).isOptimizerOwned === true;
  model.dispose();
  if (optimizer != null && !owned) optimizer.dispose();
}

function checkModel(model: unknown, inputDim: number, outputs: number): asserts model is tf.LayersModel {
  if (!(model instanceof tf.LayersModel)) {
    throw new TypeError(`trainAndScore: the model builder must return a tf.LayersModel (or { model }) but got ${describeValue(model)}.`);
  }
  const inShape = model.inputs[0]?.shape;
  const outShape = model.outputs[0]?.shape;
  if (model.inputs.length !== 1 || inShape?.length !== 2 || inShape[1] !== inputDim) {
    throw new TypeError(
      `trainAndScore: the model must take one input of shape [null, ${inputDim}] but got ${JSON.stringify(model.inputs.map((t) => t.shape))}.`,
    );
  }
  if (model.outputs.length !== 1 || outShape?.length !== 2 || outShape[1] !== outputs) {
    throw new TypeError(
      `trainAndScore: the model must have one output of shape [null, ${outputs}] but got ${JSON.stringify(model.outputs.map((t) => t.shape))}.`,
    );
  }
}

function checkCount(name: string, v: number): number {
  return checkPositiveInteger('trainAndScore', name, v);
}
