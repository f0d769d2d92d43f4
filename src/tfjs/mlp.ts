import * as tf from '@tensorflow/tfjs';
import { Rng, type Seed } from '../core/rng.js';
import type { SuggestingTrial } from '../trial/index.js';
import type { Task } from '../data/dataset.js';
import { SeededDropout } from './dropout.js';
import { createOptimizer, OPTIMIZER_NAMES, type OptimizerName } from './optimizer.js';
import { describeValue } from '../errors.js';

/**
 * The suggest methods of bonito's `Trial`: all a model space needs, so a study's trial, a
 * `FixedTrial` or a hand-written stand-in fits. Another name for `SuggestingTrial`, kept for
 * code that imported it from `bonito/tfjs`.
 */
export type SuggestTrial = SuggestingTrial;

/** A numeric range to suggest from (`suggestInt`/`suggestFloat` arguments). */
export interface NumericRange {
  low: number;
  high: number;
  log?: boolean;
  step?: number;
}

/** A numeric hyperparameter: a fixed number, a range, or a list of choices (categorical). */
export type NumericSpec = number | NumericRange | readonly number[];

/** A categorical hyperparameter: one fixed value or a list of choices. */
export type ChoiceSpec<T extends string> = T | readonly T[];

/** Hidden-layer activations the MLP space allows. */
export type MlpActivation = 'relu' | 'elu' | 'selu' | 'tanh' | 'sigmoid' | 'softplus' | 'swish' | 'gelu';

const ACTIVATIONS: readonly MlpActivation[] = ['relu', 'elu', 'selu', 'tanh', 'sigmoid', 'softplus', 'swish', 'gelu'];

/**
 * The MLP search space: each entry fixes a hyperparameter (a plain value), narrows it (a
 * range or a shorter list) or, when omitted, uses the default below. Parameter names in the
 * study are the snake_case names given.
 */
export interface MlpSpace {
  /** `layers`: number of hidden layers. @defaultValue `{ low: 1, high: 3 }` */
  layers?: NumericSpec;
  /** `units_0`, `units_1`, ...: units of hidden layer i (only for i < layers). @defaultValue `{ low: 8, high: 128, log: true }` */
  units?: NumericSpec;
  /** `activation` of the hidden layers. @defaultValue `['relu', 'tanh', 'elu']` */
  activation?: ChoiceSpec<MlpActivation>;
  /** `dropout` rate after each hidden layer, in [0, 1). @defaultValue `{ low: 0, high: 0.5 }` */
  dropout?: NumericSpec;
  /** `l1` kernel penalty. @defaultValue `{ low: 1e-7, high: 1e-2, log: true }` */
  l1?: NumericSpec;
  /** `l2` kernel penalty. @defaultValue `{ low: 1e-7, high: 1e-2, log: true }` */
  l2?: NumericSpec;
  /** `weight_decay`: decoupled weight decay (AdamW-style). @defaultValue `{ low: 1e-6, high: 1e-1, log: true }` */
  weightDecay?: NumericSpec;
  /** `learning_rate`. @defaultValue `{ low: 1e-4, high: 1e-1, log: true }` */
  learningRate?: NumericSpec;
  /** `optimizer`. @defaultValue `['adam', 'sgd', 'rmsprop']` */
  optimizer?: ChoiceSpec<OptimizerName>;
  /** `batch_size`. @defaultValue `[16, 32, 64, 128]` */
  batchSize?: NumericSpec;
  /** `epochs`. @defaultValue `{ low: 10, high: 60 }` */
  epochs?: NumericSpec;
}

/** One point of the MLP space: everything needed to build and train the model. */
export interface MlpParams {
  layers: number;
  /** Units of each hidden layer (length `layers`). */
  units: number[];
  activation: MlpActivation;
  dropout: number;
  l1: number;
  l2: number;
  weightDecay: number;
  learningRate: number;
  optimizer: OptimizerName;
  batchSize: number;
  epochs: number;
}

