// Dot-product kernels shared by the linear algebra (assembly/linalg.ts), the Gaussian process and
// L-BFGS: dot and axpy, and the register-blocked 2×2 and 4×2 blocks of dot products that the
// Cholesky factorization is built on. Plain SIMD (f64x2) only; every sum is accumulated in a fixed
// order, so results are bit-reproducible across engines.
//
// Two variants sum in another order than `dot`/`dot2x2` and must keep it: `dotSerial` (L-BFGS) and
// `dot2x2OneChain` (K⁻¹ in gp-inverse.ts). Their callers' results, and so every GP study's
// trajectory, depend on those exact rounding orders; merging them into the faster kernels would
// change the bits of every study.

import { ld, st } from './memory';

// @ts-ignore: decorator
@inline export function hsum(v: v128): f64 {
  return f64x2.extract_lane(v, 0) + f64x2.extract_lane(v, 1);
}

/** Σ a[k]·b[k] for k < n (SIMD, four partial sums, fixed order so results are reproducible). */
export function dot(a: usize, b: usize, n: i32): f64 {
  let s0 = f64x2.splat(0.0);
  let s1 = f64x2.splat(0.0);
  let s2 = f64x2.splat(0.0);
  let s3 = f64x2.splat(0.0);
  let k = 0;
  for (; k + 8 <= n; k += 8) {
    const o = <usize>k << 3;
    s0 = f64x2.add(s0, f64x2.mul(v128.load(a + o), v128.load(b + o)));
    s1 = f64x2.add(s1, f64x2.mul(v128.load(a + o, 16), v128.load(b + o, 16)));
    s2 = f64x2.add(s2, f64x2.mul(v128.load(a + o, 32), v128.load(b + o, 32)));
    s3 = f64x2.add(s3, f64x2.mul(v128.load(a + o, 48), v128.load(b + o, 48)));
  }
  for (; k + 2 <= n; k += 2) {
    const o = <usize>k << 3;
    s0 = f64x2.add(s0, f64x2.mul(v128.load(a + o), v128.load(b + o)));
  }
  let s = hsum(f64x2.add(f64x2.add(s0, s1), f64x2.add(s2, s3)));
  if (k < n) s += ld(a, k) * ld(b, k);
  return s;
}

/** y[k] += alpha·x[k] for k < n (SIMD). */
export function axpy(alpha: f64, x: usize, y: usize, n: i32): void {
  const va = f64x2.splat(alpha);
  let k = 0;
  for (; k + 4 <= n; k += 4) {
    const o = <usize>k << 3;
    v128.store(y + o, f64x2.add(v128.load(y + o), f64x2.mul(va, v128.load(x + o))));
    v128.store(y + o, f64x2.add(v128.load(y + o, 16), f64x2.mul(va, v128.load(x + o, 16))), 16);
  }
  for (; k < n; k++) st(y, k, ld(y, k) + alpha * ld(x, k));
}

/** Σ a[k]·b[k] for k < n, one scalar sum from k = 0 upward (the order L-BFGS's results rest on). */
export function dotSerial(a: usize, b: usize, n: i32): f64 {
  let s = 0.0;
  for (let i = 0; i < n; i++) s += ld(a, i) * ld(b, i);
  return s;
}

// Outputs of dot2x2 and dot2x2OneChain (module globals: the kernel returns four sums and must not allocate).
export let d00: f64 = 0;
export let d01: f64 = 0;
export let d10: f64 = 0;
export let d11: f64 = 0;

/** The four dot products of rows a0, a1 with rows b0, b1 over k < n, into d00..d11. */
// @ts-ignore: decorator
@inline export function dot2x2(a0: usize, a1: usize, b0: usize, b1: usize, n: i32): void {
  let s00 = f64x2.splat(0.0);
  let s01 = f64x2.splat(0.0);
  let s10 = f64x2.splat(0.0);
  let s11 = f64x2.splat(0.0);
  let t00 = f64x2.splat(0.0);
  let t01 = f64x2.splat(0.0);
  let t10 = f64x2.splat(0.0);
  let t11 = f64x2.splat(0.0);
  let k = 0;
  // Two independent accumulator sets hide the latency of f64x2.add.
  for (; k + 4 <= n; k += 4) {
    const o = <usize>k << 3;
    let x0 = v128.load(a0 + o);
    let x1 = v128.load(a1 + o);
    let y0 = v128.load(b0 + o);
    let y1 = v128.load(b1 + o);
    s00 = f64x2.add(s00, f64x2.mul(x0, y0));
    s01 = f64x2.add(s01, f64x2.mul(x0, y1));
    s10 = f64x2.add(s10, f64x2.mul(x1, y0));
    s11 = f64x2.add(s11, f64x2.mul(x1, y1));
    x0 = v128.load(a0 + o, 16);
    x1 = v128.load(a1 + o, 16);
    y0 = v128.load(b0 + o, 16);
    y1 = v128.load(b1 + o, 16);
    t00 = f64x2.add(t00, f64x2.mul(x0, y0));
    t01 = f64x2.add(t01, f64x2.mul(x0, y1));
    t10 = f64x2.add(t10, f64x2.mul(x1, y0));
    t11 = f64x2.add(t11, f64x2.mul(x1, y1));
  }
  if (k + 2 <= n) {
    const o = <usize>k << 3;
    const x0 = v128.load(a0 + o);
    const x1 = v128.load(a1 + o);
    const y0 = v128.load(b0 + o);
    const y1 = v128.load(b1 + o);
    s00 = f64x2.add(s00, f64x2.mul(x0, y0));
    s01 = f64x2.add(s01, f64x2.mul(x0, y1));
    s10 = f64x2.add(s10, f64x2.mul(x1, y0));
    s11 = f64x2.add(s11, f64x2.mul(x1, y1));
    k += 2;
  }
  let r00 = hsum(f64x2.add(s00, t00));
  let r01 = hsum(f64x2.add(s01, t01));
  let r10 = hsum(f64x2.add(s10, t10));
  let r11 = hsum(f64x2.add(s11, t11));
  if (k < n) {
    const x0 = ld(a0, k);
    const x1 = ld(a1, k);
    const y0 = ld(b0, k);
    const y1 = ld(b1, k);
    r00 += x0 * y0;
    r01 += x0 * y1;
    r10 += x1 * y0;
    r11 += x1 * y1;
  }
  d00 = r00;
  d01 = r01;
  d10 = r10;
  d11 = r11;
}

