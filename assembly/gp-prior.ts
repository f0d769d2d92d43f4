// Log priors of the GP hyperparameters and their gradients with respect to the log-parameters
// θ = (log ℓ_1..log ℓ_d, log σ², log(σ_n² − minNoise)). Normalizing constants are dropped: they do
// not move the MAP estimate. Densities are those of the hyperparameters themselves (not of θ), as
// in Optuna, so the optimum is the mode in the original parameterization evaluated in log space.

import { GP_PRIOR_DEFAULT, GP_PRIOR_DIM_SCALED, GP_PRIOR_GAMMA, GP_PRIOR_NONE } from './codes';
import { ld } from './memory';

// @ts-ignore: decorator
@inline const SQRT2: f64 = 1.41421356237309504880;

/**
 * Returns log p(hyperparameters) and adds −∂log p/∂θ into `grad` (d + 2 values): the fit
 * minimizes the negative log posterior.
 *
 * GP_PRIOR_DEFAULT follows Optuna's `_gp/prior.py` (v4): on each inverse squared lengthscale
 * λ = 1/ℓ², log p = −0.1/λ − 0.1·λ (a heuristic shape that keeps ℓ away from 0 and ∞); on the
 * signal variance a Gamma(2, 1); on the noise variance a Gamma(1.1, 30).
 *
 * GP_PRIOR_DIM_SCALED is the dimension-scaled prior of C. Hvarfner, E. O. Hellsten, L. Nardi,
 * "Vanilla Bayesian optimization performs great in high dimensions", ICML 2024: ℓ ~ LogNormal(√2 +
 * ½ log d, √3); the noise variance gets their LogNormal(−4, 1) and the signal variance keeps the
 * Gamma(2, 1) above (their model fixes it to 1; bonito fits it).
 *
 * GP_PRIOR_GAMMA is BoTorch 0.11's SingleTaskGP default: ℓ ~ Gamma(3, 6) (mode 1/3 of the unit
 * cube, so short lengthscales stay likely while few points are seen), σ² ~ Gamma(2, 0.15),
 * σ_n² ~ Gamma(1.1, 0.05). Why it is an option and not the default: docs/gp-performance.md.
 */
export function logPrior(theta: usize, d: i32, minNoise: f64, kind: i32, grad: usize): f64 {
  if (kind == GP_PRIOR_NONE) return 0.0;
  let lp = 0.0;
  if (kind == GP_PRIOR_DEFAULT) {
    for (let j = 0; j < d; j++) {
      const l2 = Math.exp(2.0 * ld(theta, j));
      const il2 = 1.0 / l2;
      lp += -0.1 * (l2 + il2);
      addTo(grad, j, 0.2 * (l2 - il2));
    }
  } else if (kind == GP_PRIOR_GAMMA) {
    // ℓ ~ Gamma(3, 6): log p = 2 log ℓ − 6ℓ.
    for (let j = 0; j < d; j++) {
      const t = ld(theta, j);
      const l = Math.exp(t);
      lp += 2.0 * t - 6.0 * l;
      addTo(grad, j, -(2.0 - 6.0 * l));
    }
  } else {
    const mu = SQRT2 + 0.5 * Math.log(<f64>d);
    for (let j = 0; j < d; j++) {
      const t = ld(theta, j);
      const z = t - mu;
      lp += -z * z / 6.0 - t;
      addTo(grad, j, z / 3.0 + 1.0);
    }
  }
  // Signal variance s = e^θ: Gamma(2, rate), log p = log s − rate·s (rate 1, or 0.15 for GAMMA).
  const rate = kind == GP_PRIOR_GAMMA ? 0.15 : 1.0;
  const ts = ld(theta, d);
  const s = Math.exp(ts);
  lp += ts - rate * s;
  addTo(grad, d, -(1.0 - rate * s));
  // Noise variance v = minNoise + e^θ.
  const e = Math.exp(ld(theta, d + 1));
  const v = minNoise + e;
  const lv = Math.log(v);
  if (kind != GP_PRIOR_DIM_SCALED) {
    // Gamma(1.1, rate): Optuna's rate 30 pushes the noise towards 0, BoTorch's 0.05 barely at all.
    const noiseRate = kind == GP_PRIOR_DEFAULT ? 30.0 : 0.05;
    lp += 0.1 * lv - noiseRate * v;
    addTo(grad, d + 1, -(0.1 / v - noiseRate) * e);
  } else {
    const z = lv + 4.0;
    lp += -0.5 * z * z - lv;
    addTo(grad, d + 1, ((z + 1.0) / v) * e);
  }
  return lp;
}

// One address for the load and the store (st(p, i, ld(p, i) + v) would compute it twice).
// @ts-ignore: decorator
@inline function addTo(p: usize, i: i32, v: f64): void {
  const a = p + (<usize>i << 3);
  store<f64>(a, load<f64>(a) + v);
}
