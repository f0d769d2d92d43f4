// Log expected hypervolume improvement (log-EHVI) of k independent Gaussian posteriors over a box
// decomposition of the region the current Pareto front does not dominate, with its gradient in x.
//
// Convention: MAXIMIZATION of every objective. The non-dominated region above the reference point
// is a union of disjoint boxes [l_b, u_b] (u_bj may be +∞), so the hypervolume a new point y adds is
//   HVI(y) = Σ_b Π_j clamp(min(y_j, u_bj) − l_bj, 0),
// and with Y_j ~ N(μ_j, v_j) independent, each factor's expectation is exact:
//   E[clamp(min(Y, u) − l, 0)] = ψ(l) − ψ(u),   ψ(t) = E[max(Y − t, 0)] = σ·h((μ − t)/σ),
// ψ being expected improvement over t (acquisition.ts; ψ(+∞) = 0). Hence, with no sampling,
//   log EHVI = log Σ_b exp(S_b),   S_b = Σ_j log(ψ_j(l_bj) − ψ_j(u_bj)),
//   log(ψ(l) − ψ(u)) = log ψ(l) + log1mexp(log ψ(l) − log ψ(u))      (no cancellation in the tail),
//   ∂/∂θ log(ψ(l) − ψ(u)) = (g_l − r·g_u)/(1 − r),   r = ψ(u)/ψ(l),   g = ∂ log ψ/∂θ, θ ∈ {μ, v},
// and ∇ log EHVI = Σ_b w_b ∇S_b with w_b = exp(S_b − log EHVI). Optuna 4.x estimates the same
// expectation by quasi-Monte Carlo over 128 normal samples; the closed form is exact and cheaper.
//
// Layout: each axis j has a sorted list of finite coordinates (the grid, `grid` from
// `gridStart[j]` to `gridStart[j+1]`); a box stores, per axis, the grid index of its lower and of
// its upper bound (−1: +∞), so ψ is computed once per grid coordinate and candidate.

import { logEIGrad } from './acquisition';
import { log1mexp } from './special';

/** f64 slots of workspace `ehvi_log` needs for a grid of `gridSize` coordinates and `boxes` boxes. */
export function ehvi_log_work(k: i32, gridSize: i32, boxes: i32): i32 {
  return 3 * gridSize + boxes * (1 + 2 * k) + 2 * k + 2;
}

/**
 * log EHVI at m candidates from the posteriors of k objectives: `mean`, `variance` (k × m,
 * objective-major, standardized maximization units) and, when `gradOut` != 0, their gradients in x
 * `gradMean`, `gradVar` (k × m × d). `grid` holds the coordinates of every axis (axis j from
 * gridStart[j] to gridStart[j+1], i32 offsets, k + 1 of them); `boxes` holds `nBoxes` rows of
 * 2k i32: for each axis the grid index (within the axis) of the lower and the upper bound, −1 for
 * an unbounded upper side. Writes log EHVI to `valueOut` (m) and its gradient to `gradOut` (m × d).
 * A candidate no box can improve gets −Infinity and a zero gradient.
 */
