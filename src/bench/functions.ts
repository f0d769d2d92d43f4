import { floatDistribution, type ParamValue, type SearchSpace } from '../space/distributions.js';
import type { SuggestingTrial } from '../trial/trial.js';
import { describeValue } from '../errors.js';

/**
 * A box-constrained test function with a known global minimum, for benchmarking samplers.
 * Parameters are named x0, x1, ... in `space`.
 */
export interface TestFunction {
  /** Display name, e.g. 'Hartmann6'. */
  readonly name: string;
  /** Dimensions. */
  readonly d: number;
  /** [low, high] of each coordinate. */
  readonly bounds: readonly (readonly [number, number])[];
  /** The global minimum value. */
  readonly minimum: number;
  /** One point where the minimum is attained (to the precision the literature gives). */
  readonly argmin: readonly number[];
  /** The search space, one float parameter per coordinate (x0, x1, ...). */
  readonly space: SearchSpace;
  /** f at a point of length d. */
  evaluate(x: ArrayLike<number>): number;
  /** f at a parameter set {x0, x1, ...}, as an objective would compute it. */
  objective(params: Readonly<Record<string, unknown>>): number;
  /**
   * Present on functions whose space is not a box of floats (categorical, integer or conditional
   * parameters, e.g. `mixed`): suggests the parameters on a trial, define-by-run, and returns
   * them for `objective`. The runners call it instead of one `suggestFloat` per coordinate; `space`
   * then lists every parameter any branch can suggest, and `evaluate` takes the flat encoding the
   * function documents.
   */
  readonly suggest?: (trial: SuggestingTrial) => Record<string, ParamValue>;
}

function define(
  name: string,
  bounds: readonly (readonly [number, number])[],
  minimum: number,
  argmin: readonly number[],
  evaluate: (x: ArrayLike<number>) => number,
): TestFunction {
  const d = bounds.length;
  const names = bounds.map((_, i) => `x${i}`);
  const space: SearchSpace = Object.freeze(
    Object.fromEntries(bounds.map(([lo, hi], i) => [names[i], floatDistribution(names[i], lo, hi)])),
  );
  const x = new Float64Array(d);
  return Object.freeze({
    name,
    d,
    bounds: Object.freeze(bounds.map((b) => Object.freeze([b[0], b[1]] as const))),
    minimum,
    argmin: Object.freeze(argmin.slice()),
    space,
    evaluate,
    objective(params: Readonly<Record<string, unknown>>): number {
      for (let i = 0; i < d; i++) x[i] = params[names[i]] as number;
      return evaluate(x);
    },
  });
}

/** What `defineTestFunction` needs. */
export interface TestFunctionDefinition {
  readonly name: string;
  /** [low, high] of each coordinate. */
  readonly bounds: readonly (readonly [number, number])[];
  /** The global minimum value (regret is measured from it). */
  readonly minimum: number;
  /** Where the minimum is attained (needed to shift the function). @defaultValue the centre of the box */
  readonly argmin?: readonly number[];
  evaluate(x: ArrayLike<number>): number;
}

/**
 * A test function of your own, for `runBenchmark` or `bonito benchmark --functions ./my-fn.ts`
 * (the module's default export).
 * @throws RangeError when bounds are empty or not finite with low < high, or argmin has another length.
 * @example
 * ```ts
 * export default defineTestFunction({ name: 'Sphere-3', bounds: [[-1, 1], [-1, 1], [-1, 1]], minimum: 0, argmin: [0, 0, 0],
 *   evaluate: (x) => x[0] ** 2 + x[1] ** 2 + x[2] ** 2 });
 * ```
 */
