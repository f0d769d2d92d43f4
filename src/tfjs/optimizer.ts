import * as tf from '@tensorflow/tfjs';
import { describeValue } from '../errors.js';

/** A named tensor as tfjs optimizers exchange them (`tf.NamedTensor` is not re-exported). */
type NamedTensor = { name: string; tensor: tf.Tensor };

/** The optimizers the MLP space chooses from. */
export type OptimizerName = 'adam' | 'sgd' | 'rmsprop';

/** All {@link OptimizerName}s. */
export const OPTIMIZER_NAMES: readonly OptimizerName[] = ['adam', 'sgd', 'rmsprop'];

/**
 * Decoupled weight decay (Loshchilov & Hutter, "Decoupled Weight Decay Regularization",
 * ICLR 2019, https://arxiv.org/abs/1711.05101) around any tfjs optimizer: before each update,
 * every decayed variable is shrunk by `1 − learningRate·weightDecay`, independently of the
 * gradient (unlike an L2 penalty, whose effect Adam rescales per weight). With Adam this is
 * AdamW as PyTorch defines it. Only kernels decay; biases do not.
 *
 * Disposing this optimizer disposes the wrapped one.
 *
 * @example
 * ```ts
 * const opt = new DecoupledWeightDecay(tf.train.adam(1e-3), 1e-3, 1e-2);
 * model.compile({ optimizer: opt, loss: 'meanSquaredError' });
 * ```
 */
export class DecoupledWeightDecay extends tf.Optimizer {
  static readonly className = 'BonitoDecoupledWeightDecay';
  readonly inner: tf.Optimizer;
  readonly learningRate: number;
  readonly weightDecay: number;
  readonly #decays: (variableName: string) => boolean;

  /**
   * @param inner - the optimizer that applies the gradients.
   * @param learningRate - its learning rate (the decay is scaled by it).
   * @param weightDecay - decay per unit of learning rate, ≥ 0.
   * @param decays - which variables decay. @defaultValue names ending in `kernel`
   * @throws RangeError when `learningRate · weightDecay` is not in [0, 1).
   */
  constructor(inner: tf.Optimizer, learningRate: number, weightDecay: number, decays: (variableName: string) => boolean = isKernel) {
    super();
    const shrink = learningRate * weightDecay;
    if (!(shrink >= 0 && shrink < 1)) {
      throw new RangeError(`DecoupledWeightDecay: \`learningRate * weightDecay\` must be in [0, 1) but got ${shrink}.`);
    }
    this.inner = inner;
    this.learningRate = learningRate;
    this.weightDecay = weightDecay;
    this.#decays = decays;
  }

  override applyGradients(variableGradients: tf.NamedTensorMap | NamedTensor[]): void {
    const names = Array.isArray(variableGradients) ? variableGradients.map((g) => g.name) : Object.keys(variableGradients);
    const keep = 1 - this.learningRate * this.weightDecay;
    if (keep !== 1) {
      tf.tidy(() => {
        const variables = tf.engine().registeredVariables;
        for (const name of names) {
          const v = variables[name];
          if (v !== undefined && this.#decays(name)) v.assign(tf.mul(v, keep));
        }
      });
    }
    this.inner.applyGradients(variableGradients);
  }

  override dispose(): void {
    this.inner.dispose();
    super.dispose();
  }

  override async getWeights(): Promise<NamedTensor[]> {
    return this.inner.getWeights();
  }

  override async setWeights(weightValues: NamedTensor[]): Promise<void> {
    return this.inner.setWeights(weightValues);
  }

  override get iterations(): number {
    return this.inner.iterations;
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { learningRate: this.learningRate, weightDecay: this.weightDecay, inner: this.inner.getClassName() };
  }
}

/**
 * A fresh optimizer, wrapped in {@link DecoupledWeightDecay} when `weightDecay` > 0.
 * @param name - `adam`, `sgd` or `rmsprop`.
 * @param learningRate - step size, > 0.
 * @param weightDecay - decoupled decay, ≥ 0. @defaultValue 0
 * @returns an optimizer the caller owns (dispose it after `model.dispose()`).
 * @throws TypeError on an unknown name; RangeError on a non-positive learning rate.
 * @example
 * ```ts
 * const opt = createOptimizer('adam', 1e-3, 1e-4);
 * ```
 */
export function createOptimizer(name: OptimizerName, learningRate: number, weightDecay = 0): tf.Optimizer {
  if (!(learningRate > 0 && Number.isFinite(learningRate))) {
    throw new RangeError(`createOptimizer: \`learningRate\` must be positive but got ${learningRate}.`);
  }
  if (!(weightDecay >= 0)) throw new RangeError(`createOptimizer: \`weightDecay\` must be >= 0 but got ${weightDecay}.`);
  let inner: tf.Optimizer;
  switch (name) {
    case 'adam':
      inner = tf.train.adam(learningRate);
      break;
    case 'sgd':
      inner = tf.train.sgd(learningRate);
      break;
    case 'rmsprop':
      inner = tf.train.rmsprop(learningRate);
      break;
    default:
      throw new TypeError(`createOptimizer: \`name\` must be one of ${OPTIMIZER_NAMES.join(', ')} but got ${describeValue(name)}.`);
  }
  return weightDecay > 0 ? new DecoupledWeightDecay(inner, learningRate, weightDecay) : inner;
}

function isKernel(name: string): boolean {
  return /kernel(_\d+)?$/.test(name);
}