export function ehvi_log(
  k: i32, m: i32, d: i32, mean: usize, variance: usize, gradMean: usize, gradVar: usize,
  grid: usize, gridStart: usize, boxes: usize, nBoxes: i32, valueOut: usize, gradOut: usize, work: usize,
): void {
  const gridSize = load<i32>(gridStart + (<usize>k << 2));
  const logPsi = work; // per grid coordinate: log ψ, ∂/∂μ, ∂/∂v
  const dMu = logPsi + (<usize>gridSize << 3);
  const dV = dMu + (<usize>gridSize << 3);
  const sums = dV + (<usize>gridSize << 3); // S_b
  const boxGrad = sums + (<usize>nBoxes << 3); // per box and axis: ∂S_b/∂μ_j, ∂S_b/∂v_j
  const total = boxGrad + ((<usize>nBoxes * 2 * k) << 3); // per axis: Σ_b w_b ∂S_b/∂(μ_j, v_j)
  const slot = total + ((<usize>k * 2) << 3);
  const grads = gradOut != 0;
  for (let c = 0; c < m; c++) {
    for (let j = 0; j < k; j++) {
      const at = <usize>(j * m + c) << 3;
      const mu = load<f64>(mean + at);
      const v = load<f64>(variance + at);
      const g0 = load<i32>(gridStart + (<usize>j << 2));
      const g1 = load<i32>(gridStart + (<usize>(j + 1) << 2));
      for (let g = g0; g < g1; g++) {
        const o = <usize>g << 3;
        store<f64>(logPsi + o, logEIGrad(mu, v, load<f64>(grid + o), slot));
        store<f64>(dMu + o, load<f64>(slot));
        store<f64>(dV + o, load<f64>(slot, 8));
      }
    }
    let top = -Infinity;
    for (let b = 0; b < nBoxes; b++) {
      let s = 0.0;
      const row = boxes + ((<usize>b * 2 * k) << 2);
      const gRow = boxGrad + ((<usize>b * 2 * k) << 3);
      for (let j = 0; j < k; j++) {
        const base = load<i32>(gridStart + (<usize>j << 2));
        const lo = <usize>(base + load<i32>(row + (<usize>(2 * j) << 2))) << 3;
        const hiIndex = load<i32>(row + (<usize>(2 * j + 1) << 2));
        const psiL = load<f64>(logPsi + lo);
        let term = psiL;
        let gMu = load<f64>(dMu + lo);
        let gV = load<f64>(dV + lo);
        if (hiIndex >= 0 && psiL > -Infinity) {
          const hi = <usize>(base + hiIndex) << 3;
          const gap = psiL - load<f64>(logPsi + hi); // ≥ 0: ψ falls as the threshold rises
          term = psiL + log1mexp(gap);
          const r = Math.exp(-gap);
          const inv = 1.0 / -Math.expm1(-gap);
          gMu = (gMu - r * load<f64>(dMu + hi)) * inv;
          gV = (gV - r * load<f64>(dV + hi)) * inv;
        }
        s += term;
        if (grads) {
          store<f64>(gRow + (<usize>(2 * j) << 3), gMu);
          store<f64>(gRow + (<usize>(2 * j + 1) << 3), gV);
        }
      }
      if (isNaN(s)) s = -Infinity;
      store<f64>(sums + (<usize>b << 3), s);
      if (s > top) top = s;
    }
    // log Σ_b exp(S_b), shifted by the largest term.
    let acc = 0.0;
    if (top > -Infinity) for (let b = 0; b < nBoxes; b++) acc += Math.exp(load<f64>(sums + (<usize>b << 3)) - top);
    const value = top > -Infinity ? top + Math.log(acc) : -Infinity;
    store<f64>(valueOut + (<usize>c << 3), value);
    if (!grads) continue;
    for (let q = 0; q < 2 * k; q++) store<f64>(total + (<usize>q << 3), 0.0);
    if (value > -Infinity) {
      for (let b = 0; b < nBoxes; b++) {
        const w = Math.exp(load<f64>(sums + (<usize>b << 3)) - value);
        if (w == 0.0) continue;
        const gRow = boxGrad + ((<usize>b * 2 * k) << 3);
        for (let q = 0; q < 2 * k; q++) {
          const o = <usize>q << 3;
          store<f64>(total + o, load<f64>(total + o) + w * load<f64>(gRow + o));
        }
      }
    }
    const out = gradOut + ((<usize>c * d) << 3);
    for (let i = 0; i < d; i++) store<f64>(out + (<usize>i << 3), 0.0);
    for (let j = 0; j < k; j++) {
      const aMu = load<f64>(total + (<usize>(2 * j) << 3));
      const aV = load<f64>(total + (<usize>(2 * j + 1) << 3));
      const row = ((<usize>(j * m + c)) * d) << 3;
      for (let i = 0; i < d; i++) {
        const o = <usize>i << 3;
        store<f64>(out + o, load<f64>(out + o) + aMu * load<f64>(gradMean + row + o) + aV * load<f64>(gradVar + row + o));
      }
    }
  }
}
