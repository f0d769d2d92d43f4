// Gaussian-process regression on standardized outputs: the MAP objective of the hyperparameters
// with its gradient, the factorization that a fitted model keeps, and hyperparameter conversions.
// The posterior lives in gp-posterior.ts.
//
// Hyperparameters are optimized as θ = (log ℓ_1..log ℓ_d, log σ², log(σ_n² − minNoise)); the
// noise floor keeps K + σ_n²I well conditioned however the data look (Optuna uses the same device).
// The noise excess is held at ≥ NOISE_EXCESS_MIN·minNoise (θ below the cut is read as the cut, with
// zero gradient): on noise-free data the likelihood keeps pushing θ_noise down at a gradient that
// shrinks only like e^θ, so each refit (warm-started from the last) walked it another few units down
// for nothing, at a dozen O(n³) evaluations a time. A 0.1% excess over the floor changes no fit.
//
// Gradient of the log marginal likelihood (Rasmussen & Williams 2006, eq. 5.9):
//   ∂ log p(y|θ)/∂θ_p = ½ tr(W ∂K/∂θ_p),   W = ααᵀ − K⁻¹,  α = K⁻¹y.
// W is formed once (O(n³)); each lengthscale's trace is then a weighted sum over pairs,
//   ½ tr(W ∂K/∂log ℓ_j) = −2/ℓ_j² Σ_{a>b} W_ab k'(r²_ab) min(Δ²_abj, cap_j),
// so all d of them cost O(n²d) together and no n×n gradient matrix is ever formed.

import { sqDist, maternAndSlope, maternSlope, matern, kernelPrepareLog, capped } from './kernel';
import { cholFactor, cholFactorJitter, cholSolve, dot } from './linalg';
import { logPrior } from './gp-prior';
import { lowerInverseTransposed, inverseFromUpper } from './gp-inverse';
import { ld, st } from './memory';

// @ts-ignore: decorator
@inline const HALF_LOG_2PI: f64 = 0.91893853320467274178;

/** f64 slots of workspace that `gp_objective` needs. */
export function gp_objective_work(n: i32, d: i32): i32 {
  return 3 * n * n + n + 4 * d + 2;
}

// @ts-ignore: decorator
@inline const NOISE_EXCESS_MIN: f64 = 1e-3;

/** The lowest θ_noise that counts (−Inf without a floor). */
// @ts-ignore: decorator
@inline function noiseCut(minNoise: f64): f64 {
  return Math.log(NOISE_EXCESS_MIN * minNoise);
}

/**
 * Negative log posterior of the hyperparameters, −log p(y|θ) − log p(θ), with its gradient with
 * respect to θ (d + 2 values into `grad`). `x` is n × d, `y` the standardized outputs, `cat` 0 or d
 * i32 flags, `prior` a GP_PRIOR_* code (codes.ts). Returns +Inf (gradient NaN) when K + σ_n²I is not numerically
 * positive definite, so a line search backs off.
 */