/** The defaults of {@link MlpSpace}. */
export const DEFAULT_MLP_SPACE: Readonly<Required<MlpSpace>> = Object.freeze<Required<MlpSpace>>({
  layers: { low: 1, high: 3 },
  units: { low: 8, high: 128, log: true },
  activation: ['relu', 'tanh', 'elu'],
  dropout: { low: 0, high: 0.5 },
  l1: { low: 1e-7, high: 1e-2, log: true },
  l2: { low: 1e-7, high: 1e-2, log: true },
  weightDecay: { low: 1e-6, high: 1e-1, log: true },
  learningRate: { low: 1e-4, high: 1e-1, log: true },
  optimizer: ['adam', 'sgd', 'rmsprop'],
  batchSize: [16, 32, 64, 128],
  epochs: { low: 10, high: 60 },
});

/**
 * Suggests one MLP configuration from `trial` (define-by-run: `units_i` exists only for the
 * layers this trial has). Fixed entries are not suggested, so they do not appear in the study's
 * parameters.
 *
 * @param trial - anything with `suggestInt`, `suggestFloat` and `suggestCategorical`.
 * @param space - fixed values and narrowed ranges; omitted entries use {@link DEFAULT_MLP_SPACE}.
 * @returns the configuration.
 * @throws RangeError/TypeError when an entry is invalid (a fractional integer, a dropout ≥ 1,
 *   an unknown activation or optimizer), or what the trial throws.
 * @example
 * ```ts
 * const p = suggestMlp(trial, { layers: { low: 1, high: 2 }, optimizer: 'adam', epochs: 30 });
 * ```
 */
export function suggestMlp(trial: SuggestingTrial, space: MlpSpace = {}): MlpParams {
  const s = { ...DEFAULT_MLP_SPACE, ...stripUndefined(space) };
  const layers = suggestNumber(trial, 'layers', s.layers, 'int', 1);
  const units = Array.from({ length: layers }, (_, i) => suggestNumber(trial, `units_${i}`, s.units, 'int', 1));
  const activation = suggestChoice(trial, 'activation', s.activation, ACTIVATIONS);
  const dropout = suggestNumber(trial, 'dropout', s.dropout, 'float', 0);
  if (dropout >= 1) throw new RangeError(`suggestMlp: \`dropout\` must be below 1 but got ${dropout}.`);
  return {
    layers,
    units,
    activation,
    dropout,
    l1: suggestNumber(trial, 'l1', s.l1, 'float', 0),
    l2: suggestNumber(trial, 'l2', s.l2, 'float', 0),
    weightDecay: suggestNumber(trial, 'weight_decay', s.weightDecay, 'float', 0),
    learningRate: suggestNumber(trial, 'learning_rate', s.learningRate, 'float', Number.MIN_VALUE),
    optimizer: suggestChoice(trial, 'optimizer', s.optimizer, OPTIMIZER_NAMES),
    batchSize: suggestNumber(trial, 'batch_size', s.batchSize, 'int', 1),
    epochs: suggestNumber(trial, 'epochs', s.epochs, 'int', 1),
  };
}

/** Shape and seed of the model {@link buildMlp} makes. */
export interface MlpShape {
  /** Number of input features. */
  inputDim: number;
  task: Task;
  /** Output units: the number of classes (softmax) or 1 (linear). @defaultValue 1 for regression */
  outputUnits?: number;
  /** Seed of the initial weights and dropout masks. */
  seed: Seed;
}

/**
 * Builds and compiles the MLP of `params`: Dense hidden layers (Glorot-uniform kernels, zero
 * biases, L1/L2 kernel penalties) each followed by a {@link SeededDropout}, then a softmax
 * (classification, categorical cross-entropy) or linear (regression, mean squared error)
 * output. Every random initial value and mask comes from `seed`.
 *
 * @param params - the configuration (e.g. from {@link suggestMlp}).
 * @param shape - input size, task, output size and seed.
 * @returns a compiled model; its optimizer is not owned by it: dispose `model.optimizer` after
 *   `model.dispose()` (the trainer does).
 * @throws RangeError when a size is not a positive integer or the classification output has
 *   fewer than 2 units.
 * @example
 * ```ts
 * const model = buildMlp(suggestMlp(trial), { inputDim: 4, task: 'classification', outputUnits: 3, seed: 1 });
 * ```
 */
