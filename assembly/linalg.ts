// Dense linear algebra for the Gaussian process: SIMD dot/axpy, Cholesky with a jitter ladder,
// triangular solves and the extension of a factor by k new rows (pending trials).
//
// Matrices are row-major f64 at byte address `a`, leading dimension n unless stated. Only the
// lower triangle of a symmetric input is read. Nothing here allocates or validates: failures come
// back as the index of the failing pivot, -1 meaning success.
//
// The factorization is the row-oriented (Cholesky–Crout) form: row i of L needs only rows < i,
//   L[i][j] = (A[i][j] − Σ_{k<j} L[i][k]·L[j][k]) / L[j][j],   L[i][i] = sqrt(A[i][i] − Σ_{k<i} L[i][k]²),
// so every inner loop is a contiguous dot product (assembly/dot.ts). Rows are taken in blocks
// that stay in L2 and, inside a block, four at a time against pairs of earlier rows: one 4×2
// block of dot products shares its loads (6 v128 loads feed 8 multiply-adds), and each pair of
// earlier rows is read from memory once per block instead of once per row. Because rows < i are
// never touched again, extending a factor by k rows is the same loop started at row n
// (cholExtend). Measured on this machine (bench/linalg.bench.ts, best of 60): about 13 GF/s at
// n = 200 and 14.5 GF/s at n = 500, of an estimated 20-28 GF/s plain-SIMD peak.

import { axpy, d00, d01, d10, d11, dot, dot2x2, dot4x2, e00, e01, e10, e11, e20, e21, e30, e31 } from './dot';
import { ld, st } from './memory';

export { dot, axpy } from './dot';

/** Row r's entries j and j+1 from the two dot products (d0, d1) with rows j, j+1. */
// @ts-ignore: decorator
@inline function finishPair(r: usize, j: i32, d0: f64, d1: f64, inv0: f64, inv1: f64, l1j: f64): void {
  const x0 = (ld(r, j) - d0) * inv0;
  st(r, j, x0);
  st(r, j + 1, (ld(r, j + 1) - d1 - x0 * l1j) * inv1);
}

/** Entries [c0, i] of row i (c0 ≤ i), one dot product each: diagonal blocks and leftovers. */
function finishRow(a: usize, stride: usize, i: i32, c0: i32): i32 {
  const ri = a + <usize>i * stride;
  for (let c = c0; c < i; c++) {
    const rc = a + <usize>c * stride;
    st(ri, c, (ld(ri, c) - dot(ri, rc, c)) / ld(rc, c));
  }
  const p = ld(ri, i) - dot(ri, ri, i);
  if (!(p > 0.0)) return i;
  st(ri, i, Math.sqrt(p));
  return -1;
}

/**
 * Rows [from, to) of the lower Cholesky factor of an order-`to` matrix stored with leading
 * dimension `lda`, in place, given that rows [0, from) already hold L. Row i's strict upper part
 * (columns i+1 .. to−1) is set to 0. Returns -1, or the index of the first pivot that is not
 * positive (or NaN); rows from that pivot on are then left partly computed.
 */
function cholRows(a: usize, lda: i32, from: i32, to: i32): i32 {
  const stride = <usize>lda << 3;
  // Row blocks small enough to stay in L2 (≈ 256 KB) while every earlier column pair streams past
  // once per block: the pair (two rows of L) is then reused from L1 by all rows of the block.
  let nb = (32768 / max(lda, 1)) & ~3;
  nb = nb < 4 ? 4 : nb > 64 ? 64 : nb;
  for (let bs = from; bs < to; bs += nb) {
    const be = min(bs + nb, to);
    // Columns left of the block, in pairs.
    let jStart = 0;
    for (; jStart + 1 < bs; jStart += 2) rowsAgainstPair(a, stride, bs, be, jStart);
    // The block's own triangle: rows in groups of four, columns from jStart in pairs, then the
    // last column (when odd) and the diagonal entries one dot product at a time.
    for (let i = bs; i < be; i += 4) {
      const ie = min(i + 4, be);
      let j = jStart;
      for (; j + 1 < i; j += 2) rowsAgainstPair(a, stride, i, ie, j);
      for (let r = i; r < ie; r++) {
        const failed = finishRow(a, stride, r, j);
        if (failed >= 0) return failed;
      }
      zeroUpper(a, stride, i, ie - i, to);
    }
  }
  return -1;
}

