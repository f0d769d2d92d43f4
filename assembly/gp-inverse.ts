// K⁻¹ from the Cholesky factor L (K = LLᵀ), for the trace terms of the MLL gradient:
//   U = L⁻ᵀ (upper triangular),   K⁻¹ = L⁻ᵀL⁻¹ = U·Uᵀ,
// each n³/6 multiply-adds as dot products of contiguous row segments. Both loops work on 2×2
// blocks of rows, so four dot products share every load (the register blocking of LAPACK's
// dtrtri/dlauum, without their cache tiles: at n ≤ a few hundred the rows stay in L2).

import { d00, d01, d10, d11, dot2x2OneChain } from './dot';
import { ld, st } from './memory';

// @ts-ignore: decorator
@inline function row(m: usize, n: i32, i: i32): usize {
  return m + ((<usize>i * <usize>n) << 3);
}

/**
 * U = L⁻ᵀ into `u` (n × n; upper triangle, plus zeros at U[j+1][j] for even j, which the blocked
 * loops read). From L·L⁻¹ = I: U_jj = 1/L_jj and, for i > j,
 *   U_ji = −(Σ_{j≤c<i} L_ic U_jc) / L_ii,
 * taken for rows j, j+1 of U against rows i, i+1 of L at once; U_{j,i+1} then adds the term
 * c = i, which the block could not include before U_ji existed.
 */
export function lowerInverseTransposed(l: usize, n: i32, u: usize): void {
  let j = 0;
  for (; j < n; j += 2) {
    const two = j + 1 < n;
    const uj = row(u, n, j);
    const uj1 = row(u, n, two ? j + 1 : j);
    const djj = 1.0 / ld(row(l, n, j), j);
    st(uj, j, djj);
    if (two) {
      const l1 = row(l, n, j + 1);
      const dj1j1 = 1.0 / ld(l1, j + 1);
      st(uj1, j, 0.0);
      st(uj1, j + 1, dj1j1);
      st(uj, j + 1, -ld(l1, j) * djj * dj1j1);
    }
    const off = <usize>j << 3;
    let i = j + 2;
    for (; i + 1 < n; i += 2) {
      const li = row(l, n, i);
      const li1 = li + (<usize>n << 3);
      dot2x2OneChain(li + off, li1 + off, uj + off, uj1 + off, i - j);
      const inv = 1.0 / ld(li, i);
      const inv1 = 1.0 / ld(li1, i + 1);
      const lii1 = ld(li1, i);
      const u0 = -d00 * inv;
      st(uj, i, u0);
      st(uj, i + 1, -(d10 + lii1 * u0) * inv1);
      if (two) {
        const u1 = -d01 * inv;
        st(uj1, i, u1);
        st(uj1, i + 1, -(d11 + lii1 * u1) * inv1);
      }
    }
    if (i < n) {
      const li = row(l, n, i);
      dot2x2OneChain(li + off, li + off, uj + off, uj1 + off, i - j);
      const inv = 1.0 / ld(li, i);
      st(uj, i, -d00 * inv);
      if (two) st(uj1, i, -d01 * inv);
    }
  }
}

/**
 * The lower triangle of K⁻¹ = U·Uᵀ into `out` (n × n; may be L's buffer, which is not read):
 *   (K⁻¹)_ab = Σ_{c ≥ a} U_ac U_bc  for b ≤ a,
 * in 2×2 blocks of (a, a+1) × (b, b+1); U[a+1][a] = 0 lets both rows of a block share the range.
 */
export function inverseFromUpper(u: usize, n: i32, out: usize): void {
  for (let a = 0; a < n; a += 2) {
    const two = a + 1 < n;
    const ua = row(u, n, a) + (<usize>a << 3);
    const ua1 = two ? ua + (<usize>n << 3) : ua;
    const oa = row(out, n, a);
    const oa1 = two ? oa + (<usize>n << 3) : oa;
    const len = n - a;
    for (let b = 0; b < a; b += 2) {
      const ub = row(u, n, b) + (<usize>a << 3);
      dot2x2OneChain(ua, ua1, ub, ub + (<usize>n << 3), len);
      st(oa, b, d00);
      st(oa, b + 1, d01);
      if (two) {
        st(oa1, b, d10);
        st(oa1, b + 1, d11);
      }
    }
    dot2x2OneChain(ua, ua1, ua, ua1, len);
    st(oa, a, d00);
    if (two) {
      st(oa1, a, d10);
      st(oa1, a + 1, d11);
    }
  }
}
