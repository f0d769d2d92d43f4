// Standard problems of several objectives (and one constrained problem) with known optimal
// hypervolumes, and a runner that measures the hypervolume gap of a sampler over seeds.
import { hypervolume, totalViolation } from '../pareto/index.js';
import type { Sampler } from '../samplers/base.js';
import { floatDistribution, type SearchSpace } from '../space/distributions.js';
import { createStudy } from '../study/create.js';
import type { Direction } from '../trial/index.js';
import { quartiles } from './regret.js';

/** A box-constrained problem of one or several minimized objectives, optionally constrained. */
export interface MultiObjectiveProblem {
  readonly name: string;
  readonly d: number;
  readonly directions: readonly Direction[];
  /** Parameters x0, x1, ... */
  readonly space: SearchSpace;
  /** The hypervolume reference point (several objectives). */
  readonly reference: readonly number[];
  /** The hypervolume of the true front against `reference`, or for one objective its constrained optimum. */
  readonly optimum: number;
  evaluate(x: readonly number[]): number[];
  /** Constraint values, `≤ 0` feasible, when the problem has constraints. */
  constraints?(x: readonly number[]): number[];
}

const unitSpace = (d: number): SearchSpace =>
  Object.freeze(Object.fromEntries(Array.from({ length: d }, (_, i) => [`x${i}`, floatDistribution(`x${i}`, 0, 1)])));

function zdtG(x: readonly number[]): number {
  let s = 0;
  for (let i = 1; i < x.length; i++) s += x[i];
  return 1 + (9 * s) / (x.length - 1);
}

/** ZDT1 (Zitzler, Deb & Thiele 2000): convex front f2 = 1 − √f1; optimal HV vs (11, 11) is 120 + 2/3. */
export function zdt1(d = 10): MultiObjectiveProblem {
  return Object.freeze({
    name: `ZDT1-${d}`,
    d,
    directions: ['minimize', 'minimize'] as const,
    space: unitSpace(d),
    reference: [11, 11],
    optimum: 120 + 2 / 3,
    evaluate: (x: readonly number[]) => {
      const g = zdtG(x);
      return [x[0], g * (1 - Math.sqrt(x[0] / g))];
    },
  });
}

/** ZDT2: concave front f2 = 1 − f1²; optimal HV vs (11, 11) is 120 + 1/3. */
export function zdt2(d = 10): MultiObjectiveProblem {
  return Object.freeze({
    name: `ZDT2-${d}`,
    d,
    directions: ['minimize', 'minimize'] as const,
    space: unitSpace(d),
    reference: [11, 11],
    optimum: 120 + 1 / 3,
    evaluate: (x: readonly number[]) => {
      const g = zdtG(x);
      return [x[0], g * (1 - (x[0] / g) ** 2)];
    },
  });
}

/** DTLZ2 with 3 objectives (Deb et al. 2002): the front is the unit sphere's positive octant; HV vs (2.5)³ is 2.5³ − π/6. */
export function dtlz2(d = 7): MultiObjectiveProblem {
  return Object.freeze({
    name: `DTLZ2-${d}`,
    d,
    directions: ['minimize', 'minimize', 'minimize'] as const,
    space: unitSpace(d),
    reference: [2.5, 2.5, 2.5],
    optimum: 2.5 ** 3 - Math.PI / 6,
    evaluate: (x: readonly number[]) => {
      let g = 0;
      for (let i = 2; i < x.length; i++) g += (x[i] - 0.5) ** 2;
      const a = (x[0] * Math.PI) / 2;
      const b = (x[1] * Math.PI) / 2;
      return [(1 + g) * Math.cos(a) * Math.cos(b), (1 + g) * Math.cos(a) * Math.sin(b), (1 + g) * Math.sin(a)];
    },
  });
}

