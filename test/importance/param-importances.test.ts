import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decomposeTree } from '../../src/importance/fanova.js';
import { paramImportances } from '../../src/importance/param-importances.js';
import { TreeRandom } from '../../src/importance/random.js';
import { growTree } from '../../src/importance/tree.js';
import {
  categoricalDistribution,
  floatDistribution,
  intDistribution,
  type Distribution,
  type ParamValue,
} from '../../src/space/distributions.js';
import type { FrozenTrial, TrialState } from '../../src/trial/index.js';

/** A trial as a journal would replay it, params and distributions in the given key order. */
function trial(
  number: number,
  params: Record<string, [Distribution, ParamValue]>,
  value: number | null,
  state: TrialState = 'COMPLETE',
): FrozenTrial {
  return {
    number,
    trialId: number,
    state,
    value,
    values: value === null ? null : [value],
    params: Object.fromEntries(Object.entries(params).map(([k, [, v]]) => [k, v])),
    distributions: Object.fromEntries(Object.entries(params).map(([k, [d]]) => [k, d])),
    intermediateValues: new Map(),
    userAttrs: {},
    systemAttrs: {},
    datetimeStart: null,
    datetimeComplete: null,
  };
}

/** A tiny seeded uniform stream for the test data (independent of the code under test). */
function uniforms(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s ^ (s >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0;
    s = (s ^ (s >>> 12)) >>> 0;
    return ((Math.imul(s, 0x297a2d39) ^ (s >>> 15)) >>> 0) / 4294967296;
  };
}

const U = (name: string) => floatDistribution(name, 0, 1);

/** n trials of `f` on independent uniform parameters x0..x(d-1). */
function uniformTrials(n: number, d: number, f: (x: number[]) => number, seed = 1): FrozenTrial[] {
  const u = uniforms(seed);
  return Array.from({ length: n }, (_, i) => {
    const x = Array.from({ length: d }, () => u());
    return trial(i, Object.fromEntries(x.map((v, j) => [`x${j}`, [U(`x${j}`), v]])), f(x));
  });
}

const byName = (r: { name: string; importance: number }[]) => Object.fromEntries(r.map((p) => [p.name, p.importance]));

const coefficient = fc.tuple(fc.integer({ min: 1, max: 500 }), fc.boolean()).map(([c, negative]) => (negative ? -c : c) / 100);

describe('fANOVA of one tree', () => {
  it('splits a tree grown on a full grid of a·x1 + b·x2 exactly into a²/(a²+b²) and b²/(a²+b²)', () => {
    fc.assert(
      fc.property(coefficient, coefficient, fc.integer({ min: 2, max: 9 }), (a, b, k) => {
        // Grid points at cell centres of [0, 1]: every leaf of a tree grown to purity is one cell.
        const g = Array.from({ length: k }, (_, i) => (i + 0.5) / k);
        const x1 = Float64Array.from(g.flatMap((v) => g.map(() => v)));
        const x2 = Float64Array.from(g.flatMap(() => g));
        const y = Float64Array.from(x1, (v, i) => a * v + b * x2[i]);
        const tree = growTree(
          [x1, x2],
          y,
          new Float64Array(y.length).fill(1),
          { maxDepth: 64, minSamplesSplit: 2, minSamplesLeaf: 1 },
          new TreeRandom(0, 0),
        );
        const bounds = { low: Float64Array.of(0, 0), high: Float64Array.of(1, 1) };
        const parts = decomposeTree(tree, bounds, [[0], [1]]);
        const gridVariance = (k * k - 1) / (12 * k * k);
        expect(parts.total).toBeCloseTo((a * a + b * b) * gridVariance, 10);
        expect(parts.marginal[0] / parts.total).toBeCloseTo((a * a) / (a * a + b * b), 10);
        expect(parts.marginal[1] / parts.total).toBeCloseTo((b * b) / (a * a + b * b), 10);
      }),
      { numRuns: 60 },
    );
  });

  it('gives a pure interaction x1·x2 (centred) no main effect in either parameter', () => {
    const g = [0.25, 0.75];
    const x1 = Float64Array.from([0.25, 0.25, 0.75, 0.75]);
    const x2 = Float64Array.from(g.concat(g));
    const y = Float64Array.from(x1, (v, i) => (v - 0.5) * (x2[i] - 0.5));
    const tree = growTree(
      [x1, x2],
      y,
      new Float64Array(4).fill(1),
      { maxDepth: 64, minSamplesSplit: 2, minSamplesLeaf: 1 },
      new TreeRandom(0, 0),
    );
    const parts = decomposeTree(tree, { low: Float64Array.of(0, 0), high: Float64Array.of(1, 1) }, [[0], [1]]);
    expect(parts.total).toBeCloseTo((1 / 16 ** 2) * 1, 14);
    expect(parts.marginal[0]).toBeCloseTo(0, 15);
    expect(parts.marginal[1]).toBeCloseTo(0, 15);
  });
});

