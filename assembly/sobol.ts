// Sobol' low-discrepancy sequences with 32-bit integer state.
//
// Direction numbers: S. Joe, F. Y. Kuo, "Constructing Sobol sequences with better two-dimensional
//   projections", SIAM J. Sci. Comput. 30 (2008), table new-joe-kuo-6.21201 (see sobol-table.ts).
// Gray-code order: I. A. Antonov, V. M. Saleev, USSR Comput. Math. Math. Phys. 19 (1979).
// LMS + digital shift: J. Matoušek, "On the L2-discrepancy for anchored boxes", J. Complexity 14
//   (1998); the semantics follow scipy.stats.qmc.Sobol(scramble=True).
// Owen scrambling: B. Burley, "Practical Hash-based Owen Scrambling", JCGT 9(4) (2020).
//
// Memory layout shared by every kernel (JavaScript owns all of it):
//   v      32 rows of `stride` u32, row k holding direction number k of every dimension
//          (V[k][j] = m_{k+1} << (31 - k) for dimension j); `stride` is d rounded up to a multiple
//          of 4 so a row is whole v128 lanes. Row-major by bit, not by dimension, so that one
//          Gray-code step is a SIMD xor across dimensions. Padding lanes hold zeros.
//   state  `stride` u32: the integer point x_i that the next fill emits first.
//   out    n rows of d f64 (row-major), plus 3 f64 of slack after the last row: each row is
//          written in whole v128 lanes, spilling into the next row, which overwrites it.
//   seeds  `stride` u32 of per-dimension Owen seeds, or 0 for no Owen scrambling.

import { xoshiroNext } from './rng';
import { SOBOL_TABLE } from './sobol-table';
import { SOBOL_BAD_ARGUMENT, SOBOL_OK } from './codes';

// @ts-ignore: decorator
@inline const BITS = 32;
// @ts-ignore: decorator
@inline const TWO_POW_M32: f64 = 2.3283064365386963e-10; // 2^-32
// @ts-ignore: decorator
@inline const HEADER_COUNTS: usize = 12; // byte offset of the per-degree counts in a table

/** Reads `width` (<= 24) bits at bit `pos` of an LSB-first stream. */
// @ts-ignore: decorator
@inline function readBits(stream: usize, pos: usize, width: u32): u32 {
  return (load<u32>(stream + (pos >> 3)) >>> <u32>(pos & 7)) & ((<u32>1 << width) - 1);
}

/** Address of the embedded table (dimensions 1..4096), for `sobol_directions`. */
export function sobol_embedded_table(): usize {
  return SOBOL_TABLE;
}

/**
 * Decodes the first `d` dimensions of a packed table into the direction-number matrix `v`
 * (32 rows of `stride` u32) by the Joe–Kuo recurrence. Returns SOBOL_BAD_ARGUMENT when the
 * table holds fewer than `d` dimensions or `stride` is not a multiple of 4 at least `d`.
 */
export function sobol_directions(table: usize, d: i32, stride: i32, v: usize): i32 {
  const maxDegree = <usize>load<u16>(table, 6);
  const dims = load<u32>(table, 8);
  if (d < 1 || <u32>d > dims || stride < d || (stride & 3) != 0) return SOBOL_BAD_ARGUMENT;
  const row = <usize>stride << 2;
  memory.fill(v, 0, row * BITS);

  // Dimension 1 is van der Corput's: every m_k = 1.
  for (let k = 0; k < BITS; k++) store<u32>(v + <usize>k * row, <u32>0x80000000 >>> <u32>k);

  const counts = table + HEADER_COUNTS;
  const stream = counts + (maxDegree << 2);
  let pos: usize = 0;
  let s: i32 = 1;
  let left = load<u32>(counts);
  for (let j = 1; j < d; j++) {
    while (left == 0) {
      left = load<u32>(counts + (<usize>s << 2));
      s++;
    }
    left--;
    const col = v + (<usize>j << 2);
    const a = readBits(stream, pos, s - 1);
    pos += <usize>(s - 1);
    store<u32>(col, 0x80000000);
    for (let k = 1; k < s; k++) {
      const m = (readBits(stream, pos, k) << 1) | 1;
      pos += <usize>k;
      store<u32>(col + <usize>k * row, m << <u32>(31 - k));
    }
    // V_k = a_1 V_{k-1} ^ ... ^ a_{s-1} V_{k-s+1} ^ V_{k-s} ^ (V_{k-s} >> s), a_1 the top bit of a:
    // the m_k recurrence of Bratley & Fox (1988) with every term pre-shifted to 32 bits.
    for (let k = s; k < BITS; k++) {
      let x = load<u32>(col + <usize>(k - s) * row);
      x ^= x >>> <u32>s;
      for (let i = 1; i < s; i++) {
        const bit = (a >>> <u32>(s - 1 - i)) & 1;
        x ^= load<u32>(col + <usize>(k - i) * row) & (0 - bit);
      }
      store<u32>(col + <usize>k * row, x);
    }
  }
  return SOBOL_OK;
}

