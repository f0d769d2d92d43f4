import { Rng } from '../core/rng.js';
import type { TestFunction } from './functions.js';

/** Tag of the stream that draws shifts, so they never share draws with a sampler. */
const SHIFT_TAG = 0x5417;

/**
 * A randomly shifted copy of a test function: f_s(x) = f(x − s) on the same bounds, so the
 * minimum keeps its value but moves to argmin + s. Many functions (Ackley, Levy, Rastrigin-like)
 * have their optimum at or near the centre of the box, which favours samplers that start there;
 * a shift per seed removes that advantage. The new argmin lies at least 10% of the range inside
 * each bound; `s` depends only on (seed, function name).
 * @param fn - the function.
 * @param seed - the run's seed.
 * @returns the shifted function, named "<name> (shifted)".
 * @throws RangeError for a function with its own `suggest` (categorical or conditional parameters have no shift).
 * @example
 * ```ts
 * const f = shiftedFunction(ackley(10), 3);
 * f.evaluate(f.argmin); // ≈ 0
 * ```
 */
export function shiftedFunction(fn: TestFunction, seed: number): TestFunction {
  checkShiftable('shiftedFunction', fn);
  const u = Rng.derive(BigInt(seed), SHIFT_TAG, nameKey(fn.name)).uniform(fn.d);
  const shift = fn.bounds.map(([lo, hi], i) => lo + (0.1 + 0.8 * u[i]) * (hi - lo) - fn.argmin[i]);
  const argmin = fn.argmin.map((a, i) => a + shift[i]);
  const moved = new Float64Array(fn.d);
  const evaluate = (x: ArrayLike<number>) => {
    for (let i = 0; i < fn.d; i++) moved[i] = x[i] - shift[i];
    return fn.evaluate(moved);
  };
  const names = Object.keys(fn.space);
  return Object.freeze({
    ...fn,
    name: `${fn.name} (shifted)`,
    argmin,
    evaluate,
    objective: (params: Readonly<Record<string, unknown>>) => evaluate(names.map((n) => params[n] as number)),
  });
}

function nameKey(name: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

/** Refuses functions with their own `suggest`: a categorical or conditional space has no shift. @internal */
export function checkShiftable(where: string, fn: TestFunction): void {
  if (fn.suggest !== undefined) {
    throw new RangeError(
      `${where}: \`shift\` needs a box of floats but got ${fn.name} (categorical or conditional parameters cannot be shifted).`,
    );
  }
}
