// Posterior of the latent function of a factored GP (see gp.ts) at a batch of candidates, with
// gradients, and the extension of the factor by pending points (kriging believer).
//
//   μ(x) = k(x)ᵀα,   v(x) = σ² − ‖L⁻¹k(x)‖²   (noise excluded),
//   ∇μ = Σ_i α_i ∇k_i,   ∇v = −2 Σ_i (K⁻¹k)_i ∇k_i,   ∇k_i = k'(r²_i) ∇r²_i.
//
// Candidates go through in blocks of BLOCK columns stored n × BLOCK, so each row of L is read once
// per block and the triangular solves run as SIMD updates across the block (one candidate at a
// time would stream all of L per candidate).

import { sqDist, maternAndSlope, maternSlope, kernelMatrix, kernelGram } from './kernel';
import { cholExtend, cholSolve, dot } from './linalg';
import { ld, st } from './memory';

// @ts-ignore: decorator
@inline const BLOCK: i32 = 8;
// @ts-ignore: decorator
@inline const ROW_BYTES: usize = 64; // BLOCK f64

/** f64 slots of workspace that `gp_posterior` needs. */
export function gp_posterior_work(n: i32): i32 {
  return 2 * n * BLOCK + 2 * BLOCK;
}

/**
 * Posterior mean and latent variance at the m rows of `xc` (m × d) into `meanOut`, `varOut`; with
 * `gradMeanOut` != 0 also ∇μ and ∇v (m × d each; `gradVarOut` must then be given too). `xt` (n × d),
 * `l` and `alpha` come from gp_factor; `kp` from kernel_prepare. The variance is clamped at 0
 * (rounding can take it slightly below near training points); its gradient is not. A candidate
 * gets the same bits whichever batch it is evaluated in.
 */