export function buildMlp(params: MlpParams, shape: MlpShape): tf.LayersModel {
  const outputUnits = shape.outputUnits ?? 1;
  checkPositiveInt('inputDim', shape.inputDim);
  checkPositiveInt('outputUnits', outputUnits);
  if (shape.task === 'classification' && outputUnits < 2) {
    throw new RangeError(`buildMlp: \`outputUnits\` must be >= 2 for classification but got ${outputUnits}.`);
  }
  params.units.forEach((u) => checkPositiveInt('units', u));
  // 31-bit seeds: tfjs hashes a seed's decimal string, and these print and serialise plainly.
  const seeds = new Rng(shape.seed).integers(2 * params.units.length + 1, 0, 2 ** 31);
  const regularizer = params.l1 > 0 || params.l2 > 0 ? tf.regularizers.l1l2({ l1: params.l1, l2: params.l2 }) : undefined;
  const model = tf.sequential();
  params.units.forEach((units, i) => {
    model.add(
      tf.layers.dense({
        units,
        activation: params.activation,
        inputShape: i === 0 ? [shape.inputDim] : undefined,
        kernelInitializer: tf.initializers.glorotUniform({ seed: seeds[2 * i] }),
        kernelRegularizer: regularizer,
      }),
    );
    if (params.dropout > 0) model.add(new SeededDropout({ rate: params.dropout, seed: seeds[2 * i + 1] }));
  });
  const classify = shape.task === 'classification';
  model.add(
    tf.layers.dense({
      units: outputUnits,
      activation: classify ? 'softmax' : 'linear',
      inputShape: params.units.length === 0 ? [shape.inputDim] : undefined,
      kernelInitializer: tf.initializers.glorotUniform({ seed: seeds[2 * params.units.length] }),
    }),
  );
  model.compile({
    optimizer: createOptimizer(params.optimizer, params.learningRate, params.weightDecay),
    loss: classify ? 'categoricalCrossentropy' : 'meanSquaredError',
  });
  return model;
}

function suggestNumber(trial: SuggestingTrial, name: string, spec: NumericSpec, kind: 'int' | 'float', min: number): number {
  const where = `suggestMlp: \`${name}\``;
  let value: number;
  if (typeof spec === 'number') value = spec;
  else if (Array.isArray(spec)) value = trial.suggestCategorical(name, spec as readonly number[]);
  else if (typeof spec === 'object' && spec !== null) {
    const { low, high, log, step } = spec as NumericRange;
    const opts = { ...(log !== undefined && { log }), ...(step !== undefined && { step }) };
    value = kind === 'int' ? trial.suggestInt(name, low, high, opts) : trial.suggestFloat(name, low, high, opts);
  } else {
    throw new TypeError(`${where} must be a number, a { low, high } range or a list of numbers but got ${describeValue(spec)}.`);
  }
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || (kind === 'int' && !Number.isInteger(value))) {
    throw new RangeError(`${where} must be ${kind === 'int' ? 'an integer' : 'a number'} >= ${min} but got ${describeValue(value)}.`);
  }
  return value;
}

function suggestChoice<T extends string>(trial: SuggestingTrial, name: string, spec: ChoiceSpec<T>, allowed: readonly T[]): T {
  const choices: readonly T[] = typeof spec === 'string' ? [spec] : spec;
  for (const c of choices) {
    if (!allowed.includes(c))
      throw new TypeError(`suggestMlp: \`${name}\` must be among ${allowed.join(', ')} but got ${describeValue(c)}.`);
  }
  if (choices.length === 0) throw new RangeError(`suggestMlp: \`${name}\` must list at least one choice but got none.`);
  return typeof spec === 'string' ? spec : trial.suggestCategorical(name, choices);
}

function checkPositiveInt(name: string, v: number): void {
  if (!Number.isSafeInteger(v) || v < 1) throw new RangeError(`buildMlp: \`${name}\` must be a positive integer but got ${v}.`);
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
