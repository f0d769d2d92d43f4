import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { withScratch, type Scratch } from '../../src/core/memory.js';
import { minimizeBatch, type BatchMinimizeOptions } from '../../src/core/lbfgs.js';

type Fn = (x: number[]) => { f: number; g: number[] };

/** Runs minimizeBatch with a plain-TypeScript objective, counting the points evaluated. */
function run(fn: Fn, x0: number[][], options: BatchMinimizeOptions) {
  const k = x0.length;
  const n = x0[0].length;
  let evaluations = 0;
  let maxBatch = 0;
  const result = withScratch((s: Scratch) =>
    minimizeBatch(
      s,
      x0.flat(),
      k,
      n,
      (xp, count, fp, gp) => {
        evaluations += count;
        maxBatch = Math.max(maxBatch, count);
        const x = s.viewF64(xp, count * n);
        const f = s.viewF64(fp, count);
        const g = s.viewF64(gp, count * n);
        for (let r = 0; r < count; r++) {
          const out = fn(Array.from(x.subarray(r * n, (r + 1) * n)));
          f[r] = out.f;
          g.set(out.g, r * n);
        }
      },
      options,
    ),
  );
  return { ...result, evaluations, maxBatch };
}

const rosenbrock: Fn = ([a, b]) => ({
  f: (1 - a) ** 2 + 100 * (b - a * a) ** 2,
  g: [-2 * (1 - a) - 400 * a * (b - a * a), 200 * (b - a * a)],
});

const opts = { gtol: 1e-8, ftol: 0, maxIterations: 500 };

describe('lbfgs_start / lbfgs_tell (unbounded, strong Wolfe)', () => {
  it('minimizes the Rosenbrock function from the classic start (−1.2, 1)', () => {
    const r = run(rosenbrock, [[-1.2, 1]], opts);
    expect(r.status[0]).toBe('gtol');
    expect(r.x[0]).toBeCloseTo(1, 7);
    expect(r.x[1]).toBeCloseTo(1, 7);
    // Strong-Wolfe L-BFGS needs a few dozen iterations here (scipy: ~35), not hundreds.
    expect(r.iterations[0]).toBeLessThan(80);
  });

  it('minimizes convex quadratics of random curvature to the exact solution', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0.01, max: 100, noNaN: true }), { minLength: 1, maxLength: 12 }),
        fc.array(fc.double({ min: -5, max: 5, noNaN: true }), { minLength: 12, maxLength: 12 }),
        (curv, center) => {
          const fn: Fn = (x) => ({
            f: x.reduce((s, v, j) => s + 0.5 * curv[j] * (v - center[j]) ** 2, 0),
            g: x.map((v, j) => curv[j] * (v - center[j])),
          });
          const r = run(fn, [curv.map(() => 0)], { gtol: 1e-9, ftol: 0, maxIterations: 300 });
          expect(r.status[0]).toBe('gtol');
          curv.forEach((c, j) => expect(Math.abs(r.x[j] - center[j]) * c).toBeLessThanOrEqual(1e-9));
        },
      ),
      { numRuns: 40, seed: 3 },
    );
  });

  it('converges with any memory size, the ring of correction pairs wrapping around', () => {
    for (const memory of [1, 2, 3, 7]) {
      const r = run(
        rosenbrock,
        [
          [-1.2, 1],
          [2.5, -1],
        ],
        { ...opts, memory },
      );
      expect(r.status).toEqual(['gtol', 'gtol']);
      for (let i = 0; i < 4; i++) expect(r.x[i]).toBeCloseTo(1, 6);
    }
  });

  it('advances several starts in one batch and gives each the result it gets alone', () => {
    const starts = [
      [-1.2, 1],
      [2, 2],
      [0, 0],
      [-0.5, 3],
    ];
    const together = run(rosenbrock, starts, opts);
    expect(together.maxBatch).toBe(4);
    starts.forEach((x0, i) => {
      const alone = run(rosenbrock, [x0], opts);
      expect(together.x[2 * i]).toBe(alone.x[0]);
      expect(together.x[2 * i + 1]).toBe(alone.x[1]);
      expect(together.iterations[i]).toBe(alone.iterations[0]);
    });
  });

  it('backs off from points where the objective is not finite', () => {
    // log barrier: +Inf outside x > 0; the minimum of x − log x is at 1.
    const fn: Fn = ([x]) => ({ f: x > 0 ? x - Math.log(x) : Infinity, g: [x > 0 ? 1 - 1 / x : NaN] });
    const r = run(fn, [[8]], opts);
    expect(r.x[0]).toBeCloseTo(1, 6);
  });

  it('reports a start whose value is not finite and leaves it there', () => {
    const fn: Fn = ([x]) => ({ f: x > 0 ? x * x : NaN, g: [2 * x] });
    const r = run(fn, [[-1], [3]], opts);
    expect(r.status).toEqual(['bad-start', 'gtol']);
    expect(r.x[0]).toBe(-1);
    expect(Math.abs(r.x[1])).toBeLessThan(1e-8);
  });

  it('stops at the iteration limit', () => {
    const r = run(rosenbrock, [[-1.2, 1]], { gtol: 0, ftol: 0, maxIterations: 3 });
    expect(r.status[0]).toBe('max-iterations');
    expect(r.iterations[0]).toBe(3);
  });
});

