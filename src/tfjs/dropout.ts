import * as tf from '@tensorflow/tfjs';

/** Configuration of {@link SeededDropout}. */
export interface SeededDropoutConfig {
  /** Fraction of the inputs set to zero during training, in [0, 1). */
  rate: number;
  /** Seed of the first training step's mask; step t uses seed + t. */
  seed: number;
  name?: string;
}

/**
 * Dropout whose masks are reproducible and still change at every training step.
 *
 * tfjs's own `tf.layers.dropout({ seed })` seeds every call with the same value, so it drops
 * the same units at every step: a fixed sub-network instead of dropout. Leaving it unseeded
 * draws from `Math.random`. This layer counts its training calls and seeds call t with
 * `seed + t`: the same seed and step sequence give the same masks, and consecutive steps
 * differ. At inference (`training` not true) it is the identity.
 *
 * @example
 * ```ts
 * model.add(new SeededDropout({ rate: 0.2, seed: 12345 }));
 * ```
 */
export class SeededDropout extends tf.layers.Layer {
  /** Registered name, so models holding this layer can be saved and loaded. */
  static readonly className = 'BonitoSeededDropout';
  readonly rate: number;
  readonly seed: number;
  #calls = 0;

  /**
   * @param config - rate and seed.
   * @throws RangeError when `rate` is outside [0, 1) or `seed` is not a safe integer.
   */
  constructor(config: SeededDropoutConfig) {
    super({ name: config.name });
    if (!(config.rate >= 0 && config.rate < 1)) throw new RangeError(`SeededDropout: \`rate\` must be in [0, 1) but got ${config.rate}.`);
    if (!Number.isSafeInteger(config.seed)) throw new RangeError(`SeededDropout: \`seed\` must be a safe integer but got ${config.seed}.`);
    this.rate = config.rate;
    this.seed = config.seed;
    this.supportsMasking = true;
  }

  /** Number of training steps (masks drawn) so far. */
  get steps(): number {
    return this.#calls;
  }

  override call(inputs: tf.Tensor | tf.Tensor[], kwargs: Record<string, unknown>): tf.Tensor {
    const input = Array.isArray(inputs) ? inputs[0] : inputs;
    if (kwargs.training !== true || this.rate === 0) return tf.clone(input);
    const seed = this.seed + this.#calls++;
    return tf.tidy(() => tf.dropout(input, this.rate, undefined, seed));
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape | tf.Shape[] {
    return inputShape;
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), rate: this.rate, seed: this.seed };
  }
}

tf.serialization.registerClass(SeededDropout);
