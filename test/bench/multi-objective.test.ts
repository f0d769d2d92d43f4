import { describe, expect, it } from 'vitest';
import { dtlz2, gardner, runHypervolumeGap, zdt1, zdt2 } from '../../src/bench/multi-objective.js';
import { hypervolume } from '../../src/pareto/hypervolume.js';
import { NSGAIISampler } from '../../src/samplers/nsga2/sampler.js';
import { RandomSampler } from '../../src/samplers/random.js';

describe('multi-objective test problems', () => {
  it('put their optimal hypervolume on the true front', () => {
    // Sample the true fronts densely: g = 1 (x1.. = 0) for ZDT, g = 0 (x2.. = 0.5) for DTLZ2.
    const line = (p: typeof zdt1 extends (...a: never[]) => infer R ? R : never) =>
      Array.from({ length: 4001 }, (_, i) => p.evaluate([i / 4000, ...Array(p.d - 1).fill(0)]));
    for (const p of [zdt1(), zdt2()]) {
      const hv = hypervolume(line(p), p.reference);
      expect(hv).toBeLessThanOrEqual(p.optimum + 1e-12);
      expect(hv).toBeGreaterThan(p.optimum - 2e-3);
    }
    const d = dtlz2();
    const sphere: number[][] = [];
    for (let i = 0; i <= 80; i++) for (let j = 0; j <= 80; j++) sphere.push(d.evaluate([i / 80, j / 80, 0.5, 0.5, 0.5, 0.5, 0.5]));
    const hv = hypervolume(sphere, d.reference);
    expect(hv).toBeLessThanOrEqual(d.optimum + 1e-12);
    expect(hv).toBeGreaterThan(d.optimum - 0.02);
  });

  it("Gardner's optimum is feasible (to rounding) and no feasible grid point beats it", () => {
    const at = [(3 * Math.PI) / 2, 1.2532359];
    expect(gardner.evaluate(at)[0]).toBeCloseTo(gardner.optimum, 7);
    expect(gardner.constraints!(at)[0]).toBeLessThan(1e-7);
    let best = Infinity;
    for (let i = 0; i <= 1200; i++) {
      for (let j = 0; j <= 1200; j++) {
        const x = [(6 * i) / 1200, (6 * j) / 1200];
        if (gardner.constraints!(x)[0] <= 0) best = Math.min(best, gardner.evaluate(x)[0]);
      }
    }
    expect(best).toBeGreaterThanOrEqual(gardner.optimum);
    expect(best).toBeLessThan(gardner.optimum + 0.01);
  });

  it('runHypervolumeGap: the gap never grows, and NSGA-II closes more of it than random on ZDT1', async () => {
    const nsga = await runHypervolumeGap(() => new NSGAIISampler({ populationSize: 10 }), zdt1(), {
      nTrials: 60,
      seeds: 3,
      checkpoints: [30, 60],
    });
    const random = await runHypervolumeGap(() => new RandomSampler(), zdt1(), { nTrials: 60, seeds: 3, checkpoints: [30, 60] });
    for (const c of [...nsga.curves, ...random.curves]) for (let i = 1; i < c.length; i++) expect(c[i]).toBeLessThanOrEqual(c[i - 1]);
    expect(nsga.checkpoints.map((c) => c.trials)).toEqual([30, 60]);
    expect(nsga.checkpoints[1].median).toBeLessThan(random.checkpoints[1].median);
    // One constrained objective: Infinity until the first feasible trial, then best feasible − optimum ≥ 0.
    const constrained = await runHypervolumeGap(() => new RandomSampler(), gardner, { nTrials: 150, seeds: 3, checkpoints: [150] });
    for (const c of constrained.curves) {
      const first = c.findIndex(Number.isFinite);
      expect(c.slice(0, first === -1 ? c.length : first).every((v) => v === Infinity)).toBe(true);
      if (first !== -1) expect(c.slice(first).every((v) => Number.isFinite(v) && v >= 0)).toBe(true);
    }
    expect(constrained.curves.some((c) => Number.isFinite(c[c.length - 1]))).toBe(true);
  });
});
