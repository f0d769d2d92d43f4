// The mixed benchmark space of issue 14: a categorical parameter decides which other parameters
// exist, so a sampler is tested on what real model searches look like (a model family, then that
// family's own settings) rather than on a box of floats. bench/peers/optuna_mixed.py computes the
// same function for Optuna; keep the two in step.
import { categoricalDistribution, floatDistribution, intDistribution, type ParamValue, type SearchSpace } from '../space/distributions.js';
import type { SuggestingTrial } from '../trial/trial.js';
import { describeValue } from '../errors.js';
import { branin, styblinskiTang, type TestFunction } from './functions.js';

const KINDS = ['a', 'b', 'c'] as const;
const st3 = styblinskiTang(3);

/** Branch floors: the best value each `kind` can reach, so choosing the wrong branch costs regret. */
const FLOOR_A = 1;
const FLOOR_B = 0.5;

/** The shared log-scale parameter's penalty: 0 at w = 0.01, 1 at w = 1, 0.25 at w = 0.001. */
function wTerm(w: number): number {
  return (Math.log10(w) + 2) ** 2 / 4;
}

function branchA(x0: number, x1: number): number {
  return branin.evaluate([x0, x1]) - branin.minimum + FLOOR_A;
}

function branchB(n: number, x: number): number {
  return FLOOR_B + 0.1 * (n - 13) ** 2 + (x - 0.5) ** 2;
}

/**
 * Styblinski–Tang-3 scaled to [0, ~25]: 8 basins; the wrong basin in one coordinate costs ≥ 0.71, more than
 * branch b's floor, so only the right basin, found to about ±0.4 per coordinate, beats branch b.
 */
function branchC(x: readonly number[]): number {
  return (st3.evaluate(x) - st3.minimum) / 20;
}

function value(params: Readonly<Record<string, unknown>>): number {
  const w = wTerm(params.w as number);
  switch (params.kind) {
    case 'a':
      return w + branchA(params.a_x0 as number, params.a_x1 as number);
    case 'b':
      return w + branchB(params.b_n as number, params.b_x as number);
    case 'c':
      return w + branchC([params.c_x0 as number, params.c_x1 as number, params.c_x2 as number]);
    default:
      throw new RangeError(`Mixed: \`kind\` must be one of 'a', 'b', 'c' but got ${describeValue(params.kind)}.`);
  }
}

function suggest(trial: SuggestingTrial): Record<string, ParamValue> {
  const kind = trial.suggestCategorical('kind', KINDS);
  const params: Record<string, ParamValue> = { kind, w: trial.suggestFloat('w', 1e-3, 1, { log: true }) };
  if (kind === 'a') {
    params.a_x0 = trial.suggestFloat('a_x0', -5, 10);
    params.a_x1 = trial.suggestFloat('a_x1', 0, 15);
  } else if (kind === 'b') {
    params.b_n = trial.suggestInt('b_n', 0, 20);
    params.b_x = trial.suggestFloat('b_x', -2, 2);
  } else {
    for (let i = 0; i < 3; i++) params[`c_x${i}`] = trial.suggestFloat(`c_x${i}`, -5, 5);
  }
  return params;
}

const NAMES = ['kind', 'w', 'a_x0', 'a_x1', 'b_n', 'b_x', 'c_x0', 'c_x1', 'c_x2'] as const;
const space: SearchSpace = Object.freeze({
  kind: categoricalDistribution('kind', KINDS),
  w: floatDistribution('w', 1e-3, 1, { log: true }),
  a_x0: floatDistribution('a_x0', -5, 10),
  a_x1: floatDistribution('a_x1', 0, 15),
  b_n: intDistribution('b_n', 0, 20),
  b_x: floatDistribution('b_x', -2, 2),
  c_x0: floatDistribution('c_x0', -5, 5),
  c_x1: floatDistribution('c_x1', -5, 5),
  c_x2: floatDistribution('c_x2', -5, 5),
});

/**
 * A mixed, conditional space (issue 14's "one mixed space with categorical and conditional
 * parameters"), minimum 0. Every trial suggests `kind` ∈ {'a', 'b', 'c'} and a shared log-scale
 * `w` ∈ [0.001, 1] (penalty (log₁₀ w + 2)²/4), then only its branch's parameters:
 * - 'a': `a_x0` ∈ [−5, 10], `a_x1` ∈ [0, 15]: Branin − its minimum + 1 (floor 1, three minimisers);
 * - 'b': integer `b_n` ∈ [0, 20], `b_x` ∈ [−2, 2]: 0.5 + 0.1 (b_n − 13)² + (b_x − 0.5)² (floor 0.5);
 * - 'c': `c_x0..2` ∈ [−5, 5]: (Styblinski–Tang-3 − its minimum)/20 (floor 0, eight basins; any
 *   wrong basin costs more than branch b's floor).
 * The optimum is kind 'c', w = 0.01, c_xi = −2.903534: a sampler must find the branch whose floor is
 * lowest although its landscape is the hardest. `evaluate` takes the flat encoding
 * [kind index, w, a_x0, a_x1, b_n, b_x, c_x0, c_x1, c_x2] (other branches' coordinates ignored); the
 * runners use `suggest` and `objective`. Not shiftable (`shiftedFunction` refuses it).
 * @example
 * ```ts
 * mixed.objective({ kind: 'b', w: 0.01, b_n: 13, b_x: 0.5 }); // 0.5
 * ```
 */
export const mixed: TestFunction = Object.freeze({
  name: 'Mixed',
  d: NAMES.length,
  bounds: Object.freeze(
    NAMES.map((n) => {
      const dist = space[n];
      return Object.freeze(dist.kind === 'categorical' ? ([0, dist.choices.length - 1] as const) : ([dist.low, dist.high] as const));
    }),
  ),
  minimum: 0,
  argmin: Object.freeze([2, 0.01, Math.PI, 2.275, 13, 0.5, ...st3.argmin]),
  space,
  evaluate(x: ArrayLike<number>): number {
    const params: Record<string, unknown> = { kind: KINDS[Math.round(x[0])] };
    NAMES.forEach((n, i) => {
      if (i > 0) params[n] = x[i];
    });
    return value(params);
  },
  objective: value,
  suggest,
});