describe('lbfgs_start / lbfgs_tell (box bounds, projected)', () => {
  it('finds the projection of an outside minimum onto the box', () => {
    const center = [2, -3, 0.25];
    const fn: Fn = (x) => ({
      f: x.reduce((s, v, j) => s + (j + 1) * (v - center[j]) ** 2, 0),
      g: x.map((v, j) => 2 * (j + 1) * (v - center[j])),
    });
    const r = run(fn, [[0.5, 0.5, 0.5]], { ...opts, lower: [0, 0, 0], upper: [1, 1, 1] });
    expect(Array.from(r.x)).toEqual([1, 0, expect.closeTo(0.25, 8)]);
  });

  it('keeps every start inside the box, including starts given outside it', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.double({ min: -3, max: 3, noNaN: true }), fc.double({ min: -3, max: 3, noNaN: true })), {
          minLength: 1,
          maxLength: 6,
        }),
        (starts) => {
          const lower = [-0.5, 0];
          const upper = [0.7, 2];
          let inside = true;
          const fn: Fn = (x) => {
            inside &&= x.every((v, j) => v >= lower[j] && v <= upper[j]);
            return rosenbrock(x);
          };
          const r = run(fn, starts, { gtol: 1e-6, ftol: 1e-12, maxIterations: 200, lower, upper });
          expect(inside).toBe(true);
          // The constrained minimum of Rosenbrock on this box is at a = 0.7, b = 0.49.
          for (let i = 0; i < starts.length; i++) {
            expect(r.x[2 * i]).toBeCloseTo(0.7, 3);
            expect(r.x[2 * i + 1]).toBeCloseTo(0.49, 3);
          }
        },
      ),
      { numRuns: 20, seed: 8 },
    );
  });
});

describe('minimizeBatch firstStep', () => {
  /** The first two points evaluated from x0 on f = ½‖x − c‖² (so g(x0) = x0 − c). */
  function firstTrial(x0: number[], c: number[], firstStep?: number): number[] {
    const seen: number[][] = [];
    run(
      (x) => {
        seen.push(x);
        return { f: 0.5 * x.reduce((s, v, j) => s + (v - c[j]) ** 2, 0), g: x.map((v, j) => v - c[j]) };
      },
      [x0],
      { gtol: 1e-12, ftol: 0, maxIterations: 1, firstStep },
    );
    return seen[1];
  }

  it('takes a first step of max-norm length firstStep along −g (1 by default)', () => {
    const x0 = [0, 0, 0];
    const c = [10, -4, 2];
    const unit = firstTrial(x0, c);
    const short = firstTrial(x0, c, 0.1);
    expect(Math.max(...unit.map(Math.abs))).toBeCloseTo(1, 14);
    expect(Math.max(...short.map(Math.abs))).toBeCloseTo(0.1, 14);
    // Both along −g = c.
    short.forEach((v, j) => expect(v).toBeCloseTo((0.1 * c[j]) / 10, 14));
  });

  it('never takes more than a unit step of −g, whatever firstStep says', () => {
    // |g|max = 0.5: a unit step of −g is shorter than firstStep = 1.
    expect(firstTrial([0, 0], [0.5, 0.25], 1)).toEqual([0.5, 0.25]);
  });
});
