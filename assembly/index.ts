// The exports of the shipped core (build/bonito.wasm): exactly what src/core/ calls, since every
// export keeps its function in the module users download (kernels only tests call are exported by
// assembly/testing.ts, the test build). Everything here is a flat, C-like kernel over linear
// memory: JavaScript (src/core/) owns every buffer and passes pointers in.
//
// An export is named after its file (assembly/gp-log-ei.ts exports gp_log_ei*), and
// src/core/exports.ts, the TypeScript view of this list, is generated from it by
// `npm run build:wasm` (scripts/gen-core-exports.ts enforces the naming).

/** First byte after the module's static data: where the JavaScript arena may start allocating. */
export function heap_base(): usize {
  return __heap_base;
}

export { rng_seed, rng_jump, rng_fill_u64, rng_fill_uniform, rng_fill_normal, rng_fill_integers } from './rng';
export { special_ndtri, special_erfc, special_erfcx, special_log_ndtr, special_log1mexp, special_map } from './special';
export { sobol_embedded_table, sobol_directions, sobol_scramble_lms, sobol_owen_seeds, sobol_seek, sobol_fill } from './sobol';
export { linalg_cholesky, linalg_solve_lower, linalg_solve_lower_t, linalg_chol_solve, linalg_chol_extend } from './linalg';
export { kernel_prepare } from './kernel';
export { gp_objective_work, gp_objective, gp_factor, gp_hyper_from_theta, gp_theta_from_hyper } from './gp';
export { gp_posterior_work, gp_posterior, gp_posterior_extend_work, gp_posterior_extend } from './gp-posterior';
export { lbfgs_size, lbfgs_start, lbfgs_tell } from './lbfgs';
export { acquisition_eval, acquisition_roulette_weights } from './acquisition';
export { gp_log_ei_work, gp_log_ei } from './gp-log-ei';
export { gp_log_pof_work, gp_log_pof } from './gp-log-pof';
export { ehvi_log_work, ehvi_log } from './ehvi';