/** Entries j and j+1 of rows [r0, r1), all below row j+1: four rows at a time, then two, then one. */
function rowsAgainstPair(a: usize, stride: usize, r0: i32, r1: i32, j: i32): void {
  const rj0 = a + <usize>j * stride;
  const rj1 = rj0 + stride;
  const inv0 = 1.0 / ld(rj0, j);
  const inv1 = 1.0 / ld(rj1, j + 1);
  const l1j = ld(rj1, j);
  let r = r0;
  for (; r + 3 < r1; r += 4) {
    const p0 = a + <usize>r * stride;
    const p1 = p0 + stride;
    const p2 = p1 + stride;
    const p3 = p2 + stride;
    dot4x2(p0, p1, p2, p3, rj0, rj1, j);
    finishPair(p0, j, e00, e01, inv0, inv1, l1j);
    finishPair(p1, j, e10, e11, inv0, inv1, l1j);
    finishPair(p2, j, e20, e21, inv0, inv1, l1j);
    finishPair(p3, j, e30, e31, inv0, inv1, l1j);
  }
  if (r + 1 < r1) {
    const p0 = a + <usize>r * stride;
    const p1 = p0 + stride;
    dot2x2(p0, p1, rj0, rj1, j);
    finishPair(p0, j, d00, d01, inv0, inv1, l1j);
    finishPair(p1, j, d10, d11, inv0, inv1, l1j);
    r += 2;
  }
  if (r < r1) {
    const p0 = a + <usize>r * stride;
    finishPair(p0, j, dot(p0, rj0, j), dot(p0, rj1, j), inv0, inv1, l1j);
  }
}

/** Sets columns (row + 1) .. to − 1 of `rows` rows starting at `first` to 0. */
function zeroUpper(a: usize, stride: usize, first: i32, rows: i32, to: i32): void {
  for (let r = first; r < first + rows; r++) {
    const row = a + <usize>r * stride;
    for (let c = r + 1; c < to; c++) st(row, c, 0.0);
  }
}

/**
 * In-place lower Cholesky factor of the n×n SPD matrix at `a`: the lower triangle becomes L with
 * L·Lᵀ = A, the strict upper triangle becomes 0. Returns -1, or the failing pivot's index.
 */
export function cholFactor(a: usize, n: i32): i32 {
  return cholRows(a, n, 0, n);
}

// Jitter ladder, in units of the mean absolute diagonal: small enough to leave a well-posed GP
// unchanged, large enough at the top rung to regularize exactly duplicated points.
// @ts-ignore: decorator
@inline const JITTER_RUNGS = 4;

// @ts-ignore: decorator
@inline function jitterRung(r: i32): f64 {
  return r == 0 ? 1e-10 : r == 1 ? 1e-8 : r == 2 ? 1e-6 : 1e-4;
}

/**
 * Cholesky with a jitter ladder. Copies `a` (n×n) to `backup`, tries cholFactor; on failure
 * restores `a` and retries with 1e-10, 1e-8, 1e-6, then 1e-4 times the mean absolute diagonal
 * (1 if that is 0 or not finite) added to the diagonal. Writes the jitter used to the f64 at
 * `jitterOut` (0 when none was needed). Returns -1 on success; after the last rung fails it
 * restores `a` from `backup`, writes the last jitter tried and returns the failing pivot.
 */
export function cholFactorJitter(a: usize, n: i32, backup: usize, jitterOut: usize): i32 {
  const bytes = (<usize>n * <usize>n) << 3;
  memory.copy(backup, a, bytes);
  store<f64>(jitterOut, 0.0);
  let pivot = cholFactor(a, n);
  if (pivot < 0) return -1;
  const diagStride = (<usize>n + 1) << 3;
  let scale = 0.0;
  for (let i = 0; i < n; i++) scale += Math.abs(load<f64>(backup + <usize>i * diagStride));
  scale = n > 0 ? scale / <f64>n : 0.0;
  if (!(scale > 0.0 && scale < Infinity)) scale = 1.0;
  for (let r = 0; r < JITTER_RUNGS; r++) {
    const jitter = jitterRung(r) * scale;
    memory.copy(a, backup, bytes);
    for (let i = 0; i < n; i++) {
      const p = a + <usize>i * diagStride;
      store<f64>(p, load<f64>(p) + jitter);
    }
    store<f64>(jitterOut, jitter);
    pivot = cholFactor(a, n);
    if (pivot < 0) return -1;
  }
  memory.copy(a, backup, bytes);
  return pivot;
}

