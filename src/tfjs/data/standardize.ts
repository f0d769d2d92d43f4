/**
 * Per-feature mean and scale estimated on training rows, applied to any rows: fitting on the
 * training fold only keeps validation rows from leaking into the model (the statistics would
 * otherwise carry information about them).
 */
export interface Standardizer {
  /** Per-feature mean of the training rows. */
  readonly mean: Float64Array;
  /** Per-feature population standard deviation of the training rows (1 where it is 0). */
  readonly scale: Float64Array;
  /** `(x - mean) / scale` for flat row-major rows of `mean.length` features, as a new array. */
  transform(x: Float32Array): Float32Array;
}

/**
 * Fits a {@link Standardizer} on the rows `rows` of a flat row-major feature array.
 *
 * @param x - features, row-major, `d` per row.
 * @param d - number of features.
 * @param rows - the training rows (default: all).
 * @returns the fitted standardizer; a constant feature gets scale 1 (it is only centred).
 * @throws RangeError when there are no rows or `x` does not hold whole rows of `d`.
 * @example
 * ```ts
 * const s = fitStandardizer(data.x, data.d, fold.train);
 * const xTrain = s.transform(takeRows(data, fold.train).x);
 * ```
 */
export function fitStandardizer(x: Float32Array, d: number, rows?: ArrayLike<number>): Standardizer {
  if (!Number.isSafeInteger(d) || d < 1 || x.length % d !== 0) {
    throw new RangeError(`fitStandardizer: \`x\` must hold whole rows of d = ${d} features but got ${x.length} values.`);
  }
  const n = rows?.length ?? x.length / d;
  if (n === 0) throw new RangeError('fitStandardizer: `rows` must not be empty but got 0 rows.');
  const row = (i: number) => (rows === undefined ? i : rows[i]) * d;
  const mean = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let j = 0, at = row(i); j < d; j++) mean[j] += x[at + j];
  for (let j = 0; j < d; j++) mean[j] /= n;
  // Two passes (mean first, then squared deviations) rather than E[x²] − E[x]², which cancels.
  const scale = new Float64Array(d);
  for (let i = 0; i < n; i++) {
    for (let j = 0, at = row(i); j < d; j++) scale[j] += (x[at + j] - mean[j]) ** 2;
  }
  for (let j = 0; j < d; j++) scale[j] = Math.sqrt(scale[j] / n) || 1;
  return {
    mean,
    scale,
    transform(values: Float32Array): Float32Array {
      if (values.length % d !== 0) {
        throw new RangeError(`Standardizer.transform: \`x\` must hold whole rows of ${d} features but got ${values.length} values.`);
      }
      const out = new Float32Array(values.length);
      for (let i = 0; i < values.length; i++) out[i] = (values[i] - mean[i % d]) / scale[i % d];
      return out;
    },
  };
}
