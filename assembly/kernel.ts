// Matérn-5/2 ARD covariance with signal variance, and its gradients.
//
//   k(a, b) = σ² (1 + s + s²/3) exp(−s),  s = √5 r,  r² = Σ_j min((a_j − b_j)², cap_j) / ℓ_j²
//
// see: C. E. Rasmussen, C. K. I. Williams, "Gaussian Processes for Machine Learning" (2006), eq. 4.17.
// A categorical dimension holds integer category codes and gets cap_j = 1, so min(Δ², 1) is the
// Hamming indicator [a_j ≠ b_j] scaled by that dimension's lengthscale; continuous ones get +Inf.
// That turns the per-dimension branch into one SIMD (pseudo-)min.
//
// Every kernel reads a prepared parameter block `kp` of 2d f64: the inverse squared lengthscales
// 1/ℓ_j², then the caps. Gradients are taken through r², where the kernel is smooth:
//   dk/d(r²) = −(5/6) σ² (1 + s) exp(−s),
// which stays finite at r = 0 (dk/dr does not exist there for the Hamming part, and 1/r appears in
// the chain rule through r).

// @ts-ignore: decorator
@inline const SQRT5: f64 = 2.23606797749978969641;
// @ts-ignore: decorator
@inline const FIVE_SIXTHS: f64 = 0.83333333333333333333;

/**
 * min(Δ², cap) for Δ² ≥ 0 and cap ∈ {1, +Inf}: a plain compare-select, as IEEE min's NaN and
 * signed-zero rules (several instructions in V8) cannot matter here. Its SIMD twin is f64x2.pmin.
 */
// @ts-ignore: decorator
@inline export function capped(sq: f64, cap: f64): f64 {
  return cap < sq ? cap : sq;
}

/** r² between rows `a` and `b` (d values each) under the parameter block `kp`. */
// @ts-ignore: decorator
@inline export function sqDist(a: usize, b: usize, kp: usize, d: i32): f64 {
  const caps = kp + (<usize>d << 3);
  let acc = f64x2.splat(0.0);
  let j = 0;
  for (; j + 2 <= d; j += 2) {
    const off = <usize>j << 3;
    const diff = f64x2.sub(v128.load(a + off), v128.load(b + off));
    const sq = f64x2.pmin(f64x2.mul(diff, diff), v128.load(caps + off));
    acc = f64x2.add(acc, f64x2.mul(sq, v128.load(kp + off)));
  }
  let r2 = f64x2.extract_lane(acc, 0) + f64x2.extract_lane(acc, 1);
  if (j < d) {
    const off = <usize>j << 3;
    const diff = load<f64>(a + off) - load<f64>(b + off);
    r2 += capped(diff * diff, load<f64>(caps + off)) * load<f64>(kp + off);
  }
  return r2;
}

/** Matérn-5/2 correlation (σ² = 1) at squared distance r². */
// @ts-ignore: decorator
@inline export function matern(r2: f64): f64 {
  const s = SQRT5 * Math.sqrt(r2);
  return (1.0 + s + s * s * (1.0 / 3.0)) * Math.exp(-s);
}

/** dk/d(r²) of the last `maternAndSlope` call (a global, so the pair shares one exp). */
export let maternSlope: f64 = 0.0;

/** Matérn-5/2 correlation at r²; its derivative with respect to r² goes to `maternSlope`. */
// @ts-ignore: decorator
@inline export function maternAndSlope(r2: f64): f64 {
  const s = SQRT5 * Math.sqrt(r2);
  const e = Math.exp(-s);
  maternSlope = -FIVE_SIXTHS * (1.0 + s) * e;
  return (1.0 + s + s * s * (1.0 / 3.0)) * e;
}

/** Derivative of the Matérn-5/2 correlation with respect to r². */
// @ts-ignore: decorator
@inline export function maternDr2(r2: f64): f64 {
  const s = SQRT5 * Math.sqrt(r2);
  return -FIVE_SIXTHS * (1.0 + s) * Math.exp(-s);
}

/**
 * Fills the parameter block from log-lengthscales: 1/ℓ² = exp(−2 log ℓ). `cat` points to d i32
 * flags (non-zero: categorical) or is 0 when every dimension is continuous.
 */
export function kernelPrepareLog(logLs: usize, cat: usize, d: i32, kp: usize): void {
  for (let j = 0; j < d; j++) {
    const off = <usize>j << 3;
    store<f64>(kp + off, Math.exp(-2.0 * load<f64>(logLs + off)));
    const isCat = cat != 0 && load<i32>(cat + (<usize>j << 2)) != 0;
    store<f64>(kp + (<usize>d << 3) + off, isCat ? 1.0 : Infinity);
  }
}