export function defineTestFunction(definition: TestFunctionDefinition): TestFunction {
  const where = 'defineTestFunction';
  if (typeof definition?.name !== 'string' || definition.name.length === 0)
    throw new TypeError(`${where}: \`name\` must be a non-empty string but got ${describeValue(definition?.name)}.`);
  const { bounds } = definition;
  if (!Array.isArray(bounds) || bounds.length === 0)
    throw new RangeError(`${where}: \`bounds\` must list at least one [low, high] pair but got ${describeValue(bounds)}.`);
  bounds.forEach((b, i) => {
    if (!Array.isArray(b) || !(Number.isFinite(b[0]) && Number.isFinite(b[1]) && b[0] < b[1])) {
      throw new RangeError(`${where}: \`bounds[${i}]\` must be finite [low, high] with low < high but got ${describeValue(b)}.`);
    }
  });
  if (typeof definition.minimum !== 'number' || Number.isNaN(definition.minimum))
    throw new TypeError(`${where}: \`minimum\` must be a number but got ${describeValue(definition.minimum)}.`);
  if (typeof definition.evaluate !== 'function')
    throw new TypeError(`${where}: \`evaluate\` must be a function of x but got ${describeValue(definition.evaluate)}.`);
  const argmin = definition.argmin ?? bounds.map(([lo, hi]) => (lo + hi) / 2);
  if (argmin.length !== bounds.length)
    throw new RangeError(`${where}: \`argmin\` must have ${bounds.length} coordinates like \`bounds\` but got ${argmin.length}.`);
  return define(definition.name, bounds, definition.minimum, argmin, (x) => definition.evaluate(x));
}

const repeat = (d: number, lo: number, hi: number) => Array.from({ length: d }, () => [lo, hi] as const);

/**
 * Branin–Hoo on x0 ∈ [−5, 10], x1 ∈ [0, 15]: three global minima of 5/(4π) ≈ 0.397887, at
 * (−π, 12.275), (π, 2.275) and (9.42478, 2.475) (Dixon & Szegő 1978; Surjanovic & Bingham's
 * Virtual Library of Simulation Experiments, https://www.sfu.ca/~ssurjano/branin.html).
 * @example
 * ```ts
 * branin.evaluate([Math.PI, 2.275]); // 0.39788735772973816
 * ```
 */
export const branin: TestFunction = define(
  'Branin',
  [
    [-5, 10],
    [0, 15],
  ],
  0.39788735772973816,
  [Math.PI, 2.275],
  (x) => {
    const b = 5.1 / (4 * Math.PI * Math.PI);
    const c = 5 / Math.PI;
    const t = 1 / (8 * Math.PI);
    return (x[1] - b * x[0] * x[0] + c * x[0] - 6) ** 2 + 10 * (1 - t) * Math.cos(x[0]) + 10;
  },
);

// Hartmann 6-D constants (https://www.sfu.ca/~ssurjano/hart6.html).
const H6_ALPHA = [1.0, 1.2, 3.0, 3.2];
const H6_A = [
  [10, 3, 17, 3.5, 1.7, 8],
  [0.05, 10, 17, 0.1, 8, 14],
  [3, 3.5, 1.7, 10, 17, 8],
  [17, 8, 0.05, 10, 0.1, 14],
];
const H6_P = [
  [0.1312, 0.1696, 0.5569, 0.0124, 0.8283, 0.5886],
  [0.2329, 0.4135, 0.8307, 0.3736, 0.1004, 0.9991],
  [0.2348, 0.1451, 0.3522, 0.2883, 0.3047, 0.665],
  [0.4047, 0.8828, 0.8732, 0.5743, 0.1091, 0.0381],
];

/**
 * Hartmann 6-D on [0, 1]^6: minimum −3.322368011415515 near
 * (0.20169, 0.150011, 0.476874, 0.275332, 0.311652, 0.6573) (https://www.sfu.ca/~ssurjano/hart6.html).
 */
export const hartmann6: TestFunction = define(
  'Hartmann6',
  repeat(6, 0, 1),
  -3.322368011415515,
  [0.20168951265373836, 0.15001069271431358, 0.4768739727643224, 0.2753324306183628, 0.31165161659093066, 0.6573005656322703],
  (x) => {
    let f = 0;
    for (let i = 0; i < 4; i++) {
      let s = 0;
      for (let j = 0; j < 6; j++) s += H6_A[i][j] * (x[j] - H6_P[i][j]) ** 2;
      f -= H6_ALPHA[i] * Math.exp(-s);
    }
    return f;
  },
);

/** Ackley (a = 20, b = 0.2, c = 2π) in `d` dimensions on [−32.768, 32.768]^d; minimum 0 at the origin. */
export function ackley(d: number): TestFunction {
  return define(`Ackley-${d}`, repeat(d, -32.768, 32.768), 0, new Array(d).fill(0), (x) => {
    let sq = 0;
    let cs = 0;
    for (let i = 0; i < d; i++) {
      sq += x[i] * x[i];
      cs += Math.cos(2 * Math.PI * x[i]);
    }
    // Evaluates to 4.4e-16 (not 0) at the origin: 20 + e is rounded.
    return -20 * Math.exp(-0.2 * Math.sqrt(sq / d)) - Math.exp(cs / d) + 20 + Math.E;
  });
}

