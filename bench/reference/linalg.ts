// Plain-TypeScript Cholesky used as the same-run baseline of bench/linalg.bench.ts: the same
// row-oriented algorithm as assembly/linalg.ts, written the way a careful JS author would
// (one Float64Array, contiguous inner loops, no SIMD).

/** In-place lower Cholesky of the n×n row-major SPD matrix `a`; returns -1 or the failing pivot. */
export function plainCholesky(a: Float64Array, n: number): number {
  for (let i = 0; i < n; i++) {
    const ri = i * n;
    for (let j = 0; j <= i; j++) {
      const rj = j * n;
      let s = a[ri + j]!;
      for (let k = 0; k < j; k++) s -= a[ri + k]! * a[rj + k]!;
      if (j < i) {
        a[ri + j] = s / a[rj + j]!;
      } else {
        if (!(s > 0)) return i;
        a[ri + i] = Math.sqrt(s);
      }
    }
    for (let c = i + 1; c < n; c++) a[ri + c] = 0;
  }
  return -1;
}
