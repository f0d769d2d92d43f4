/**
 * Centered L2 discrepancy of a point set in [0, 1)^d (Hickernell 1998, "A generalized discrepancy
 * and quadrature error bound", Math. Comp. 67): lower means more evenly spread. It is the measure
 * scipy.stats.qmc.discrepancy(method='CD') computes, squared.
 *
 * CD² = (13/12)^d − (2/n) Σ_i Π_k (1 + |x_ik − ½|/2 − |x_ik − ½|²/2)
 *       + (1/n²) Σ_i Σ_j Π_k (1 + |x_ik − ½|/2 + |x_jk − ½|/2 − |x_ik − x_jk|/2)
 *
 * O(n²·d): meant for the few thousand points of a sampler comparison.
 *
 * @param points - n·d values, row-major.
 * @param d - dimension.
 * @returns the squared centered L2 discrepancy.
 * @throws RangeError when `d` is not a positive integer dividing `points.length`, or a value lies outside [0, 1].
 * @example
 * ```ts
 * centeredDiscrepancy(new Sobol(2, { seed: 1 }).random(64), 2);
 * ```
 */
export function centeredDiscrepancy(points: ArrayLike<number>, d: number): number {
  if (!Number.isInteger(d) || d < 1 || points.length % d !== 0 || points.length === 0) {
    throw new RangeError(`centeredDiscrepancy: \`d\` must be a positive integer dividing points.length (${points.length}) but got ${d}.`);
  }
  const n = points.length / d;
  const centred = new Float64Array(points.length);
  for (let i = 0; i < points.length; i++) {
    const x = points[i];
    if (!(x >= 0 && x <= 1)) throw new RangeError(`centeredDiscrepancy: every value must lie in [0, 1] but got ${x} at index ${i}.`);
    centred[i] = Math.abs(x - 0.5);
  }
  let single = 0;
  for (let i = 0; i < n; i++) {
    let prod = 1;
    for (let k = 0; k < d; k++) {
      const c = centred[i * d + k];
      prod *= 1 + c / 2 - (c * c) / 2;
    }
    single += prod;
  }
  let pairs = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      let prod = 1;
      for (let k = 0; k < d; k++) {
        const a = i * d + k;
        const b = j * d + k;
        prod *= 1 + centred[a] / 2 + centred[b] / 2 - Math.abs(points[a] - points[b]) / 2;
      }
      pairs += prod;
    }
  }
  return (13 / 12) ** d - (2 / n) * single + pairs / (n * n);
}