export function gp_posterior(
  xt: usize, n: i32, d: i32, kp: usize, signal: f64, l: usize, alpha: usize, xc: usize, m: i32,
  meanOut: usize, varOut: usize, gradMeanOut: usize, gradVarOut: usize, work: usize,
): void {
  const v = work;
  const slope = work + ((<usize>n * BLOCK) << 3);
  const sums = slope + ((<usize>n * BLOCK) << 3); // μ then ‖L⁻¹k‖² per column
  const grads = gradMeanOut != 0;
  const row = <usize>d << 3;
  for (let c0 = 0; c0 < m; c0 += BLOCK) {
    const width = min(BLOCK, m - c0);
    for (let i = 0; i < n; i++) {
      const xi = xt + <usize>i * row;
      const vi = v + <usize>i * ROW_BYTES;
      const si = slope + <usize>i * ROW_BYTES;
      for (let c = 0; c < BLOCK; c++) {
        let kv = 0.0;
        let sv = 0.0;
        if (c < width) {
          kv = signal * maternAndSlope(sqDist(xc + <usize>(c0 + c) * row, xi, kp, d));
          sv = signal * maternSlope;
        }
        st(vi, c, kv);
        if (grads) st(si, c, sv);
      }
    }
    // μ = Σ_i α_i k_i, across the block.
    let m0 = f64x2.splat(0.0);
    let m1 = f64x2.splat(0.0);
    let m2 = f64x2.splat(0.0);
    let m3 = f64x2.splat(0.0);
    for (let i = 0; i < n; i++) {
      const a = f64x2.splat(ld(alpha, i));
      const vi = v + <usize>i * ROW_BYTES;
      m0 = f64x2.add(m0, f64x2.mul(a, v128.load(vi)));
      m1 = f64x2.add(m1, f64x2.mul(a, v128.load(vi, 16)));
      m2 = f64x2.add(m2, f64x2.mul(a, v128.load(vi, 32)));
      m3 = f64x2.add(m3, f64x2.mul(a, v128.load(vi, 48)));
    }
    // A block of one or two candidates (the tail of a local search) solves only its first lanes.
    if (width <= 2) forwardPair(l, n, v);
    else forwardBlock(l, n, v);
    let q0 = f64x2.splat(0.0);
    let q1 = f64x2.splat(0.0);
    let q2 = f64x2.splat(0.0);
    let q3 = f64x2.splat(0.0);
    for (let i = 0; i < n; i++) {
      const vi = v + <usize>i * ROW_BYTES;
      const x0 = v128.load(vi);
      const x1 = v128.load(vi, 16);
      const x2 = v128.load(vi, 32);
      const x3 = v128.load(vi, 48);
      q0 = f64x2.add(q0, f64x2.mul(x0, x0));
      q1 = f64x2.add(q1, f64x2.mul(x1, x1));
      q2 = f64x2.add(q2, f64x2.mul(x2, x2));
      q3 = f64x2.add(q3, f64x2.mul(x3, x3));
    }
    v128.store(sums, m0);
    v128.store(sums, m1, 16);
    v128.store(sums, m2, 32);
    v128.store(sums, m3, 48);
    v128.store(sums, q0, 64);
    v128.store(sums, q1, 80);
    v128.store(sums, q2, 96);
    v128.store(sums, q3, 112);
    for (let c = 0; c < width; c++) {
      st(meanOut, c0 + c, ld(sums, c));
      st(varOut, c0 + c, max(signal - ld(sums, BLOCK + c), 0.0));
    }
    if (!grads) continue;
    if (width <= 2) backwardPair(l, n, v);
    else backwardBlock(l, n, v);
    for (let c = 0; c < width; c++) {
      const xcc = xc + <usize>(c0 + c) * row;
      const gm = gradMeanOut + <usize>(c0 + c) * row;
      const gv = gradVarOut + <usize>(c0 + c) * row;
      memory.fill(gm, 0, row);
      memory.fill(gv, 0, row);
      for (let i = 0; i < n; i++) {
        const s = ld(slope + <usize>i * ROW_BYTES, c);
        const wm = 2.0 * ld(alpha, i) * s;
        const wv = -4.0 * ld(v + <usize>i * ROW_BYTES, c) * s;
        const xi = xt + <usize>i * row;
        const caps = kp + row;
        // ∂r²/∂x_j = 2Δ/ℓ_j² where min(Δ², cap) = Δ²; categorical dims (integer Δ) give 0.
        const vm = f64x2.splat(wm);
        const vv = f64x2.splat(wv);
        let j = 0;
        for (; j + 2 <= d; j += 2) {
          const off = <usize>j << 3;
          const diff = f64x2.sub(v128.load(xcc + off), v128.load(xi + off));
          const live = f64x2.lt(f64x2.mul(diff, diff), v128.load(caps + off));
          const t = v128.and(f64x2.mul(diff, v128.load(kp + off)), live);
          v128.store(gm + off, f64x2.add(v128.load(gm + off), f64x2.mul(vm, t)));
          v128.store(gv + off, f64x2.add(v128.load(gv + off), f64x2.mul(vv, t)));
        }
        if (j < d) {
          const diff = ld(xcc, j) - ld(xi, j);
          if (diff * diff < ld(caps, j)) {
            const t = diff * ld(kp, j);
            st(gm, j, ld(gm, j) + wm * t);
            st(gv, j, ld(gv, j) + wv * t);
          }
        }
      }
    }
  }
}

/**
 * V ← L⁻¹V for V n × BLOCK (forward substitution, all columns at once). Rows go in pairs: both
 * share every load of V_k, and their eight independent accumulators hide the add latency.
 */