// Outputs of dot4x2: e[r][c] = row a_r · row b_c.
export let e00: f64 = 0;
export let e01: f64 = 0;
export let e10: f64 = 0;
export let e11: f64 = 0;
export let e20: f64 = 0;
export let e21: f64 = 0;
export let e30: f64 = 0;
export let e31: f64 = 0;

/**
 * The eight dot products of rows a0..a3 with rows b0, b1 over k < n. Six v128 loads feed eight
 * multiply-adds: twice the reuse of dot2x2, which is what matters once the rows no longer fit in
 * L2 (n ≳ 350). Eight accumulators plus six operands fit the 16 SIMD registers of x86-64.
 */
// @ts-ignore: decorator
@inline export function dot4x2(a0: usize, a1: usize, a2: usize, a3: usize, b0: usize, b1: usize, n: i32): void {
  let s00 = f64x2.splat(0.0);
  let s01 = f64x2.splat(0.0);
  let s10 = f64x2.splat(0.0);
  let s11 = f64x2.splat(0.0);
  let s20 = f64x2.splat(0.0);
  let s21 = f64x2.splat(0.0);
  let s30 = f64x2.splat(0.0);
  let s31 = f64x2.splat(0.0);
  let k = 0;
  for (; k + 2 <= n; k += 2) {
    const o = <usize>k << 3;
    const y0 = v128.load(b0 + o);
    const y1 = v128.load(b1 + o);
    let x = v128.load(a0 + o);
    s00 = f64x2.add(s00, f64x2.mul(x, y0));
    s01 = f64x2.add(s01, f64x2.mul(x, y1));
    x = v128.load(a1 + o);
    s10 = f64x2.add(s10, f64x2.mul(x, y0));
    s11 = f64x2.add(s11, f64x2.mul(x, y1));
    x = v128.load(a2 + o);
    s20 = f64x2.add(s20, f64x2.mul(x, y0));
    s21 = f64x2.add(s21, f64x2.mul(x, y1));
    x = v128.load(a3 + o);
    s30 = f64x2.add(s30, f64x2.mul(x, y0));
    s31 = f64x2.add(s31, f64x2.mul(x, y1));
  }
  let r00 = hsum(s00);
  let r01 = hsum(s01);
  let r10 = hsum(s10);
  let r11 = hsum(s11);
  let r20 = hsum(s20);
  let r21 = hsum(s21);
  let r30 = hsum(s30);
  let r31 = hsum(s31);
  if (k < n) {
    const y0 = ld(b0, k);
    const y1 = ld(b1, k);
    r00 += ld(a0, k) * y0;
    r01 += ld(a0, k) * y1;
    r10 += ld(a1, k) * y0;
    r11 += ld(a1, k) * y1;
    r20 += ld(a2, k) * y0;
    r21 += ld(a2, k) * y1;
    r30 += ld(a3, k) * y0;
    r31 += ld(a3, k) * y1;
  }
  e00 = r00;
  e01 = r01;
  e10 = r10;
  e11 = r11;
  e20 = r20;
  e21 = r21;
  e30 = r30;
  e31 = r31;
}

/**
 * The same four dot products as dot2x2, into d00..d11, with one accumulator chain two elements at a
 * time (a different rounding order than dot2x2's two chains: see the top of this file).
 */
export function dot2x2OneChain(a0: usize, a1: usize, b0: usize, b1: usize, n: i32): void {
  let p00 = f64x2.splat(0.0);
  let p01 = f64x2.splat(0.0);
  let p10 = f64x2.splat(0.0);
  let p11 = f64x2.splat(0.0);
  let k = 0;
  for (; k + 2 <= n; k += 2) {
    const o = <usize>k << 3;
    const x0 = v128.load(a0 + o);
    const x1 = v128.load(a1 + o);
    const y0 = v128.load(b0 + o);
    const y1 = v128.load(b1 + o);
    p00 = f64x2.add(p00, f64x2.mul(x0, y0));
    p01 = f64x2.add(p01, f64x2.mul(x0, y1));
    p10 = f64x2.add(p10, f64x2.mul(x1, y0));
    p11 = f64x2.add(p11, f64x2.mul(x1, y1));
  }
  let r00 = hsum(p00);
  let r01 = hsum(p01);
  let r10 = hsum(p10);
  let r11 = hsum(p11);
  if (k < n) {
    const x0 = ld(a0, k);
    const x1 = ld(a1, k);
    const y0 = ld(b0, k);
    const y1 = ld(b1, k);
    r00 += x0 * y0;
    r01 += x0 * y1;
    r10 += x1 * y0;
    r11 += x1 * y1;
  }
  d00 = r00;
  d01 = r01;
  d10 = r10;
  d11 = r11;
}
