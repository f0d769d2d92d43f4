// Acquisition functions of Bayesian optimization: log expected improvement (logEI), plain EI and
// the upper confidence bound, each with its gradient with respect to the posterior mean and
// variance, for batches of m candidates.
//
// Convention: MAXIMIZATION, as in Optuna's GP sampler and BoTorch. With μ, v the posterior mean
// and variance of f at a candidate, σ = √v and the incumbent `best`,
//   z = (μ − best)/σ,   EI = σ·h(z),   logEI = ½·log v + log h(z),   h(z) = φ(z) + z·Φ(z).
// Minimization is maximization of −f: pass −μ and −best (src/core/acquisition.ts does this).
//
// see: S. Ament, S. Daulton, D. Eriksson, M. Balandat, E. Bakshy, "Unexpected Improvements to
//      Expected Improvement for Bayesian Optimization", NeurIPS 2023 (log h in three branches).

import { erfcxOfScaled, log1mexp, ndtr } from './special';
import { ACQUISITION_EI, ACQUISITION_LOG_EI } from './codes';
import { ld, st } from './memory';

// @ts-ignore: decorator
@inline const HALF_LOG_2PI: f64 = reinterpret<f64>(0x3FED67F1C864BEB5); // 9.18938533204672742e-01
// @ts-ignore: decorator
@inline const HALF_LOG_PI_OVER_2: f64 = reinterpret<f64>(0x3FCCE6BB25AA1316); // 2.25791352644727432e-01
// @ts-ignore: decorator
@inline const SQRT_PI_OVER_2: f64 = reinterpret<f64>(0x3FF40D931FF62706); // 1.25331413731550025e+00
// @ts-ignore: decorator
@inline const INV_SQRT_2PI: f64 = reinterpret<f64>(0x3FD9884533D43651); // 3.98942280401432678e-01

// Side outputs of logH (module globals: kernels return one value and allocate nothing).
let hCdfRatio: f64 = 0; // Φ(z)/h(z) = d log h/dz
let hPdfRatio: f64 = 0; // φ(z)/h(z)

/**
 * log h(z) = log(φ(z) + z·Φ(z)); also leaves Φ(z)/h(z) (its derivative) and φ(z)/h(z) in the
 * globals above.
 *   z > −1:        log(φ + zΦ) directly (at z = −1 the sum loses under 2 bits).
 *   −20 < z ≤ −1:  with Φ/φ = √(π/2)·erfcx(|z|/√2) and u = log(|z|·Φ/φ) < 0,
 *                  h = φ·(1 − e^u),  log h = −z²/2 − log√(2π) + log1mexp(−u).
 *   z ≤ −20:       h/φ = 1 − |z|Φ/φ = w·S(w), w = 1/z², S = Σ_k (−1)^k (2k+1)!! w^k (the
 *                  asymptotic series of erfcx; 12 terms, next term < 3e-20 at z = −20), so
 *                  log h = −z²/2 − log√(2π) − 2·log|z| + log S, finite down to z ≈ −1.9e154.
 * Accuracy against mpmath (50 + 2·log10|z| digits, 1,588 points over [−1e8, 1e3],
 * test/fixtures/acquisition.json): log h within 5.7e-16 relative (absolute where |log h| < 1);
 * the six reference values of issue 3 within 4 ulp. The derivative is within 9.3e-14 relative,
 * worst just above z = −20, where h/φ = 1 − |z|Φ/φ ≈ 1/z² cancels (relative error ~ε·z²).
 */
export function logH(z: f64): f64 {
  if (isNaN(z)) {
    hCdfRatio = z;
    hPdfRatio = z;
    return z;
  }
  if (z > -1.0) {
    const cdf = ndtr(z);
    const pdf = INV_SQRT_2PI * Math.exp(-0.5 * z * z);
    const h = pdf + z * cdf;
    hCdfRatio = cdf / h;
    hPdfRatio = pdf / h;
    return Math.log(h);
  }
  const az = -z;
  if (z > -20.0) {
    const m = erfcxOfScaled(az); // Φ/φ = √(π/2)·m
    const u = Math.log(az * m) + HALF_LOG_PI_OVER_2;
    const oneMinus = -Math.expm1(u); // h/φ
    hCdfRatio = (SQRT_PI_OVER_2 * m) / oneMinus;
    hPdfRatio = 1.0 / oneMinus;
    return -0.5 * z * z - HALF_LOG_2PI + log1mexp(-u);
  }
  const w = 1.0 / (az * az);
  const s =
    1.0 - 3.0 * w * (1.0 - 5.0 * w * (1.0 - 7.0 * w * (1.0 - 9.0 * w * (1.0 - 11.0 * w * (1.0 - 13.0 * w *
    (1.0 - 15.0 * w * (1.0 - 17.0 * w * (1.0 - 19.0 * w * (1.0 - 21.0 * w * (1.0 - 23.0 * w * (1.0 - 25.0 * w)))))))))));
  // Φ/h = (Φ/φ)/(h/φ) with |z|·Φ/φ = 1 − w·S.
  hCdfRatio = (az * (1.0 - w * s)) / s;
  hPdfRatio = (az * az) / s;
  return -(0.5 * az) * az - HALF_LOG_2PI - 2.0 * Math.log(az) + Math.log(s);
}

/** d/dz log h(z) = Φ(z)/h(z), positive and finite for every finite z. */
export function logHDerivative(z: f64): f64 {
  logH(z);
  return hCdfRatio;
}