function forwardBlock(l: usize, n: i32, v: usize): void {
  let i = 0;
  for (; i + 1 < n; i += 2) {
    const l0 = l + ((<usize>i * n) << 3);
    const l1 = l0 + (<usize>n << 3);
    const v0 = v + <usize>i * ROW_BYTES;
    const v1 = v0 + ROW_BYTES;
    let a0 = v128.load(v0);
    let a1 = v128.load(v0, 16);
    let a2 = v128.load(v0, 32);
    let a3 = v128.load(v0, 48);
    let b0 = v128.load(v1);
    let b1 = v128.load(v1, 16);
    let b2 = v128.load(v1, 32);
    let b3 = v128.load(v1, 48);
    for (let k = 0; k < i; k++) {
      const c = f64x2.splat(ld(l0, k));
      const e = f64x2.splat(ld(l1, k));
      const vk = v + <usize>k * ROW_BYTES;
      const x0 = v128.load(vk);
      const x1 = v128.load(vk, 16);
      const x2 = v128.load(vk, 32);
      const x3 = v128.load(vk, 48);
      a0 = f64x2.sub(a0, f64x2.mul(c, x0));
      a1 = f64x2.sub(a1, f64x2.mul(c, x1));
      a2 = f64x2.sub(a2, f64x2.mul(c, x2));
      a3 = f64x2.sub(a3, f64x2.mul(c, x3));
      b0 = f64x2.sub(b0, f64x2.mul(e, x0));
      b1 = f64x2.sub(b1, f64x2.mul(e, x1));
      b2 = f64x2.sub(b2, f64x2.mul(e, x2));
      b3 = f64x2.sub(b3, f64x2.mul(e, x3));
    }
    const inv0 = f64x2.splat(1.0 / ld(l0, i));
    a0 = f64x2.mul(a0, inv0);
    a1 = f64x2.mul(a1, inv0);
    a2 = f64x2.mul(a2, inv0);
    a3 = f64x2.mul(a3, inv0);
    v128.store(v0, a0);
    v128.store(v0, a1, 16);
    v128.store(v0, a2, 32);
    v128.store(v0, a3, 48);
    // Row i+1 still owes the term of row i, just solved.
    const c = f64x2.splat(ld(l1, i));
    const inv1 = f64x2.splat(1.0 / ld(l1, i + 1));
    v128.store(v1, f64x2.mul(f64x2.sub(b0, f64x2.mul(c, a0)), inv1));
    v128.store(v1, f64x2.mul(f64x2.sub(b1, f64x2.mul(c, a1)), inv1), 16);
    v128.store(v1, f64x2.mul(f64x2.sub(b2, f64x2.mul(c, a2)), inv1), 32);
    v128.store(v1, f64x2.mul(f64x2.sub(b3, f64x2.mul(c, a3)), inv1), 48);
  }
  if (i < n) {
    const li = l + ((<usize>i * n) << 3);
    const vi = v + <usize>i * ROW_BYTES;
    let a0 = v128.load(vi);
    let a1 = v128.load(vi, 16);
    let a2 = v128.load(vi, 32);
    let a3 = v128.load(vi, 48);
    for (let k = 0; k < i; k++) {
      const c = f64x2.splat(ld(li, k));
      const vk = v + <usize>k * ROW_BYTES;
      a0 = f64x2.sub(a0, f64x2.mul(c, v128.load(vk)));
      a1 = f64x2.sub(a1, f64x2.mul(c, v128.load(vk, 16)));
      a2 = f64x2.sub(a2, f64x2.mul(c, v128.load(vk, 32)));
      a3 = f64x2.sub(a3, f64x2.mul(c, v128.load(vk, 48)));
    }
    const inv = f64x2.splat(1.0 / ld(li, i));
    v128.store(vi, f64x2.mul(a0, inv));
    v128.store(vi, f64x2.mul(a1, inv), 16);
    v128.store(vi, f64x2.mul(a2, inv), 32);
    v128.store(vi, f64x2.mul(a3, inv), 48);
  }
}

/** V ← L⁻ᵀV (back substitution by rows of L, so L is read contiguously). */
function backwardBlock(l: usize, n: i32, v: usize): void {
  for (let i = n - 1; i >= 0; i--) {
    const li = l + ((<usize>i * n) << 3);
    const vi = v + <usize>i * ROW_BYTES;
    const inv = f64x2.splat(1.0 / ld(li, i));
    const w0 = f64x2.mul(v128.load(vi), inv);
    const w1 = f64x2.mul(v128.load(vi, 16), inv);
    const w2 = f64x2.mul(v128.load(vi, 32), inv);
    const w3 = f64x2.mul(v128.load(vi, 48), inv);
    v128.store(vi, w0);
    v128.store(vi, w1, 16);
    v128.store(vi, w2, 32);
    v128.store(vi, w3, 48);
    for (let k = 0; k < i; k++) {
      const c = f64x2.splat(ld(li, k));
      const vk = v + <usize>k * ROW_BYTES;
      v128.store(vk, f64x2.sub(v128.load(vk), f64x2.mul(c, w0)));
      v128.store(vk, f64x2.sub(v128.load(vk, 16), f64x2.mul(c, w1)), 16);
      v128.store(vk, f64x2.sub(v128.load(vk, 32), f64x2.mul(c, w2)), 32);
      v128.store(vk, f64x2.sub(v128.load(vk, 48), f64x2.mul(c, w3)), 48);
    }
  }
}

