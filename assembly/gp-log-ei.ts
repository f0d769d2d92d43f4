// Log expected improvement of a factored GP's posterior at a batch of candidates, with its
// gradient in x, in one call: what the acquisition optimizer evaluates each round.
//
//   ∇ logEI(x) = ∂logEI/∂μ · ∇μ(x) + ∂logEI/∂v · ∇v(x)
//
// with the partial derivatives from acquisition.ts (maximization, stable three-branch log h).

import { gp_posterior, gp_posterior_work } from './gp-posterior';
import { logEIGrad } from './acquisition';

/** f64 slots of workspace that `gp_log_ei` needs for m candidates. */
export function gp_log_ei_work(n: i32, m: i32, d: i32): i32 {
  return gp_posterior_work(n) + 2 * m + 2 * m * d + 2;
}

/**
 * logEI of the posterior (latent variance) at the m rows of `xc` into `valueOut`; with
 * `gradOut` != 0 also its gradient in x (m × d). Model arguments as for gp_posterior; `best` in
 * the same standardized units as the model's outputs. `sign` is +1 to maximize, −1 to minimize
 * (improvement best − μ: the EI of −f at −best).
 */
export function gp_log_ei(
  xt: usize, n: i32, d: i32, kp: usize, signal: f64, l: usize, alpha: usize, xc: usize, m: i32, best: f64,
  sign: f64, valueOut: usize, gradOut: usize, work: usize,
): void {
  const mean = work;
  const variance = mean + (<usize>m << 3);
  const gm = variance + (<usize>m << 3);
  const gv = gm + ((<usize>m * d) << 3);
  const slot = gv + ((<usize>m * d) << 3);
  const rest = slot + 16;
  const grads = gradOut != 0;
  gp_posterior(xt, n, d, kp, signal, l, alpha, xc, m, mean, variance, grads ? gm : 0, grads ? gv : 0, rest);
  for (let c = 0; c < m; c++) {
    const o = <usize>c << 3;
    const value = logEIGrad(sign * load<f64>(mean + o), load<f64>(variance + o), sign * best, grads ? slot : 0);
    store<f64>(valueOut + o, value);
    if (!grads) continue;
    const dMean = sign * load<f64>(slot);
    const dVar = load<f64>(slot, 8);
    const row = (<usize>c * d) << 3;
    for (let j = 0; j < d; j++) {
      const off = row + (<usize>j << 3);
      store<f64>(gradOut + off, dMean * load<f64>(gm + off) + dVar * load<f64>(gv + off));
    }
  }
}