/**
 * Linear matrix scrambling plus a digital shift, in place on `v`; writes the shift (the scrambled
 * point 0) to `shift`. Each dimension gets a random 32 x 32 binary matrix, lower triangular with
 * unit diagonal when bit 0 is the most significant digit, so output digit c depends on input
 * digits 0..c only and every (t, m, s)-net stays a net. Randomness is drawn per group of four
 * dimensions (shift, then 32 columns), so dimension j is scrambled the same whatever `d` is.
 * `work` is 32 x 16 bytes of scratch. Returns SOBOL_BAD_ARGUMENT on a bad `stride`.
 */
export function sobol_scramble_lms(v: usize, d: i32, stride: i32, shift: usize, rng: usize, work: usize): i32 {
  if (d < 1 || stride < d || (stride & 3) != 0) return SOBOL_BAD_ARGUMENT;
  const row = <usize>stride << 2;
  for (let j: usize = 0; j < row; j += 16) {
    v128.store(shift + j, randomLanes(rng));
    // Column c is the image of digit c (bit 31 - c): the diagonal bit plus random bits below it.
    for (let c = 0; c < BITS; c++) {
      const diag: u32 = <u32>0x80000000 >>> <u32>c;
      const col = v128.or(i32x4.splat(diag), v128.and(randomLanes(rng), i32x4.splat(diag - 1)));
      v128.store(work + (<usize>c << 4), col);
    }
    // V[k] has digits 0..k only (its lowest set bit is 31 - k), so only columns 0..k contribute.
    for (let k = 0; k < BITS; k++) {
      const at = v + <usize>k * row + j;
      const x = v128.load(at);
      let acc = i32x4.splat(0);
      for (let c = 0; c <= k; c++) {
        const mask = i32x4.shr_s(i32x4.shl(x, c), 31);
        acc = v128.xor(acc, v128.and(v128.load(work + (<usize>c << 4)), mask));
      }
      v128.store(at, acc);
    }
  }
  // Padding lanes stay zero so no stray bits ever reach a caller's view of the state.
  for (let j = d; j < stride; j++) store<u32>(shift + (<usize>j << 2), 0);
  return SOBOL_OK;
}

/** Four random u32 lanes from two xoshiro256** outputs. */
// @ts-ignore: decorator
@inline function randomLanes(rng: usize): v128 {
  return i64x2.replace_lane(i64x2.splat(xoshiroNext(rng)), 1, xoshiroNext(rng));
}

/** Draws one 32-bit Owen seed per dimension (the high half of one xoshiro256** output each). */
export function sobol_owen_seeds(seeds: usize, d: i32, stride: i32, rng: usize): void {
  for (let j = 0; j < stride; j++) {
    const seed = j < d ? <u32>(xoshiroNext(rng) >>> 32) : 0;
    store<u32>(seeds + (<usize>j << 2), seed);
  }
}

/**
 * Random access: state = base ^ XOR of V[k] over the set bits k of gray(i) = i ^ (i >> 1), the
 * integer point x_i of the sequence whose point 0 is `base` (the shift, or zeros).
 */
export function sobol_seek(v: usize, stride: i32, base: usize, i: u32, state: usize): void {
  const row = <usize>stride << 2;
  for (let j: usize = 0; j < row; j += 16) v128.store(state + j, v128.load(base + j));
  let gray = i ^ (i >>> 1);
  while (gray != 0) {
    const r = v + <usize>ctz(gray) * row;
    for (let j: usize = 0; j < row; j += 16) {
      v128.store(state + j, v128.xor(v128.load(state + j), v128.load(r + j)));
    }
    gray &= gray - 1;
  }
}

/**
 * Writes points index..index+n-1 to `out` (n x d f64, row-major, plus 3 f64 slack): each point is
 * the current `state` mapped to [0, 1) (Owen-scrambled first when `seeds` != 0), and state then
 * steps in Gray-code order, x_{i+1} = x_i ^ V[ctz(i + 1)]. After the call `state` holds
 * x_{index+n}. Only rows 0..bitlen(index + n) - 1 of `v` are read.
 */
export function sobol_fill(v: usize, d: i32, stride: i32, state: usize, index: u32, n: i32, out: usize, seeds: usize): void {
  if (stride <= COLUMN_ORDER_MAX_STRIDE) fillByColumns(v, d, stride, state, index, n, out, seeds);
  else fillByRows(v, d, stride, state, index, n, out, seeds);
}

// Up to this many dimensions the output rows are short enough that walking the points once per
// group of four dimensions (state in a register) beats walking the dimensions once per point.
// @ts-ignore: decorator
@inline const COLUMN_ORDER_MAX_STRIDE = 64;

/**
 * One group of four dimensions at a time through all n points, with the group's state in a
 * register. Groups go last to first: the last group's spare lanes spill into the next row's
 * first columns, which group 0 then overwrites.
 */