/**
 * forwardBlock restricted to the first two columns of V, with the same operation order per
 * element, so a candidate gets the same bits whatever batch it is evaluated in.
 */
function forwardPair(l: usize, n: i32, v: usize): void {
  for (let i = 0; i < n; i++) {
    const li = l + ((<usize>i * n) << 3);
    const vi = v + <usize>i * ROW_BYTES;
    let a = v128.load(vi);
    for (let k = 0; k < i; k++) {
      a = f64x2.sub(a, f64x2.mul(f64x2.splat(ld(li, k)), v128.load(v + <usize>k * ROW_BYTES)));
    }
    v128.store(vi, f64x2.mul(a, f64x2.splat(1.0 / ld(li, i))));
  }
}

/** backwardBlock restricted to the first two columns of V. */
function backwardPair(l: usize, n: i32, v: usize): void {
  for (let i = n - 1; i >= 0; i--) {
    const li = l + ((<usize>i * n) << 3);
    const vi = v + <usize>i * ROW_BYTES;
    const w = f64x2.mul(v128.load(vi), f64x2.splat(1.0 / ld(li, i)));
    v128.store(vi, w);
    for (let k = 0; k < i; k++) {
      const vk = v + <usize>k * ROW_BYTES;
      v128.store(vk, f64x2.sub(v128.load(vk), f64x2.mul(f64x2.splat(ld(li, k)), w)));
    }
  }
}

/** f64 slots of workspace that `gp_posterior_extend` needs for k pending points. */
export function gp_posterior_extend_work(n: i32, k: i32): i32 {
  return k * n + k * k;
}

// Jitter rungs for the pending block, in units of σ² + σ_n²: a pending point that duplicates an
// observed or another pending one makes the Schur complement singular up to the noise.
// @ts-ignore: decorator
@inline function extendRung(r: i32): f64 {
  return r == 0 ? 0.0 : r == 1 ? 1e-10 : r == 2 ? 1e-8 : r == 3 ? 1e-6 : 1e-4;
}

/**
 * Conditions the GP on k pending points `xp` (k × d) observed at believed values: their posterior
 * mean when `lie` is NaN (kriging believer: the mean is unchanged, the variance shrinks near
 * pending points), else the constant `lie` (constant liar: a pessimistic lie also lowers the mean
 * there, which pushes the next proposal away). `lOut` ((n+k)²) becomes the factor extended by
 * cholExtend, `yOut` (n+k) the outputs with the believed values appended, `alphaOut` (n+k) the
 * new weights. Returns -1, or the failing pivot when even the last jitter rung fails.
 */
export function gp_posterior_extend(
  xt: usize, n: i32, d: i32, kp: usize, signal: f64, noise: f64, l: usize, y: usize, alpha: usize,
  xp: usize, k: i32, lOut: usize, yOut: usize, alphaOut: usize, work: usize, lie: f64,
): i32 {
  const cross = work;
  const corner = work + ((<usize>k * n) << 3);
  kernelMatrix(xp, k, xt, n, d, kp, signal, cross);
  memory.copy(yOut, y, <usize>n << 3);
  const believe = isNaN(lie);
  for (let r = 0; r < k; r++) st(yOut, n + r, believe ? dot(cross + ((<usize>r * n) << 3), alpha, n) : lie);
  let status = -1;
  for (let rung = 0; rung < 5; rung++) {
    kernelGram(xp, k, d, kp, signal, noise + extendRung(rung) * (signal + noise), corner);
    status = cholExtend(l, n, k, cross, corner, lOut);
    if (status < 0) break;
  }
  if (status >= 0) return status;
  memory.copy(alphaOut, yOut, <usize>(n + k) << 3);
  cholSolve(lOut, n + k, alphaOut);
  return -1;
}
