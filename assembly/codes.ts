// Every number with a meaning that crosses the wasm boundary: the kinds a caller passes in and the
// statuses the kernels hand back. This file is their only definition. `npm run build:wasm` copies
// each code into src/core/exports.ts (scripts/gen-core-exports.mjs), so the TypeScript side never
// retypes one, and test/core/exports.test.ts fails when the copy is stale.
//
// Form the generator accepts: a one-line /** doc */, then `@inline export const NAME: i32 = <int>;`.
// A `//` paragraph opens each group (the generator copies it as the group's heading); the codes of
// one group must differ. A code's prefix names the export it belongs to.

// gp_objective's `prior` argument (assembly/gp-prior.ts).

/** No prior: the fit maximizes the marginal likelihood alone. */
// @ts-ignore: decorator
@inline export const GP_PRIOR_NONE: i32 = 0;
/** Optuna's priors on the lengthscales, signal and noise variance. */
// @ts-ignore: decorator
@inline export const GP_PRIOR_DEFAULT: i32 = 1;
/** The dimension-scaled lengthscale prior of Hvarfner et al. (2024). */
// @ts-ignore: decorator
@inline export const GP_PRIOR_DIM_SCALED: i32 = 2;
/** BoTorch 0.11's SingleTaskGP priors: Gamma(3, 6) lengthscales, Gamma(2, 0.15) signal, Gamma(1.1, 0.05) noise. */
// @ts-ignore: decorator
@inline export const GP_PRIOR_GAMMA: i32 = 3;

// special_map's `kind` argument (assembly/special.ts).

/** erfc(x). */
// @ts-ignore: decorator
@inline export const SPECIAL_ERFC: i32 = 0;
/** erfcx(x) = exp(x²)·erfc(x). */
// @ts-ignore: decorator
@inline export const SPECIAL_ERFCX: i32 = 1;
/** log Φ(x). */
// @ts-ignore: decorator
@inline export const SPECIAL_LOG_NDTR: i32 = 2;
/** log(1 − e^−x). */
// @ts-ignore: decorator
@inline export const SPECIAL_LOG1MEXP: i32 = 3;
/** Φ⁻¹(p). */
// @ts-ignore: decorator
@inline export const SPECIAL_NDTRI: i32 = 4;

// acquisition_eval's `kind` argument (assembly/acquisition.ts).

/** log expected improvement; `param` is the incumbent. */
// @ts-ignore: decorator
@inline export const ACQUISITION_LOG_EI: i32 = 0;
/** Expected improvement; `param` is the incumbent. */
// @ts-ignore: decorator
@inline export const ACQUISITION_EI: i32 = 1;
/** Upper confidence bound μ + √(βv); `param` is β. */
// @ts-ignore: decorator
@inline export const ACQUISITION_UCB: i32 = 2;

// Status of each start in the L-BFGS state (assembly/lbfgs.ts), stored as f64. Below
// LBFGS_GTOL a start is still running.

/** Waiting for the value at the starting point. */
// @ts-ignore: decorator
@inline export const LBFGS_INIT: i32 = 0;
/** Waiting for the value at a line-search trial point. */
// @ts-ignore: decorator
@inline export const LBFGS_SEARCH: i32 = 1;
/** Converged: (projected) gradient below gtol. */
// @ts-ignore: decorator
@inline export const LBFGS_GTOL: i32 = 2;
/** Converged: relative decrease below ftol, or no movement left. */
// @ts-ignore: decorator
@inline export const LBFGS_FTOL: i32 = 3;
/** Iteration limit reached. */
// @ts-ignore: decorator
@inline export const LBFGS_MAX_ITERATIONS: i32 = 4;
/** No acceptable step along a descent direction; the best point is kept. */
// @ts-ignore: decorator
@inline export const LBFGS_LINE_SEARCH_FAILED: i32 = 5;
/** Value or gradient at the start not finite. */
// @ts-ignore: decorator
@inline export const LBFGS_BAD_START: i32 = 6;

// Return value of sobol_directions and sobol_scramble_lms (assembly/sobol.ts).

/** Done. */
// @ts-ignore: decorator
@inline export const SOBOL_OK: i32 = 0;
/** A dimension, stride or table the kernel cannot use. */
// @ts-ignore: decorator
@inline export const SOBOL_BAD_ARGUMENT: i32 = 1;