// @ts-ignore: decorator
@inline function fillByColumns(v: usize, d: i32, stride: i32, state: usize, index: u32, n: i32, out: usize, seeds: usize): void {
  const row = <usize>stride << 2;
  const outRow = <usize>d << 3;
  const scale = f64x2.splat(TWO_POW_M32);
  let j = row;
  while (j > 0) {
    j -= 16;
    let x = v128.load(state + j);
    let i = index;
    let o = out + (j << 1);
    if (seeds == 0) {
      for (let t = 0; t < n; t++) {
        storeUnit(o, x, scale);
        i++;
        // After the last point of the sequence i wraps to 0; that step is never used.
        x = v128.xor(x, v128.load(v + <usize>(ctz(i) & 31) * row + j));
        o += outRow;
      }
    } else {
      const seed = v128.load(seeds + j);
      for (let t = 0; t < n; t++) {
        storeUnit(o, owen(x, seed), scale);
        i++;
        x = v128.xor(x, v128.load(v + <usize>(ctz(i) & 31) * row + j));
        o += outRow;
      }
    }
    v128.store(state + j, x);
  }
}

/** Point after point, each a sweep over the dimensions: sequential writes for long rows. */
// @ts-ignore: decorator
@inline function fillByRows(v: usize, d: i32, stride: i32, state: usize, index: u32, n: i32, out: usize, seeds: usize): void {
  const row = <usize>stride << 2;
  const outRow = <usize>d << 3;
  const scale = f64x2.splat(TWO_POW_M32);
  let i = index;
  let o = out;
  for (let t = 0; t < n; t++) {
    i++;
    const r = v + <usize>(ctz(i) & 31) * row;
    if (seeds == 0) {
      for (let j: usize = 0; j < row; j += 16) {
        const x = v128.load(state + j);
        v128.store(state + j, v128.xor(x, v128.load(r + j)));
        storeUnit(o + (j << 1), x, scale);
      }
    } else {
      for (let j: usize = 0; j < row; j += 16) {
        const x = v128.load(state + j);
        v128.store(state + j, v128.xor(x, v128.load(r + j)));
        storeUnit(o + (j << 1), owen(x, v128.load(seeds + j)), scale);
      }
    }
    o += outRow;
  }
}

/** Stores four u32 lanes as four f64 in [0, 1): x * 2^-32, exact. */
// @ts-ignore: decorator
@inline function storeUnit(at: usize, x: v128, scale: v128): void {
  v128.store(at, f64x2.mul(f64x2.convert_low_i32x4_u(x), scale));
  v128.store(at, f64x2.mul(f64x2.convert_low_i32x4_u(i32x4.shuffle(x, x, 2, 3, 0, 1)), scale), 16);
}

/**
 * Nested uniform (Owen) scrambling of four 32-bit points, Burley (2020): reverse the bits, apply a
 * seeded Laine–Karras-style hash in which every bit depends only on itself and the bits below it,
 * reverse back. In the original order each digit is then flipped by a function of the digits
 * above it, which is what a nested uniform scramble does.
 */
// @ts-ignore: decorator
@inline function owen(x: v128, seed: v128): v128 {
  let y = reverseBits(x);
  y = i32x4.add(y, seed);
  y = v128.xor(y, i32x4.mul(y, i32x4.splat(<i32>0x6c50b47c)));
  y = v128.xor(y, i32x4.mul(y, i32x4.splat(<i32>0xb82f1e52)));
  y = v128.xor(y, i32x4.mul(y, i32x4.splat(<i32>0xc7afe638)));
  y = v128.xor(y, i32x4.mul(y, i32x4.splat(<i32>0x8d22f6e6)));
  return reverseBits(y);
}

/** Bit reversal of each u32 lane: a byte swap, then each byte's nibbles through 16-entry tables. */
// @ts-ignore: decorator
@inline function reverseBits(x: v128): v128 {
  const bytes = i8x16.swizzle(x, i8x16(3, 2, 1, 0, 7, 6, 5, 4, 11, 10, 9, 8, 15, 14, 13, 12));
  const low = v128.and(bytes, i8x16.splat(0x0f));
  const high = v128.and(i32x4.shr_u(bytes, 4), i8x16.splat(0x0f));
  // rev4[n] is n's four bits reversed; a byte's reversal is rev4[low] << 4 | rev4[high].
  // Little-endian i32 lanes of the byte tables rev4 << 4 = [00 80 40 c0 20 a0 60 e0 10 90 50 d0 30 b0 70 f0].
  const rev4High = i32x4(<i32>0xc0408000, <i32>0xe060a020, <i32>0xd0509010, <i32>0xf070b030);
  const rev4 = i8x16(0x0, 0x8, 0x4, 0xc, 0x2, 0xa, 0x6, 0xe, 0x1, 0x9, 0x5, 0xd, 0x3, 0xb, 0x7, 0xf);
  return v128.or(i8x16.swizzle(rev4High, low), i8x16.swizzle(rev4, high));
}