describe('paramImportances', () => {
  it('approaches a²/(a²+b²) for a·x1 + b·x2 on random uniform trials', () => {
    const r = byName(paramImportances(uniformTrials(400, 2, ([x1, x2]) => 3 * x1 + 1 * x2)));
    expect(r.x0).toBeCloseTo(0.9, 1);
    expect(r.x1).toBeCloseTo(0.1, 1);
  });

  it('gives non-negative importances summing to 1, ~0 to an ignored parameter, and ignores parameter order', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0.2, max: 4, noNaN: true }), { minLength: 2, maxLength: 4 }),
        fc.integer({ min: 1, max: 1000 }),
        fc.integer({ min: 0, max: 3 }),
        (coefficients, seed, ignoredAt) => {
          const d = coefficients.length + 1;
          const ignored = ignoredAt % d;
          // A sum of monotone and non-monotone terms; parameter `ignored` is not used.
          const f = (x: number[]) =>
            coefficients.reduce((s, c, j) => {
              const v = x[j < ignored ? j : j + 1];
              return s + c * (j % 2 === 0 ? v : (v - 0.5) ** 2 * 4);
            }, 0);
          const trials = uniformTrials(100, d, f, seed);
          const r = paramImportances(trials, { nTrees: 16 });
          expect(r).toHaveLength(d);
          for (const p of r) expect(p.importance).toBeGreaterThanOrEqual(0);
          expect(r.reduce((s, p) => s + p.importance, 0)).toBeCloseTo(1, 12);
          expect(byName(r)[`x${ignored}`]).toBeLessThan(0.05);
          // The same trials with params and distributions listed in reverse key order.
          const reversed = trials.map((t) =>
            trial(
              t.number,
              Object.fromEntries(
                Object.keys(t.params)
                  .reverse()
                  .map((k) => [k, [t.distributions[k], t.params[k]]]),
              ),
              t.value,
            ),
          );
          expect(paramImportances(reversed, { nTrees: 16 })).toEqual(r);
        },
      ),
      { numRuns: 25 },
    );
  });

  it('is a pure function of the trials and the seed', () => {
    const trials = uniformTrials(80, 3, ([a, b, c]) => Math.sin(6 * a) + b * c);
    expect(paramImportances(trials, { seed: 7 })).toEqual(paramImportances(trials, { seed: 7 }));
    expect(paramImportances(trials, { seed: 7 })).not.toEqual(paramImportances(trials, { seed: 8 }));
  });

  it('handles int, log and categorical parameters, and gives 0 to single-valued ones', () => {
    const u = uniforms(3);
    const lr = floatDistribution('lr', 1e-4, 1, { log: true });
    const units = intDistribution('units', 16, 256, { step: 16 });
    const act = categoricalDistribution('act', ['relu', 'tanh', null]);
    const one = categoricalDistribution('one', ['only']);
    const trials = Array.from({ length: 150 }, (_, i) => {
      const a = act.choices[Math.floor(u() * 3)];
      const l = 10 ** (-4 + 4 * u());
      const n = 16 + 16 * Math.floor(u() * 16);
      const value = (a === 'tanh' ? 5 : a === null ? 2 : 0) + l + n / 1e4;
      return trial(i, { lr: [lr, l], units: [units, n], act: [act, a], one: [one, 'only'] }, value);
    });
    const r = paramImportances(trials);
    expect(r.map((p) => p.name)).toEqual(['act', 'lr', 'units', 'one']);
    expect(r[0].importance).toBeGreaterThan(0.8);
    expect(r[3].importance).toBe(0);
  });

  it('uses COMPLETE trials with a finite target only, and `target` for several objectives', () => {
    const base = uniformTrials(60, 2, ([a, b]) => a + 0.1 * b);
    const noisy = [
      ...base,
      trial(60, { x0: [U('x0'), 0.5], x1: [U('x1'), 0.5] }, null, 'FAIL'),
      trial(61, { x0: [U('x0'), 0.5], x1: [U('x1'), 0.5] }, Infinity),
      trial(62, { x0: [U('x0'), 0.1], x1: [U('x1'), 0.9] }, null, 'RUNNING'),
    ];
    expect(paramImportances(noisy)).toEqual(paramImportances(base));
    const two = base.map((t) => ({ ...t, values: [t.value as number, (t.params.x1 as number) * 10] }));
    const study = { trials: two, directions: ['minimize', 'minimize'] as const };
    expect(() => paramImportances(study)).toThrow('paramImportances: `target` must be given for a study of 2 objectives');
    expect(paramImportances(two, { target: (t) => t.values?.[1] as number })[0].name).toBe('x1');
    expect(paramImportances(study, { target: (t) => t.values?.[0] as number })).toEqual(paramImportances(base));
  });

  it('assesses the parameters asked for, from the trials that have them all', () => {
    const trials = uniformTrials(50, 3, ([a, b, c]) => a + 2 * b + 3 * c);
    const r = paramImportances(trials, { params: ['x2', 'x0'] });
    expect(r.map((p) => p.name)).toEqual(['x2', 'x0']);
    expect(paramImportances(trials, { params: [] })).toEqual([]);
    expect(() => paramImportances(trials, { params: ['nope'] })).toThrow(
      'paramImportances: `params` must name parameters that at least one COMPLETE trial has all of but got an array ["nope"].',
    );
  });

  it('refuses bad input in the house form', () => {
    const trials = uniformTrials(5, 2, ([a]) => a);
    expect(() => paramImportances(trials.slice(0, 1))).toThrow(
      'paramImportances: `trials` must hold at least two COMPLETE trials but got 1.',
    );
    expect(() => paramImportances(trials, { nTrees: 0 })).toThrow('paramImportances: `nTrees` must be an integer in [1, 10000] but got 0.');
    expect(() => paramImportances(trials, { maxDepth: 1.5 })).toThrow(
      'paramImportances: `maxDepth` must be a positive integer but got 1.5.',
    );
    expect(() => paramImportances(trials, { seed: -1 })).toThrow('paramImportances: `seed` must be a non-negative integer');
    expect(() => paramImportances(trials, { params: 'x0' as never })).toThrow(
      "paramImportances: `params` must be an array of parameter names but got 'x0'",
    );
    const flat = trials.map((t) => ({ ...t, value: 1 }));
    expect(() => paramImportances(flat)).toThrow('paramImportances: the trials must vary in target and parameters');
  });
});
