/**
 * Typed wrappers over assembly/linalg.ts: Cholesky with a jitter ladder, triangular solves and
 * factor extension. Matrices are row-major Float64Arrays of n×n values. These are building
 * blocks for the Gaussian process; they validate shapes and finiteness once, here.
 * @internal
 */
import { coreExports } from './loader.js';
import { withScratch } from './memory.js';
import { checkNonNegativeInteger } from '../validate.js';

/** A Cholesky factorization: `factor` holds L (row-major, zero strict upper triangle). */
export interface CholeskyResult {
  /** L with L·Lᵀ = A + jitter·I, n×n row-major. Meaningless when `failedPivot >= 0`. */
  readonly factor: Float64Array;
  /** The diagonal jitter that made the factorization succeed (0 when none was needed). */
  readonly jitter: number;
  /** -1 on success; otherwise the index of the pivot that stayed non-positive at the last rung. */
  readonly failedPivot: number;
}

/**
 * Lower Cholesky factor of a symmetric positive (semi)definite matrix, adding a jitter ladder
 * (1e-10 … 1e-4 times the mean diagonal) when the plain factorization fails. Only the lower
 * triangle of `a` is read. Never throws on an indefinite matrix: check `failedPivot`.
 *
 * @param a - n×n row-major matrix.
 * @param n - the order.
 * @returns the factor, the jitter used and -1, or the failing pivot.
 * @throws RangeError when n is not a non-negative integer, `a` has not n² entries or holds NaN/±Infinity.
 * @example
 * ```ts
 * const { factor, failedPivot } = cholesky(new Float64Array([4, 2, 2, 3]), 2); // [2, 0, 1, √2]
 * ```
 */
export function cholesky(a: ArrayLike<number>, n: number): CholeskyResult {
  checkOrder('cholesky', n);
  checkMatrix('cholesky', 'a', a, n * n);
  return withScratch((s) => {
    const pa = s.f64(n * n, a);
    const backup = s.f64(n * n);
    const jitterOut = s.f64(1);
    const failedPivot = coreExports().linalg_cholesky(pa, n, backup, jitterOut);
    return { factor: s.takeF64(pa, n * n), jitter: s.viewF64(jitterOut, 1)[0]!, failedPivot };
  });
}

/**
 * Solves L·x = b (forward substitution).
 * @param factor - lower-triangular n×n, row-major.
 * @param n - the order.
 * @param b - n right-hand-side values.
 * @returns x, a new array.
 * @throws RangeError on a bad order, wrong lengths or non-finite values.
 * @example
 * ```ts
 * solveLower(cholesky(a, n).factor, n, b);
 * ```
 */
export function solveLower(factor: ArrayLike<number>, n: number, b: ArrayLike<number>): Float64Array {
  return solve('solveLower', factor, n, b, (ex, l, pb) => ex.linalg_solve_lower(l, n, pb));
}

/**
 * Solves Lᵀ·x = b (back substitution).
 * @param factor - lower-triangular n×n, row-major.
 * @param n - the order.
 * @param b - n right-hand-side values.
 * @returns x, a new array.
 * @throws RangeError on a bad order, wrong lengths or non-finite values.
 * @example
 * ```ts
 * solveLowerT(L, n, b);
 * ```
 */
export function solveLowerT(factor: ArrayLike<number>, n: number, b: ArrayLike<number>): Float64Array {
  return solve('solveLowerT', factor, n, b, (ex, l, pb) => ex.linalg_solve_lower_t(l, n, pb));
}

/**
 * Solves (L·Lᵀ)·x = b, i.e. A·x = b given the Cholesky factor of A.
 * @param factor - lower-triangular n×n, row-major.
 * @param n - the order.
 * @param b - n right-hand-side values.
 * @returns x, a new array.
 * @throws RangeError on a bad order, wrong lengths or non-finite values.
 * @example
 * ```ts
 * const alpha = cholSolve(cholesky(K, n).factor, n, y);
 * ```
 */
export function cholSolve(factor: ArrayLike<number>, n: number, b: ArrayLike<number>): Float64Array {
  return solve('cholSolve', factor, n, b, (ex, l, pb) => ex.linalg_chol_solve(l, n, pb));
}

/**
 * Extends the factor L of K (n×n) to the factor of [[K, crossᵀ], [cross, corner]] without
 * refactoring K: O(n²k) for k new rows (pending trials, kriging believer).
 *
 * @param factor - L, n×n row-major.
 * @param n - order of L.
 * @param cross - K(new, old), k×n row-major.
 * @param corner - K(new, new), k×k row-major (lower triangle read).
 * @param k - number of new rows.
 * @returns the (n+k)×(n+k) factor, jitter 0, and -1 or the failing pivot (in the extended matrix).
 * @throws RangeError on bad orders, wrong lengths or non-finite values.
 * @example
 * ```ts
 * const ext = cholExtend(L, n, cross, corner, 1);
 * ```
 */
export function cholExtend(
  factor: ArrayLike<number>,
  n: number,
  cross: ArrayLike<number>,
  corner: ArrayLike<number>,
  k: number,
): CholeskyResult {
  checkOrder('cholExtend', n);
  checkOrder('cholExtend', k, 'k');
  checkMatrix('cholExtend', 'factor', factor, n * n);
  checkMatrix('cholExtend', 'cross', cross, k * n);
  checkMatrix('cholExtend', 'corner', corner, k * k);
  const m = n + k;
  return withScratch((s) => {
    const pl = s.f64(n * n, factor);
    const pc = s.f64(k * n, cross);
    const pk = s.f64(k * k, corner);
    const out = s.f64(m * m);
    const failedPivot = coreExports().linalg_chol_extend(pl, n, k, pc, pk, out);
    return { factor: s.takeF64(out, m * m), jitter: 0, failedPivot };
  });
}

function solve(
  where: string,
  factor: ArrayLike<number>,
  n: number,
  b: ArrayLike<number>,
  run: (ex: ReturnType<typeof coreExports>, l: number, pb: number) => void,
): Float64Array {
  checkOrder(where, n);
  checkMatrix(where, 'factor', factor, n * n);
  checkMatrix(where, 'b', b, n);
  const ex = coreExports();
  return withScratch((s) => {
    const pl = s.f64(n * n, factor);
    const pb = s.f64(n, b);
    run(ex, pl, pb);
    return s.takeF64(pb, n);
  });
}

function checkOrder(where: string, n: number, name = 'n'): void {
  checkNonNegativeInteger(where, name, n);
}

function checkMatrix(where: string, name: string, values: ArrayLike<number>, length: number): void {
  if (values.length !== length) {
    throw new RangeError(`${where}: \`${name}\` must have ${length} entries but got ${values.length}.`);
  }
  for (let i = 0; i < length; i++) {
    if (!Number.isFinite(values[i])) {
      throw new RangeError(`${where}: \`${name}\` must be finite but got ${values[i]} at index ${i}.`);
    }
  }
}
