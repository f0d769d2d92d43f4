// The Sobol' kernels of assembly/sobol.ts, called directly through the flat ABI and compared with
// the plain-TypeScript reference in bench/reference/sobol.ts.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { coreExports } from '../../src/core/loader.js';
import { withScratch, type Scratch } from '../../src/core/memory.js';
import { ReferenceSobol, ReferenceStream, referenceDirections, referenceOwen } from '../../bench/reference/sobol.js';

const fullTable = new Uint8Array(readFileSync(new URL('../../assets/sobol-directions.bin', import.meta.url)));
const BITS = 32;
const strideOf = (d: number) => Math.ceil(d / 4) * 4;

/** Copies a table into scratch memory and returns its address. */
function tableIn(s: Scratch, bytes: Uint8Array): number {
  const ptr = s.alloc(bytes.length);
  new Uint8Array(coreExports().memory.buffer, ptr, bytes.length).set(bytes);
  return ptr;
}

/** Decodes d dimensions with the kernel; returns the 32 x stride matrix, or the status on failure. */
function directions(table: 'embedded' | Uint8Array, d: number, stride = strideOf(d)): Uint32Array | number {
  const ex = coreExports();
  return withScratch((s) => {
    const ptr = table === 'embedded' ? ex.sobol_embedded_table() : tableIn(s, table);
    const v = s.u32(BITS * Math.max(stride, 1));
    const status = ex.sobol_directions(ptr, d, stride, v);
    return status === 0 ? s.viewU32(v, BITS * stride).slice() : status;
  });
}

/** Index of the first differing element, or -1 (toEqual is slow on arrays of 10^5+ elements). */
function firstDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) return Math.min(a.length, b.length);
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return i;
  return -1;
}

/** The kernel's bit-major matrix in the reference's dimension-major order (padding dropped). */
function dimensionMajor(v: Uint32Array, d: number): Uint32Array {
  const stride = strideOf(d);
  const out = new Uint32Array(d * BITS);
  for (let j = 0; j < d; j++) for (let k = 0; k < BITS; k++) out[j * BITS + k] = v[k * stride + j];
  return out;
}

describe('sobol_embedded_table()', () => {
  it('points at a version-1 table of 4096 dimensions and maximum degree 18', () => {
    const ex = coreExports();
    const ptr = ex.sobol_embedded_table();
    const header = new DataView(ex.memory.buffer, ptr, 12);
    expect(String.fromCharCode(...new Uint8Array(ex.memory.buffer, ptr, 4))).toBe('SOBL');
    expect(header.getUint16(4, true)).toBe(1);
    expect(header.getUint16(6, true)).toBe(18);
    expect(header.getUint32(8, true)).toBe(4096);
  });
});

describe('sobol_directions(table, d, stride, v)', () => {
  it('decodes the embedded table exactly as the reference decodes the full one, for all 4096 dimensions', () => {
    const v = directions('embedded', 4096) as Uint32Array;
    expect(firstDifference(dimensionMajor(v, 4096), referenceDirections(fullTable, 4096))).toBe(-1);
  });

  it('decodes all 21201 dimensions of the full table as the reference does', () => {
    const v = directions(fullTable, 21201) as Uint32Array;
    expect(firstDifference(dimensionMajor(v, 21201), referenceDirections(fullTable, 21201))).toBe(-1);
  });

  it('gives van der Corput in dimension 1 and m = 1, 3, 5, 15 in dimension 2 (polynomial x + 1)', () => {
    const v = directions('embedded', 2) as Uint32Array;
    const stride = 4;
    for (let k = 0; k < BITS; k++) expect(v[k * stride]).toBe(2 ** (31 - k));
    expect([0, 1, 2, 3].map((k) => v[k * stride + 1] / 2 ** (31 - k))).toEqual([1, 3, 5, 15]);
  });

  it('leaves the padding lanes of every row at zero even over dirty scratch memory', () => {
    const ex = coreExports();
    const rows = withScratch((s) => {
      const v = s.u32(BITS * 8, new Uint32Array(BITS * 8).fill(0xdeadbeef));
      ex.sobol_directions(ex.sobol_embedded_table(), 5, 8, v);
      return s.viewU32(v, BITS * 8).slice();
    });
    for (let k = 0; k < BITS; k++) expect(Array.from(rows.subarray(k * 8 + 5, k * 8 + 8))).toEqual([0, 0, 0]);
  });

  it.each([
    ['d = 0', 0, 4],
    ['d above the 4096 embedded dimensions', 4097, 4100],
    ['a stride below d', 6, 4],
    ['a stride that is not a multiple of 4', 3, 6],
  ])('returns status 1 for %s', (_label, d, stride) => {
    expect(directions('embedded', d, stride)).toBe(1);
  });
});