/** Solves L·x = b in place (forward substitution; L lower, n×n). */
export function solveLower(l: usize, n: i32, b: usize): void {
  const stride = <usize>n << 3;
  for (let i = 0; i < n; i++) {
    const ri = l + <usize>i * stride;
    st(b, i, (ld(b, i) - dot(ri, b, i)) / ld(ri, i));
  }
}

/** Solves Lᵀ·x = b in place (back substitution by rows of L, so every access is contiguous). */
export function solveLowerT(l: usize, n: i32, b: usize): void {
  const stride = <usize>n << 3;
  for (let i = n - 1; i >= 0; i--) {
    const ri = l + <usize>i * stride;
    const x = ld(b, i) / ld(ri, i);
    st(b, i, x);
    axpy(-x, ri, b, i);
  }
}

/** Solves L·X = B in place, B n×m row-major (m right-hand sides at once, rows updated by axpy). */
export function solveLowerMany(l: usize, n: i32, b: usize, m: i32): void {
  const stride = <usize>n << 3;
  const bStride = <usize>m << 3;
  for (let i = 0; i < n; i++) {
    const ri = l + <usize>i * stride;
    const bi = b + <usize>i * bStride;
    for (let k = 0; k < i; k++) axpy(-ld(ri, k), b + <usize>k * bStride, bi, m);
    const inv = 1.0 / ld(ri, i);
    const v = f64x2.splat(inv);
    let c = 0;
    for (; c + 2 <= m; c += 2) {
      const o = <usize>c << 3;
      v128.store(bi + o, f64x2.mul(v128.load(bi + o), v));
    }
    if (c < m) st(bi, c, ld(bi, c) * inv);
  }
}

/** Solves (L·Lᵀ)·x = b in place. */
export function cholSolve(l: usize, n: i32, b: usize): void {
  solveLower(l, n, b);
  solveLowerT(l, n, b);
}

/**
 * Factor of the (n+k)×(n+k) matrix [[K, crossᵀ], [cross, corner]] from the factor L of K, in
 * O(n²k + nk² + k³) instead of O((n+k)³): the new rows are L21 = cross·L⁻ᵀ and
 * L22 = chol(corner − L21·L21ᵀ), which is exactly the row-oriented loop resumed at row n.
 * `cross` is k×n, `corner` k×k (lower triangle read), `out` (n+k)×(n+k) and must not overlap
 * the inputs. Returns -1, or the failing pivot's index in the extended matrix.
 */
export function cholExtend(l: usize, n: i32, k: i32, cross: usize, corner: usize, out: usize): i32 {
  const m = n + k;
  const outStride = <usize>m << 3;
  const nBytes = <usize>n << 3;
  const kBytes = <usize>k << 3;
  for (let i = 0; i < n; i++) {
    const row = out + <usize>i * outStride;
    memory.copy(row, l + <usize>i * nBytes, nBytes);
    memory.fill(row + nBytes, 0, kBytes);
  }
  for (let r = 0; r < k; r++) {
    const row = out + <usize>(n + r) * outStride;
    memory.copy(row, cross + <usize>r * nBytes, nBytes);
    memory.copy(row + nBytes, corner + <usize>r * kBytes, kBytes);
  }
  return cholRows(out, m, n, m);
}

// Kernels for src/core/linalg.ts.

export function linalg_dot(a: usize, b: usize, n: i32): f64 {
  return dot(a, b, n);
}

export function linalg_axpy(alpha: f64, x: usize, y: usize, n: i32): void {
  axpy(alpha, x, y, n);
}

export function linalg_chol_factor(a: usize, n: i32): i32 {
  return cholFactor(a, n);
}

export function linalg_cholesky(a: usize, n: i32, backup: usize, jitter_out: usize): i32 {
  return cholFactorJitter(a, n, backup, jitter_out);
}

export function linalg_solve_lower(l: usize, n: i32, b: usize): void {
  solveLower(l, n, b);
}

export function linalg_solve_lower_t(l: usize, n: i32, b: usize): void {
  solveLowerT(l, n, b);
}

export function linalg_solve_lower_many(l: usize, n: i32, b: usize, m: i32): void {
  solveLowerMany(l, n, b, m);
}

export function linalg_chol_solve(l: usize, n: i32, b: usize): void {
  cholSolve(l, n, b);
}

export function linalg_chol_extend(l: usize, n: i32, k: i32, cross: usize, corner: usize, out: usize): i32 {
  return cholExtend(l, n, k, cross, corner, out);
}