/** Cross-covariance σ² K(A, B) into `out` (na × nb, row-major). */
export function kernelMatrix(a: usize, na: i32, b: usize, nb: i32, d: i32, kp: usize, signal: f64, out: usize): void {
  const rowA = <usize>d << 3;
  for (let i = 0; i < na; i++) {
    const ai = a + <usize>i * rowA;
    const oi = out + ((<usize>i * <usize>nb) << 3);
    for (let k = 0; k < nb; k++) {
      store<f64>(oi + (<usize>k << 3), signal * matern(sqDist(ai, b + <usize>k * rowA, kp, d)));
    }
  }
}

/**
 * Symmetric σ² K(X, X) + noise·I into `out` (n × n, both triangles), computing each pair once.
 */
export function kernelGram(x: usize, n: i32, d: i32, kp: usize, signal: f64, noise: f64, out: usize): void {
  const row = <usize>d << 3;
  const diag = signal + noise;
  for (let i = 0; i < n; i++) {
    const xi = x + <usize>i * row;
    store<f64>(out + ((<usize>i * n + i) << 3), diag);
    for (let k = 0; k < i; k++) {
      const v = signal * matern(sqDist(xi, x + <usize>k * row, kp, d));
      store<f64>(out + ((<usize>i * n + k) << 3), v);
      store<f64>(out + ((<usize>k * n + i) << 3), v);
    }
  }
}

/**
 * Adds ∂k(a, b)/∂a (d values) times `scale` into `out`, given dk/d(r²) for the pair. Categorical
 * dimensions contribute 0: the derivative of min(Δ², 1) vanishes at integer Δ.
 */
// @ts-ignore: decorator
@inline export function addGradX(a: usize, b: usize, kp: usize, d: i32, scale: f64, out: usize): void {
  const caps = kp + (<usize>d << 3);
  for (let j = 0; j < d; j++) {
    const off = <usize>j << 3;
    const diff = load<f64>(a + off) - load<f64>(b + off);
    if (diff * diff < load<f64>(caps + off)) {
      store<f64>(out + off, load<f64>(out + off) + scale * 2.0 * diff * load<f64>(kp + off));
    }
  }
}

// ---- exported kernels (flat ABI; see src/core/exports.ts) ----

/**
 * Parameter block from lengthscales (not logs): kp[j] = 1/ℓ_j², kp[d + j] = 1 or +Inf.
 * `cat` is 0 or d i32 flags.
 */
export function kernel_prepare(ls: usize, cat: usize, d: i32, kp: usize): void {
  for (let j = 0; j < d; j++) {
    const off = <usize>j << 3;
    const l = load<f64>(ls + off);
    store<f64>(kp + off, 1.0 / (l * l));
    const isCat = cat != 0 && load<i32>(cat + (<usize>j << 2)) != 0;
    store<f64>(kp + (<usize>d << 3) + off, isCat ? 1.0 : Infinity);
  }
}

/** σ² K(A, B), na × nb row-major. */
export function kernel_matrix(a: usize, na: i32, b: usize, nb: i32, d: i32, kp: usize, signal: f64, out: usize): void {
  kernelMatrix(a, na, b, nb, d, kp, signal, out);
}

/** σ² K(X, X) + noise·I, n × n. */
export function kernel_gram(x: usize, n: i32, d: i32, kp: usize, signal: f64, noise: f64, out: usize): void {
  kernelGram(x, n, d, kp, signal, noise, out);
}

/**
 * k(a, b) and its gradient with respect to `a` (d values into `out`). Returns k.
 */
export function kernel_grad_x(a: usize, b: usize, d: i32, kp: usize, signal: f64, out: usize): f64 {
  const r2 = sqDist(a, b, kp, d);
  const dr2 = signal * maternDr2(r2);
  memory.fill(out, 0, <usize>d << 3);
  addGradX(a, b, kp, d, dr2, out);
  return signal * matern(r2);
}

/**
 * k(a, b) and its gradient with respect to (log ℓ_1..log ℓ_d, log σ²) into `out` (d + 1 values).
 * ∂r²/∂log ℓ_j = −2 min(Δ_j², cap_j)/ℓ_j², and ∂k/∂log σ² = k. Returns k.
 */
export function kernel_grad_hyper(a: usize, b: usize, d: i32, kp: usize, signal: f64, out: usize): f64 {
  const r2 = sqDist(a, b, kp, d);
  const k = signal * matern(r2);
  const dr2 = signal * maternDr2(r2);
  const caps = kp + (<usize>d << 3);
  for (let j = 0; j < d; j++) {
    const off = <usize>j << 3;
    const diff = load<f64>(a + off) - load<f64>(b + off);
    const sq = capped(diff * diff, load<f64>(caps + off));
    store<f64>(out + off, -2.0 * dr2 * sq * load<f64>(kp + off));
  }
  store<f64>(out + (<usize>d << 3), k);
  return k;
}
