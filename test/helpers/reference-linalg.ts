// Plain-TypeScript reference linear algebra for the tests of assembly/linalg.ts: textbook
// loops, no blocking, no SIMD, so an error in the wasm kernels cannot be shared by the oracle.

/** mulberry32: a tiny seeded source of uniforms in [0, 1) for building test matrices. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A random SPD matrix B·Bᵀ/n + ridge·I with B uniform in [-1, 1), n×n row-major. */
export function randomSpd(n: number, rand: () => number, ridge = 0.1): Float64Array {
  const b = Float64Array.from({ length: n * n }, () => 2 * rand() - 1);
  const a = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = 0;
      for (let k = 0; k < n; k++) s += b[i * n + k]! * b[j * n + k]!;
      a[i * n + j] = a[j * n + i] = s / n + (i === j ? ridge : 0);
    }
  }
  return a;
}

/** A Matérn-5/2 Gram matrix of points drawn in [0,1]^d (with optional exact duplicates). */
export function maternGram(points: number[][], lengthscale: number): Float64Array {
  const n = points.length;
  const a = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      let r2 = 0;
      for (let k = 0; k < points[i]!.length; k++) r2 += (points[i]![k]! - points[j]![k]!) ** 2;
      const r = Math.sqrt(5 * r2) / lengthscale;
      a[i * n + j] = (1 + r + (r * r) / 3) * Math.exp(-r);
    }
  }
  return a;
}

/** Textbook Cholesky (column by column); returns null when a pivot is not positive. */
export function refCholesky(a: ArrayLike<number>, n: number): Float64Array | null {
  const l = new Float64Array(n * n);
  for (let j = 0; j < n; j++) {
    let d = a[j * n + j]!;
    for (let k = 0; k < j; k++) d -= l[j * n + k]! ** 2;
    if (!(d > 0)) return null;
    const ljj = Math.sqrt(d);
    l[j * n + j] = ljj;
    for (let i = j + 1; i < n; i++) {
      let s = a[i * n + j]!;
      for (let k = 0; k < j; k++) s -= l[i * n + k]! * l[j * n + k]!;
      l[i * n + j] = s / ljj;
    }
  }
  return l;
}

/** L·Lᵀ for a row-major n×n L. */
export function lowerTimesTranspose(l: ArrayLike<number>, n: number): Float64Array {
  const a = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let k = 0; k <= Math.min(i, j); k++) s += l[i * n + k]! * l[j * n + k]!;
      a[i * n + j] = s;
    }
  }
  return a;
}

/** M·x for a row-major r×c matrix. */
export function matVec(m: ArrayLike<number>, r: number, c: number, x: ArrayLike<number>): Float64Array {
  const y = new Float64Array(r);
  for (let i = 0; i < r; i++) {
    let s = 0;
    for (let k = 0; k < c; k++) s += m[i * c + k]! * x[k]!;
    y[i] = s;
  }
  return y;
}

/** Mᵀ·x for a row-major r×c matrix. */
export function matTVec(m: ArrayLike<number>, r: number, c: number, x: ArrayLike<number>): Float64Array {
  const y = new Float64Array(c);
  for (let i = 0; i < r; i++) for (let k = 0; k < c; k++) y[k] += m[i * c + k]! * x[i]!;
  return y;
}

/** max |a − b| / max |b|: the relative error of a whole array. */
export function relError(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let num = 0;
  let den = 0;
  for (let i = 0; i < b.length; i++) {
    num = Math.max(num, Math.abs(a[i]! - b[i]!));
    den = Math.max(den, Math.abs(b[i]!));
  }
  return den === 0 ? num : num / den;
}