/**
 * log EI for maximization at one candidate; writes ∂/∂mean and ∂/∂variance to the two f64 at
 * `grad` unless grad is 0. With v ≤ 0 (a point the model knows exactly) EI = max(μ − best, 0).
 *   ∂logEI/∂μ = (Φ/h)/σ,   ∂logEI/∂v = (1 − z·Φ/h)/(2v) = (φ/h)/(2v)  (the second form does not cancel).
 */
export function logEIGrad(mean: f64, variance: f64, best: f64, grad: usize): f64 {
  if (!(variance > 0.0)) {
    const imp = mean - best;
    if (grad != 0) {
      store<f64>(grad, isNaN(variance) ? NaN : imp > 0.0 ? 1.0 / imp : 0.0);
      store<f64>(grad, isNaN(variance) ? NaN : 0.0, 8);
    }
    if (isNaN(variance)) return NaN;
    return imp > 0.0 ? Math.log(imp) : -Infinity;
  }
  const sigma = Math.sqrt(variance);
  const z = (mean - best) / sigma;
  const value = 0.5 * Math.log(variance) + logH(z);
  if (grad != 0) {
    store<f64>(grad, hCdfRatio / sigma);
    store<f64>(grad, hPdfRatio / (2.0 * variance), 8);
  }
  return value;
}

/** log EI for maximization (see logEIGrad). */
export function logEI(mean: f64, variance: f64, best: f64): f64 {
  return logEIGrad(mean, variance, best, 0);
}

/**
 * EI = σ·h(z) for maximization; writes ∂EI/∂μ = Φ(z) and ∂EI/∂v = φ(z)/(2σ) at `grad` unless 0.
 * Below z = −1 it is exp(logEI), so it underflows gracefully instead of cancelling.
 */
export function expectedImprovementGrad(mean: f64, variance: f64, best: f64, grad: usize): f64 {
  if (!(variance > 0.0)) {
    const imp = mean - best;
    if (grad != 0) {
      store<f64>(grad, isNaN(variance) ? NaN : imp > 0.0 ? 1.0 : 0.0);
      store<f64>(grad, isNaN(variance) ? NaN : 0.0, 8);
    }
    if (isNaN(variance)) return NaN;
    return imp > 0.0 ? imp : 0.0;
  }
  const sigma = Math.sqrt(variance);
  const z = (mean - best) / sigma;
  const cdf = ndtr(z);
  const pdf = INV_SQRT_2PI * Math.exp(-0.5 * z * z);
  if (grad != 0) {
    store<f64>(grad, cdf);
    store<f64>(grad, pdf / (2.0 * sigma), 8);
  }
  return z > -1.0 ? sigma * (pdf + z * cdf) : Math.exp(Math.log(sigma) + logH(z));
}

/**
 * UCB = μ + √(β·v); writes ∂/∂μ = 1 and ∂/∂v = √β/(2√v) at `grad` unless 0 (+Inf at v = 0 for
 * β > 0: the bound is not differentiable there). Negative v counts as 0.
 */
export function upperConfidenceBoundGrad(mean: f64, variance: f64, beta: f64, grad: usize): f64 {
  const v = variance > 0.0 ? variance : isNaN(variance) ? variance : 0.0;
  const sd = Math.sqrt(v);
  if (grad != 0) {
    store<f64>(grad, 1.0);
    store<f64>(grad, beta == 0.0 ? 0.0 : Math.sqrt(beta) / (2.0 * sd), 8);
  }
  return mean + Math.sqrt(beta) * sd;
}

// Kernels for src/core/acquisition.ts. Batches of m candidates: mean and variance are m f64 each,
// out gets m values; dmean/dvar get the gradients unless dmean is 0.

export function acquisition_log_h(z: f64): f64 {
  return logH(z);
}

export function acquisition_log_h_derivative(z: f64): f64 {
  return logHDerivative(z);
}

// 16 bytes of static data for one gradient pair, so the batch kernel needs no caller scratch.
// @ts-ignore: decorator
@lazy const gradSlot: usize = memory.data(16, 16);

/** `kind` is an ACQUISITION_* code (codes.ts): `param` is the incumbent for (log)EI, β for UCB. */
export function acquisition_eval(
  kind: i32,
  mean: usize,
  variance: usize,
  m: i32,
  param: f64,
  out: usize,
  dmean: usize,
  dvar: usize,
): void {
  const grad = dmean != 0 ? gradSlot : 0;
  for (let i = 0; i < m; i++) {
    const o = <usize>i << 3;
    const mu = load<f64>(mean + o);
    const v = load<f64>(variance + o);
    let value: f64;
    if (kind == ACQUISITION_LOG_EI) value = logEIGrad(mu, v, param, grad);
    else if (kind == ACQUISITION_EI) value = expectedImprovementGrad(mu, v, param, grad);
    else value = upperConfidenceBoundGrad(mu, v, param, grad); // ACQUISITION_UCB
    store<f64>(out + o, value);
    if (grad != 0) {
      store<f64>(dmean + o, load<f64>(grad));
      store<f64>(dvar + o, load<f64>(grad, 8));
    }
  }
}

/**
 * Roulette weights exp(s_i − max s) into `out`: 1 at the maximum, in (0, 1] elsewhere, 0 for −Inf
 * or NaN scores (and everywhere when no score is finite). Computed here so that a seed picks the
 * same starts in every engine.
 */
export function acquisition_roulette_weights(scores: usize, n: i32, out: usize): void {
  let top = -Infinity;
  for (let i = 0; i < n; i++) {
    const v = ld(scores, i);
    if (v > top) top = v;
  }
  for (let i = 0; i < n; i++) {
    const v = ld(scores, i);
    const w = isFinite(top) && v > -Infinity ? Math.exp(v - top) : 0.0;
    st(out, i, w);
  }
}