export function gp_objective(
  x: usize, n: i32, d: i32, cat: usize, y: usize, theta: usize, minNoise: f64, prior: i32,
  work: usize, grad: usize,
): f64 {
  const nn = <usize>n * <usize>n;
  const a = work; // K, then L, then the lower triangle of K⁻¹
  const u = work + (nn << 3); // U = L⁻ᵀ (upper triangle)
  const g = work + (nn << 4); // lower: σ² k'(r²); strict upper: σ² k(r²)
  const alpha = work + ((3 * nn) << 3);
  const kp = alpha + (<usize>n << 3);
  const acc = kp + (<usize>(2 * d) << 3);
  const th = acc + (<usize>d << 3); // θ with the noise coordinate cut
  memory.fill(grad, 0, <usize>(d + 2) << 3);
  memory.copy(th, theta, <usize>(d + 2) << 3);
  const cut = ld(theta, d + 1) < noiseCut(minNoise);
  if (cut) st(th, d + 1, noiseCut(minNoise));

  kernelPrepareLog(th, cat, d, kp);
  const signal = Math.exp(ld(th, d));
  const noiseExcess = Math.exp(ld(th, d + 1));
  const noise = minNoise + noiseExcess;
  const row = <usize>d << 3;
  for (let i = 0; i < n; i++) {
    const xi = x + <usize>i * row;
    const ai = a + ((<usize>i * n) << 3);
    const gi = g + ((<usize>i * n) << 3);
    st(ai, i, signal + noise);
    for (let k = 0; k < i; k++) {
      const kv = signal * maternAndSlope(sqDist(xi, x + <usize>k * row, kp, d));
      st(ai, k, kv);
      st(gi, k, signal * maternSlope);
      st(g + ((<usize>k * n) << 3), i, kv);
    }
  }
  if (cholFactor(a, n) >= 0) {
    for (let j = 0; j < d + 2; j++) st(grad, j, NaN);
    return Infinity;
  }
  memory.copy(alpha, y, <usize>n << 3);
  cholSolve(a, n, alpha);
  let logDet = 0.0;
  for (let i = 0; i < n; i++) logDet += Math.log(ld(a + ((<usize>i * n) << 3), i));
  const nll = 0.5 * dot(y, alpha, n) + logDet + <f64>n * HALF_LOG_2PI;

  lowerInverseTransposed(a, n, u);
  inverseFromUpper(u, n, a);

  // Traces with W = ααᵀ − K⁻¹ over the lower triangle (pairs counted twice, diagonal once).
  memory.fill(acc, 0, row);
  let trW = 0.0;
  let trWK = 0.0;
  const caps = kp + row;
  for (let i = 0; i < n; i++) {
    const ai = a + ((<usize>i * n) << 3);
    const gi = g + ((<usize>i * n) << 3);
    const alphaI = ld(alpha, i);
    const wii = alphaI * alphaI - ld(ai, i);
    trW += wii;
    trWK += wii * signal;
    const xi = x + <usize>i * row;
    for (let k = 0; k < i; k++) {
      const w = alphaI * ld(alpha, k) - ld(ai, k);
      trWK += 2.0 * w * ld(g + ((<usize>k * n) << 3), i);
      const mw = f64x2.splat(w * ld(gi, k));
      const xk = x + <usize>k * row;
      let j = 0;
      for (; j + 2 <= d; j += 2) {
        const off = <usize>j << 3;
        const diff = f64x2.sub(v128.load(xi + off), v128.load(xk + off));
        const sq = f64x2.pmin(f64x2.mul(diff, diff), v128.load(caps + off));
        v128.store(acc + off, f64x2.add(v128.load(acc + off), f64x2.mul(mw, sq)));
      }
      if (j < d) {
        const diff = ld(xi, j) - ld(xk, j);
        st(acc, j, ld(acc, j) + f64x2.extract_lane(mw, 0) * capped(diff * diff, ld(caps, j)));
      }
    }
  }
  // ∂(−log p(y|θ))/∂θ = −½ tr(W ∂K/∂θ).
  for (let j = 0; j < d; j++) st(grad, j, 2.0 * ld(kp, j) * ld(acc, j));
  st(grad, d, -0.5 * trWK);
  st(grad, d + 1, -0.5 * noiseExcess * trW);
  const value = nll - logPrior(th, d, minNoise, prior, grad);
  if (cut) st(grad, d + 1, 0.0);
  return value;
}

/**
 * Factorization a fitted model keeps: L with L·Lᵀ = K + (σ_n² + jitter)·I (the jitter ladder of
 * cholFactorJitter), and α = (LLᵀ)⁻¹y. `kp` is a prepared kernel block (kernel_prepare). `backup`
 * holds n² f64; the jitter used goes to the f64 at `jitterOut`. Returns the log marginal likelihood
 * of y, or NaN when even the last jitter rung fails.
 */
export function gp_factor(
  x: usize, n: i32, d: i32, kp: usize, signal: f64, noise: f64, y: usize, l: usize, alpha: usize,
  backup: usize, jitterOut: usize,
): f64 {
  const row = <usize>d << 3;
  for (let i = 0; i < n; i++) {
    const xi = x + <usize>i * row;
    const li = l + ((<usize>i * n) << 3);
    st(li, i, signal + noise);
    for (let k = 0; k < i; k++) st(li, k, signal * matern(sqDist(xi, x + <usize>k * row, kp, d)));
  }
  if (cholFactorJitter(l, n, backup, jitterOut) >= 0) return NaN;
  memory.copy(alpha, y, <usize>n << 3);
  cholSolve(l, n, alpha);
  let logDet = 0.0;
  for (let i = 0; i < n; i++) logDet += Math.log(ld(l + ((<usize>i * n) << 3), i));
  return -0.5 * dot(y, alpha, n) - logDet - <f64>n * HALF_LOG_2PI;
}

/** Hyperparameters from θ into `out`: ℓ_1..ℓ_d, σ², σ_n² = minNoise + e^θ. */
export function gp_hyper_from_theta(theta: usize, d: i32, minNoise: f64, out: usize): void {
  for (let j = 0; j < d + 1; j++) st(out, j, Math.exp(ld(theta, j)));
  st(out, d + 1, minNoise + Math.exp(max(ld(theta, d + 1), noiseCut(minNoise))));
}

/**
 * θ from hyperparameters (`hyper` as written by gp_hyper_from_theta). A noise at or below the
 * floor maps to the floor plus 1% (log 0 would not be a point to start from).
 */
export function gp_theta_from_hyper(hyper: usize, d: i32, minNoise: f64, out: usize): void {
  for (let j = 0; j < d + 1; j++) st(out, j, Math.log(ld(hyper, j)));
  const excess = ld(hyper, d + 1) - minNoise;
  st(out, d + 1, Math.log(excess > 0.01 * minNoise ? excess : 0.01 * minNoise));
}