/** Rosenbrock in `d` dimensions on [−5, 10]^d; minimum 0 at (1, ..., 1). */
export function rosenbrock(d: number): TestFunction {
  return define(`Rosenbrock-${d}`, repeat(d, -5, 10), 0, new Array(d).fill(1), (x) => {
    let f = 0;
    for (let i = 0; i + 1 < d; i++) f += 100 * (x[i + 1] - x[i] * x[i]) ** 2 + (1 - x[i]) ** 2;
    return f;
  });
}

/**
 * Levy in `d` dimensions on [−10, 10]^d; minimum 0 at (1, ..., 1). With w_i = 1 + (x_i − 1)/4:
 * sin²(πw_1) + Σ_{i<d} (w_i − 1)²(1 + 10 sin²(πw_i + 1)) + (w_d − 1)²(1 + sin²(2πw_d))
 * (Surjanovic & Bingham, https://www.sfu.ca/~ssurjano/levy.html).
 * @example
 * ```ts
 * levy(20).evaluate(new Array(20).fill(1)); // ≈ 0 (sin²(π) rounds to 1.5e-32)
 * ```
 */
export function levy(d: number): TestFunction {
  return define(`Levy-${d}`, repeat(d, -10, 10), 0, new Array(d).fill(1), (x) => {
    const w = (i: number) => 1 + (x[i] - 1) / 4;
    let f = Math.sin(Math.PI * w(0)) ** 2;
    for (let i = 0; i + 1 < d; i++) f += (w(i) - 1) ** 2 * (1 + 10 * Math.sin(Math.PI * w(i) + 1) ** 2);
    const last = w(d - 1);
    return f + (last - 1) ** 2 * (1 + Math.sin(2 * Math.PI * last) ** 2);
  });
}

/** The minimiser of one Styblinski–Tang coordinate: the smallest root of 4x³ − 32x + 5 = 0. */
const ST_ARGMIN = -2.903534027771178;
/** Styblinski–Tang per coordinate at its minimiser. */
const ST_MIN_1D = -39.16616570377142;

/**
 * Styblinski–Tang in `d` dimensions on [−5, 5]^d; minimum −39.16616570377142·d at
 * x_i = −2.903534027771178 (−313.3293256301713 for d = 8).
 */
export function styblinskiTang(d: number): TestFunction {
  return define(`Styblinski-Tang-${d}`, repeat(d, -5, 5), ST_MIN_1D * d, new Array(d).fill(ST_ARGMIN), (x) => {
    let f = 0;
    for (let i = 0; i < d; i++) f += x[i] ** 4 - 16 * x[i] * x[i] + 5 * x[i];
    return f / 2;
  });
}

/** Six-hump camel on x0 ∈ [−3, 3], x1 ∈ [−2, 2]; minimum −1.0316284534898774 at ±(0.0898420131, −0.7126564030). */
export const sixHumpCamel: TestFunction = define(
  'SixHumpCamel',
  [
    [-3, 3],
    [-2, 2],
  ],
  -1.0316284534898774,
  [0.08984201310031806, -0.7126564030207396],
  (x) => {
    const a = x[0] * x[0];
    return (4 - 2.1 * a + (a * a) / 3) * a + x[0] * x[1] + (-4 + 4 * x[1] * x[1]) * x[1] * x[1];
  },
);

/** Goldstein–Price on [−2, 2]^2; minimum 3 at (0, −1). */
export const goldsteinPrice: TestFunction = define('GoldsteinPrice', repeat(2, -2, 2), 3, [0, -1], (x) => {
  const [a, b] = [x[0], x[1]];
  const p = 1 + (a + b + 1) ** 2 * (19 - 14 * a + 3 * a * a - 14 * b + 6 * a * b + 3 * b * b);
  const q = 30 + (2 * a - 3 * b) ** 2 * (18 - 32 * a + 12 * a * a + 48 * b - 36 * a * b + 27 * b * b);
  return p * q;
});

/** The five functions of the sampler benchmark (`bench/samplers.bench.ts`), in report order. */
export const BENCHMARK_FUNCTIONS: readonly TestFunction[] = Object.freeze([
  branin,
  hartmann6,
  ackley(10),
  rosenbrock(5),
  styblinskiTang(8),
]);
