// Log probability of feasibility of a factored GP's posterior at a batch of candidates, with its
// gradient in x: the constraint term of a constrained acquisition (Gardner et al. 2014; Optuna's
// GPSampler). For a constraint c modelled by the GP, feasible when c(x) ≤ threshold,
//
//   log PoF(x) = log Φ(z),   z = (threshold − μ(x))/σ(x),
//   ∂/∂μ = −r/σ,   ∂/∂v = −r·z/(2v),   r = φ(z)/Φ(z)  (the inverse Mills ratio of −z),
//
// and ∇ log PoF = ∂/∂μ · ∇μ + ∂/∂v · ∇v. Below z = 0, r = 1/(√(2π)·½·erfcx(−z/√2)), which stays
// finite and accurate where φ and Φ both underflow.

import { gp_posterior, gp_posterior_work } from './gp-posterior';
import { erfcxOfScaled, logNdtr } from './special';

// @ts-ignore: decorator
@inline const INV_SQRT_2PI: f64 = reinterpret<f64>(0x3FD9884533D43651); // 3.98942280401432678e-01

/** f64 slots of workspace that `gp_log_pof` needs for m candidates. */
export function gp_log_pof_work(n: i32, m: i32, d: i32): i32 {
  return gp_posterior_work(n) + 2 * m + 2 * m * d;
}

/**
 * log PoF of the posterior (latent variance) at the m rows of `xc` into `valueOut`; with
 * `gradOut` != 0 also its gradient in x (m × d). Model arguments as for gp_posterior; `threshold`
 * in the model's standardized units. Where the variance is 0 the value is 0 (μ ≤ threshold) or
 * −Inf, with gradient 0.
 */
export function gp_log_pof(
  xt: usize, n: i32, d: i32, kp: usize, signal: f64, l: usize, alpha: usize, xc: usize, m: i32, threshold: f64,
  valueOut: usize, gradOut: usize, work: usize,
): void {
  const mean = work;
  const variance = mean + (<usize>m << 3);
  const gm = variance + (<usize>m << 3);
  const gv = gm + ((<usize>m * d) << 3);
  const rest = gv + ((<usize>m * d) << 3);
  const grads = gradOut != 0;
  gp_posterior(xt, n, d, kp, signal, l, alpha, xc, m, mean, variance, grads ? gm : 0, grads ? gv : 0, rest);
  for (let c = 0; c < m; c++) {
    const o = <usize>c << 3;
    const mu = load<f64>(mean + o);
    const v = load<f64>(variance + o);
    let value: f64;
    let dMean: f64 = 0.0;
    let dVar: f64 = 0.0;
    if (v > 0.0) {
      const sigma = Math.sqrt(v);
      const z = (threshold - mu) / sigma;
      value = logNdtr(z);
      const r = z < 0.0 ? INV_SQRT_2PI / (0.5 * erfcxOfScaled(-z)) : (INV_SQRT_2PI * Math.exp(-0.5 * z * z)) / Math.exp(value);
      dMean = -r / sigma;
      dVar = (-r * z) / (2.0 * v);
    } else {
      value = mu <= threshold ? 0.0 : -Infinity;
    }
    store<f64>(valueOut + o, value);
    if (!grads) continue;
    const row = (<usize>c * d) << 3;
    for (let j = 0; j < d; j++) {
      const off = row + (<usize>j << 3);
      store<f64>(gradOut + off, dMean * load<f64>(gm + off) + dVar * load<f64>(gv + off));
    }
  }
}