describe('sobol_fill(v, d, stride, state, index, n, out, seeds)', () => {
  // d = 5 walks the points once per group of four dimensions, d = 70 walks the dimensions per point.
  it.each([1, 5, 70])('matches the reference Gray-code generator and writes nothing beyond the 3 slack values (d = %i)', (d) => {
    const ex = coreExports();
    const stride = strideOf(d);
    const n = 300;
    const start = 77;
    const got = withScratch((s) => {
      const v = s.u32(BITS * stride);
      ex.sobol_directions(ex.sobol_embedded_table(), d, stride, v);
      const state = s.u32(stride);
      ex.sobol_seek(v, stride, s.u32(stride, new Uint32Array(stride)), start, state);
      const out = s.f64(n * d + 3 + 8, new Float64Array(n * d + 3 + 8).fill(-1));
      ex.sobol_fill(v, d, stride, state, start, n, out, 0);
      return s.viewF64(out, n * d + 3 + 8).slice();
    });
    const expected = new ReferenceSobol(fullTable, d).fastForward(start).random(n);
    expect(got.subarray(0, n * d)).toEqual(expected);
    expect(Array.from(got.subarray(n * d + 3))).toEqual(new Array(8).fill(-1));
  });

  it('leaves in `state` the point sobol_seek computes for index + n', () => {
    const ex = coreExports();
    const d = 9;
    const stride = strideOf(d);
    const [afterFill, seeked] = withScratch((s) => {
      const v = s.u32(BITS * stride);
      ex.sobol_directions(ex.sobol_embedded_table(), d, stride, v);
      const zero = s.u32(stride, new Uint32Array(stride));
      const state = s.u32(stride, new Uint32Array(stride));
      ex.sobol_fill(v, d, stride, state, 0, 1000, s.f64(1000 * d + 3), 0);
      const other = s.u32(stride);
      ex.sobol_seek(v, stride, zero, 1000, other);
      return [s.viewU32(state, stride).slice(), s.viewU32(other, stride).slice()];
    });
    expect(afterFill).toEqual(seeked);
  });

  it('applies Burley’s hash-based Owen scramble to every coordinate when given seeds', () => {
    const ex = coreExports();
    const d = 6;
    const stride = strideOf(d);
    const n = 64;
    const seeds = Uint32Array.from([0, 1, 0xffffffff, 0x12345678, 0x9e3779b9, 42, 0, 0]);
    const got = withScratch((s) => {
      const v = s.u32(BITS * stride);
      ex.sobol_directions(ex.sobol_embedded_table(), d, stride, v);
      const out = s.f64(n * d + 3);
      ex.sobol_fill(v, d, stride, s.u32(stride, new Uint32Array(stride)), 0, n, out, s.u32(stride, seeds));
      return s.takeF64(out, n * d);
    });
    const plain = new ReferenceSobol(fullTable, d);
    for (let i = 0; i < n; i++) {
      const x = plain.integerPoint(i);
      for (let j = 0; j < d; j++) expect(got[i * d + j]).toBe(referenceOwen(x[j], seeds[j]) * 2 ** -32);
    }
  });
});

describe('sobol_scramble_lms(v, d, stride, shift, rng, work)', () => {
  it('scrambles the direction numbers and draws the shift exactly as the reference does', () => {
    const ex = coreExports();
    const d = 11;
    const stride = strideOf(d);
    const seed = 20260101n;
    const [v, shift] = withScratch((s) => {
      const vp = s.u32(BITS * stride);
      ex.sobol_directions(ex.sobol_embedded_table(), d, stride, vp);
      const rng = s.alloc(32);
      ex.rng_seed(rng, seed);
      const sh = s.u32(stride, new Uint32Array(stride).fill(7));
      expect(ex.sobol_scramble_lms(vp, d, stride, sh, rng, s.alloc(512))).toBe(0);
      return [s.viewU32(vp, BITS * stride).slice(), s.viewU32(sh, stride).slice()];
    });
    const reference = new ReferenceSobol(fullTable, d, 'lms', seed);
    expect(dimensionMajor(v, d)).toEqual(reference.v);
    expect(shift.subarray(0, d)).toEqual(reference.base);
    expect(Array.from(shift.subarray(d))).toEqual([0]);
    for (let k = 0; k < BITS; k++) expect(v[k * stride + d]).toBe(0);
  });

  it('returns status 1 for a stride that is not a multiple of 4', () => {
    const ex = coreExports();
    expect(withScratch((s) => ex.sobol_scramble_lms(s.u32(BITS * 6), 5, 6, s.u32(6), s.alloc(32), s.alloc(512)))).toBe(1);
  });
});

describe('sobol_owen_seeds(seeds, d, stride, rng)', () => {
  it('takes the high half of one xoshiro256** output per dimension and zeroes the padding', () => {
    const ex = coreExports();
    const seeds = withScratch((s) => {
      const rng = s.alloc(32);
      ex.rng_seed(rng, 5n);
      const out = s.u32(8, new Uint32Array(8).fill(9));
      ex.sobol_owen_seeds(out, 5, 8, rng);
      return s.viewU32(out, 8).slice();
    });
    const stream = new ReferenceStream(5n);
    expect(Array.from(seeds)).toEqual([...Array.from({ length: 5 }, () => stream.next()[0]), 0, 0, 0]);
  });
});
