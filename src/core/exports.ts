/**
 * The flat ABI of build/bonito.wasm, mirrored from assembly/index.ts. Pointers are byte offsets
 * into `memory`; u64 arguments are BigInts. Keep this list in the same order as the assembly.
 * @internal
 */
export interface CoreExports {
  memory: WebAssembly.Memory;
  heap_base(): number;

  // assembly/rng.ts
  rng_seed(state: number, seed: bigint): void;
  rng_jump(state: number): void;
  rng_fill_u64(state: number, out: number, n: number): void;
  rng_fill_uniform(state: number, out: number, n: number): void;
  rng_fill_normal(state: number, out: number, n: number): void;
  rng_fill_integers(state: number, out: number, n: number, lo: number, range: bigint): void;

  // assembly/special.ts
  special_ndtri(p: number): number;
  special_erfc(x: number): number;
  special_erfcx(x: number): number;
  special_log_ndtr(x: number): number;
  special_log1mexp(x: number): number;
  special_map(kind: number, x: number, n: number, out: number): void;

  // assembly/sobol.ts (status codes: 0 ok, 1 bad argument)
  sobol_embedded_table(): number;
  sobol_directions(table: number, d: number, stride: number, v: number): number;
  sobol_scramble_lms(v: number, d: number, stride: number, shift: number, rng: number, work: number): number;
  sobol_owen_seeds(seeds: number, d: number, stride: number, rng: number): void;
  sobol_seek(v: number, stride: number, base: number, i: number, state: number): void;
  sobol_fill(v: number, d: number, stride: number, state: number, index: number, n: number, out: number, seeds: number): void;

  // assembly/linalg.ts (row-major f64; failures return the failing pivot, -1 is success)
  linalg_dot(a: number, b: number, n: number): number;
  linalg_axpy(alpha: number, x: number, y: number, n: number): void;
  linalg_chol_factor(a: number, n: number): number;
  linalg_cholesky(a: number, n: number, backup: number, jitterOut: number): number;
  linalg_solve_lower(l: number, n: number, b: number): void;
  linalg_solve_lower_t(l: number, n: number, b: number): void;
  linalg_solve_lower_many(l: number, n: number, b: number, m: number): void;
  linalg_chol_solve(l: number, n: number, b: number): void;
  linalg_chol_extend(l: number, n: number, k: number, cross: number, corner: number, out: number): number;

  // assembly/kernel.ts (kp: prepared block of 2d f64, 1/ℓ² then distance caps)
  kernel_prepare(ls: number, cat: number, d: number, kp: number): void;
  kernel_matrix(a: number, na: number, b: number, nb: number, d: number, kp: number, signal: number, out: number): void;
  kernel_gram(x: number, n: number, d: number, kp: number, signal: number, noise: number, out: number): void;
  kernel_grad_x(a: number, b: number, d: number, kp: number, signal: number, out: number): number;
  kernel_grad_hyper(a: number, b: number, d: number, kp: number, signal: number, out: number): number;

  // assembly/gp.ts (θ = log ℓ_1..log ℓ_d, log σ², log(σ_n² − minNoise))
  gp_objective_work(n: number, d: number): number;
  gp_objective(
    x: number, n: number, d: number, cat: number, y: number, theta: number, minNoise: number, prior: number,
    work: number, grad: number,
  ): number;
  gp_factor(
    x: number, n: number, d: number, kp: number, signal: number, noise: number, y: number, l: number,
    alpha: number, backup: number, jitterOut: number,
  ): number;
  gp_hyper_from_theta(theta: number, d: number, minNoise: number, out: number): void;
  gp_theta_from_hyper(hyper: number, d: number, minNoise: number, out: number): void;

  // assembly/posterior.ts
  gp_posterior_work(n: number): number;
  gp_posterior(
    xt: number, n: number, d: number, kp: number, signal: number, l: number, alpha: number, xc: number, m: number,
    meanOut: number, varOut: number, gradMeanOut: number, gradVarOut: number, work: number,
  ): void;
  gp_extend_work(n: number, k: number): number;
  gp_extend(
    xt: number, n: number, d: number, kp: number, signal: number, noise: number, l: number, y: number,
    alpha: number, xp: number, k: number, lOut: number, yOut: number, alphaOut: number, work: number, lie: number,
  ): number;

  // assembly/lbfgs.ts (reverse communication; lo = 0 for the unbounded strong-Wolfe mode)
  lbfgs_size(k: number, n: number, m: number): number;
  lbfgs_start(state: number, k: number, n: number, m: number, x0: number, lo: number, hi: number, firstStep: number): void;
  lbfgs_tell(
    state: number, k: number, n: number, m: number, lo: number, hi: number, gtol: number, ftol: number,
    maxIter: number,
  ): number;

  // assembly/acquisition.ts (maximization; kind 0 logEI, 1 EI, 2 UCB; dmean = 0 skips gradients)
  acquisition_log_h(z: number): number;
  acquisition_log_h_derivative(z: number): number;
  acquisition_eval(
    kind: number,
    mean: number,
    variance: number,
    m: number,
    param: number,
    out: number,
    dmean: number,
    dvar: number,
  ): void;

  // assembly/gp-acquisition.ts (logEI of the posterior, maximization, standardized units)
  gp_log_ei_work(n: number, m: number, d: number): number;
  gp_log_ei(
    xt: number, n: number, d: number, kp: number, signal: number, l: number, alpha: number, xc: number, m: number,
    best: number, sign: number, valueOut: number, gradOut: number, work: number,
  ): void;
  acq_roulette_weights(scores: number, n: number, out: number): void;
}