/**
 * Gardner et al. (2014)'s constrained toy problem on [0, 6]²: minimize cos(2x₁)cos(x₂) + sin(x₁)
 * subject to sin(x₁)sin(x₂) + 0.95 ≤ 0. The optimum, −1.31225 at (3π/2, 1.25324) on the
 * constraint's boundary, comes from scipy's SLSQP; test/bench/multi-objective.test.ts checks that
 * no feasible point of a fine grid beats it.
 */
export const gardner: MultiObjectiveProblem = Object.freeze({
  name: 'Gardner',
  d: 2,
  directions: ['minimize'] as const,
  space: Object.freeze({ x0: floatDistribution('x0', 0, 6), x1: floatDistribution('x1', 0, 6) }),
  reference: [],
  optimum: -1.31224989991992,
  evaluate: (x: readonly number[]) => [Math.cos(2 * x[0]) * Math.cos(x[1]) + Math.sin(x[0])],
  constraints: (x: readonly number[]) => [Math.sin(x[0]) * Math.sin(x[1]) + 0.95],
});

/** Quartiles of the gap after `trials` trials. */
export interface GapCheckpoint {
  readonly trials: number;
  readonly q1: number;
  readonly median: number;
  readonly q3: number;
}

/** What `runHypervolumeGap` returns. */
export interface GapResult {
  readonly problem: string;
  readonly seeds: readonly number[];
  /** Per run, the gap after each trial: optimal HV − HV of the feasible trials (one objective: best feasible − optimum). */
  readonly curves: readonly Float64Array[];
  readonly checkpoints: readonly GapCheckpoint[];
  /** Mean wall time per trial (ask + objective + tell), milliseconds. */
  readonly msPerTrial: number;
}

/**
 * Runs a sampler on a problem through ask/tell once per seed and measures the gap to the optimum:
 * the hypervolume gap for several objectives, the best feasible value minus the optimum for one.
 * Infeasible trials never count. The gap is Infinity until a feasible trial exists.
 * @param sampler - a factory called with each run's seed.
 * @param problem - the problem.
 * @param options - trials, seeds, checkpoints.
 */
export async function runHypervolumeGap(
  sampler: (seed: number) => Sampler,
  problem: MultiObjectiveProblem,
  options: { nTrials?: number; seeds?: number; checkpoints?: readonly number[] } = {},
): Promise<GapResult> {
  const nTrials = options.nTrials ?? 100;
  const seeds = Array.from({ length: options.seeds ?? 10 }, (_, i) => i);
  const curves: Float64Array[] = [];
  const names = Object.keys(problem.space);
  const constraints = problem.constraints;
  let elapsed = 0;
  for (const seed of seeds) {
    const study = await createStudy({
      directions: problem.directions,
      seed,
      sampler: sampler(seed),
      onWarning: () => {},
      constraints: constraints === undefined ? undefined : (t) => constraints(names.map((n) => t.params[n] as number)),
    });
    const curve = new Float64Array(nTrials);
    const front: number[][] = [];
    let best = Infinity;
    const started = performance.now();
    for (let i = 0; i < nTrials; i++) {
      const trial = await study.ask();
      const x = names.map((n) => {
        const d = problem.space[n] as { low: number; high: number };
        return trial.suggestFloat(n, d.low, d.high);
      });
      const values = problem.evaluate(x);
      await study.tell(trial, problem.directions.length === 1 ? values[0] : values);
      const feasible = constraints === undefined || totalViolation(constraints(x)) === 0;
      if (feasible) {
        if (problem.directions.length === 1) best = Math.min(best, values[0]);
        else front.push(values);
      }
      curve[i] =
        problem.directions.length === 1 ? Math.max(0, best - problem.optimum) : problem.optimum - hypervolume(front, problem.reference);
    }
    elapsed += performance.now() - started;
    curves.push(curve);
  }
  const checkpoints = (options.checkpoints ?? [50, 100])
    .filter((t) => t >= 1 && t <= nTrials)
    .map((trials) => ({ trials, ...quartiles(curves.map((c) => c[trials - 1])) }));
  return { problem: problem.name, seeds, curves, checkpoints, msPerTrial: elapsed / (seeds.length * nTrials) };
}
