// Central finite differences, the oracle for every analytic gradient in the tests.

/**
 * ∂f/∂x_j by the central difference (f(x + h e_j) − f(x − h e_j)) / 2h for every j, with a step
 * relative to |x_j| (truncation error O(h²), rounding O(ε/h): h ≈ ε^⅓ balances them).
 */
export function centralDifference(f: (x: number[]) => number, x: ArrayLike<number>, step = 1e-5): number[] {
  const base = Array.from(x);
  return base.map((xj, j) => {
    const h = step * Math.max(1, Math.abs(xj));
    const plus = base.slice();
    const minus = base.slice();
    plus[j] = xj + h;
    minus[j] = xj - h;
    return (f(plus) - f(minus)) / (plus[j] - minus[j]);
  });
}

/** Largest |a_i − b_i| / max(1, |b_i|): a relative error that degrades to absolute near 0. */
export function maxRelativeError(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let worst = 0;
  for (let i = 0; i < b.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]) / Math.max(1, Math.abs(b[i])));
  return worst;
}
