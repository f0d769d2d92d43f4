/**
 * Special functions of the normal distribution, computed in wasm so every engine returns the
 * same bits: erfc, erfcx, log Φ, log(1 − e^{−x}) and Φ⁻¹. Each accepts a number (returns a
 * number, like `Math.*`) or an array of numbers (returns a new Float64Array). NaN propagates.
 */
import { coreExports } from './loader.js';
import { SPECIAL_ERFC, SPECIAL_ERFCX, SPECIAL_LOG1MEXP, SPECIAL_LOG_NDTR, SPECIAL_NDTRI } from './exports.js';
import { withScratch } from './memory.js';
import { describeValue } from '../errors.js';

type Values = ArrayLike<number>;

/**
 * Complementary error function, erfc(x) = 1 − erf(x), within 2 ulp of the exact value.
 * @param x - a number or an array of numbers.
 * @returns erfc(x), elementwise for arrays.
 * @throws TypeError when x is neither a number nor an array of numbers.
 * @example
 * ```ts
 * erfc(1);          // 0.15729920705028513
 * erfc([0, 30]);    // Float64Array [1, 0]
 * ```
 */
export function erfc(x: number): number;
export function erfc(x: Values): Float64Array;
export function erfc(x: number | Values): number | Float64Array {
  return apply('erfc', SPECIAL_ERFC, x, (v) => coreExports().special_erfc(v));
}

/**
 * Scaled complementary error function, erfcx(x) = exp(x²)·erfc(x), within 3 ulp; finite where
 * erfc underflows (erfcx(x) ≈ 1/(x√π) for large x), +Inf below about −26.6.
 * @param x - a number or an array of numbers.
 * @returns erfcx(x), elementwise for arrays.
 * @throws TypeError when x is neither a number nor an array of numbers.
 * @example
 * ```ts
 * erfcx(10);    // ≈ 0.0561409927438226
 * ```
 */
export function erfcx(x: number): number;
export function erfcx(x: Values): Float64Array;
export function erfcx(x: number | Values): number | Float64Array {
  return apply('erfcx', SPECIAL_ERFCX, x, (v) => coreExports().special_erfcx(v));
}

/**
 * log Φ(x), the log of the standard normal CDF, within 3 ulp and finite for every x above about
 * −1.9e154 (where −x²/2 itself overflows).
 * @param x - a number or an array of numbers.
 * @returns log Φ(x), elementwise for arrays.
 * @throws TypeError when x is neither a number nor an array of numbers.
 * @example
 * ```ts
 * logNdtr(-40);    // -804.6084420137538
 * ```
 */
export function logNdtr(x: number): number;
export function logNdtr(x: Values): Float64Array;
export function logNdtr(x: number | Values): number | Float64Array {
  return apply('logNdtr', SPECIAL_LOG_NDTR, x, (v) => coreExports().special_log_ndtr(v));
}

/**
 * log(1 − exp(−x)) for x ≥ 0 (Mächler's two-branch form), within 1 ulp; NaN for x < 0.
 * @param x - a number or an array of numbers.
 * @returns log(1 − e^{−x}), elementwise for arrays.
 * @throws TypeError when x is neither a number nor an array of numbers.
 * @example
 * ```ts
 * log1mexp(1e-20);   // -46.051701859880914
 * ```
 */
export function log1mexp(x: number): number;
export function log1mexp(x: Values): Float64Array;
export function log1mexp(x: number | Values): number | Float64Array {
  return apply('log1mexp', SPECIAL_LOG1MEXP, x, (v) => coreExports().special_log1mexp(v));
}

/**
 * Φ⁻¹(p), the inverse of the standard normal CDF (Wichura AS241); ±Inf at 0 and 1, NaN outside [0, 1].
 * @param p - a probability or an array of them.
 * @returns Φ⁻¹(p), elementwise for arrays.
 * @throws TypeError when p is neither a number nor an array of numbers.
 * @example
 * ```ts
 * ndtri(0.975);   // ≈ 1.95996398454005
 * ```
 */
export function ndtri(p: number): number;
export function ndtri(p: Values): Float64Array;
export function ndtri(p: number | Values): number | Float64Array {
  return apply('ndtri', SPECIAL_NDTRI, p, (v) => coreExports().special_ndtri(v));
}

function apply(where: string, kind: number, x: number | Values, scalar: (x: number) => number): number | Float64Array {
  if (typeof x === 'number') return scalar(x);
  if (x === null || typeof x !== 'object' || typeof x.length !== 'number') {
    throw new TypeError(`${where}: \`x\` must be a number or an array of numbers but got ${describeValue(x)}.`);
  }
  const n = x.length;
  for (let i = 0; i < n; i++) {
    if (typeof x[i] !== 'number') {
      throw new TypeError(`${where}: \`x\` must be a number or an array of numbers but got ${describeValue(x[i])} at index ${i}.`);
    }
  }
  return withScratch((s) => {
    const px = s.f64(n, x);
    const out = s.f64(n);
    coreExports().special_map(kind, px, n, out);
    return s.takeF64(out, n);
  });
}
