// K⁻¹ from the Cholesky factor L (K = LLᵀ), for the trace terms of the MLL gradient:
//   U = L⁻ᵀ (upper triangular),   K⁻¹ = L⁻ᵀL⁻¹ = U·Uᵀ,
// each n³/6 multiply-adds as dot products of contiguous row segments. Both loops work on 2×2
// blocks of rows, so four dot products share every load (the register blocking of LAPACK's
// dtrtri/dlauum, without their cache tiles: at n ≤ a few hundred the rows stay in L2).

// Outputs of dot2x2 (module globals: no allocation, four return values).
let s00: f64 = 0;
let s01: f64 = 0;
let s10: f64 = 0;
let s11: f64 = 0;

// @ts-ignore: decorator
@inline function ld(p: usize, i: i32): f64 {
  return load<f64>(p + (<usize>i << 3));
}
// @ts-ignore: decorator
@inline function st(p: usize, i: i32, v: f64): void {
  store<f64>(p + (<usize>i << 3), v);
}
// @ts-ignore: decorator
@inline function row(m: usize, n: i32, i: i32): usize {
  return m + ((<usize>i * <usize>n) << 3);
}

/** s_rc = Σ_{k<len} a_r[k]·b_c[k] for r, c ∈ {0, 1}, into s00..s11. */
function dot2x2(a0: usize, a1: usize, b0: usize, b1: usize, len: i32): void {
  let p00 = f64x2.splat(0.0);
  let p01 = f64x2.splat(0.0);
  let p10 = f64x2.splat(0.0);
  let p11 = f64x2.splat(0.0);
  let k = 0;
  for (; k + 2 <= len; k += 2) {
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
  let r00 = f64x2.extract_lane(p00, 0) + f64x2.extract_lane(p00, 1);
  let r01 = f64x2.extract_lane(p01, 0) + f64x2.extract_lane(p01, 1);
  let r10 = f64x2.extract_lane(p10, 0) + f64x2.extract_lane(p10, 1);
  let r11 = f64x2.extract_lane(p11, 0) + f64x2.extract_lane(p11, 1);
  if (k < len) {
    const x0 = ld(a0, k);
    const x1 = ld(a1, k);
    const y0 = ld(b0, k);
    const y1 = ld(b1, k);
    r00 += x0 * y0;
    r01 += x0 * y1;
    r10 += x1 * y0;
    r11 += x1 * y1;
  }
  s00 = r00;
  s01 = r01;
  s10 = r10;
  s11 = r11;
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
      const d11 = 1.0 / ld(l1, j + 1);
      st(uj1, j, 0.0);
      st(uj1, j + 1, d11);
      st(uj, j + 1, -ld(l1, j) * djj * d11);
    }
    const off = <usize>j << 3;
    let i = j + 2;
    for (; i + 1 < n; i += 2) {
      const li = row(l, n, i);
      const li1 = li + (<usize>n << 3);
      dot2x2(li + off, li1 + off, uj + off, uj1 + off, i - j);
      const inv = 1.0 / ld(li, i);
      const inv1 = 1.0 / ld(li1, i + 1);
      const lii1 = ld(li1, i);
      const u0 = -s00 * inv;
      st(uj, i, u0);
      st(uj, i + 1, -(s10 + lii1 * u0) * inv1);
      if (two) {
        const u1 = -s01 * inv;
        st(uj1, i, u1);
        st(uj1, i + 1, -(s11 + lii1 * u1) * inv1);
      }
    }
    if (i < n) {
      const li = row(l, n, i);
      dot2x2(li + off, li + off, uj + off, uj1 + off, i - j);
      const inv = 1.0 / ld(li, i);
      st(uj, i, -s00 * inv);
      if (two) st(uj1, i, -s01 * inv);
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
      dot2x2(ua, ua1, ub, ub + (<usize>n << 3), len);
      st(oa, b, s00);
      st(oa, b + 1, s01);
      if (two) {
        st(oa1, b, s10);
        st(oa1, b + 1, s11);
      }
    }
    dot2x2(ua, ua1, ua, ua1, len);
    st(oa, a, s00);
    if (two) {
      st(oa1, a, s10);
      st(oa1, a + 1, s11);
    }
  }
}
