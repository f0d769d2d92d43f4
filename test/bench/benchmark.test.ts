import { describe, expect, it } from 'vitest';
import { benchmarkPlotSpecs, benchmarkToJson, runBenchmark } from '../../src/bench/benchmark.js';
import { ackley, branin, rosenbrock } from '../../src/bench/functions.js';
import { testFunctionByName } from '../../src/bench/registry.js';
import { shiftedFunction } from '../../src/bench/shift.js';
import { RandomSampler } from '../../src/samplers/random.js';
import { samplerByName } from '../../src/samplers/registry.js';
import { SobolSampler } from '../../src/samplers/sobol.js';

describe('shiftedFunction()', () => {
  it('keeps the minimum value, moves the argmin inside the box, and depends only on the seed', () => {
    for (const fn of [ackley(10), rosenbrock(5), branin]) {
      for (const seed of [0, 1, 7]) {
        const s = shiftedFunction(fn, seed);
        expect(s.evaluate(s.argmin)).toBeCloseTo(fn.evaluate(fn.argmin), 9);
        s.argmin.forEach((a, i) => {
          const [lo, hi] = fn.bounds[i];
          expect(a).toBeGreaterThanOrEqual(lo + 0.1 * (hi - lo) - 1e-9);
          expect(a).toBeLessThanOrEqual(hi - 0.1 * (hi - lo) + 1e-9);
        });
        expect(shiftedFunction(fn, seed).argmin).toEqual(s.argmin);
        expect(s.name).toBe(`${fn.name} (shifted)`);
        expect(s.objective(Object.fromEntries(s.argmin.map((v, i) => [`x${i}`, v])))).toBeCloseTo(fn.minimum, 9);
      }
      expect(shiftedFunction(fn, 1).argmin).not.toEqual(shiftedFunction(fn, 2).argmin);
    }
  });
});

describe('registries', () => {
  it('find test functions and samplers by name, and name the accepted ones otherwise', () => {
    expect(testFunctionByName('ackley-20').d).toBe(20);
    expect(testFunctionByName('Styblinski-Tang-8').name).toBe('Styblinski-Tang-8');
    expect(testFunctionByName('branin')).toBe(branin);
    expect(() => testFunctionByName('ackley')).toThrow('testFunctionByName: `name` must be one of branin, hartmann6');
    expect(() => testFunctionByName('ackley-1')).toThrow("but got 'ackley-1' (a string).");
    expect(samplerByName('sobol')).toBeInstanceOf(SobolSampler);
    expect(() => samplerByName('constructor')).toThrow('samplerByName: `name` must be one of gp, tpe, cmaes, sobol, random');
  });
});

describe('runBenchmark()', () => {
  it('runs every sampler on every function over the seeds and reports quartiles and time per trial', async () => {
    const events: string[] = [];
    const r = await runBenchmark({
      samplers: { random: () => new RandomSampler(), sobol: () => new SobolSampler() },
      functions: [branin, ackley(3)],
      trials: 12,
      seeds: 3,
      shift: true,
      checkpoints: [5, 50],
      onProgress: (e) => events.push(`${e.fn}/${e.sampler} ${e.done}/${e.total}`),
    });
    expect(r.functions).toEqual(['Branin (shifted)', 'Ackley-3 (shifted)']);
    expect(events).toEqual([
      'Branin (shifted)/random 1/4',
      'Branin (shifted)/sobol 2/4',
      'Ackley-3 (shifted)/random 3/4',
      'Ackley-3 (shifted)/sobol 4/4',
    ]);
    for (const c of r.cells) {
      expect(c.result.curves).toHaveLength(3);
      expect(c.result.checkpoints.map((p) => p.trials)).toEqual([5, 12]);
      expect(c.result.msPerTrial).toBeGreaterThan(0);
      for (const curve of c.result.curves) for (let i = 1; i < curve.length; i++) expect(curve[i]).toBeLessThanOrEqual(curve[i - 1]);
    }
    const json = JSON.parse(JSON.stringify(benchmarkToJson(r))) as { cells: { curves: number[][] }[] };
    expect(json.cells[0].curves[0]).toHaveLength(12);
    const plots = benchmarkPlotSpecs(r);
    expect(plots.map((p) => p.fn)).toEqual(r.functions);
    const series = new Set((plots[0].spec.data as { values: { series: string }[] }).values.map((v) => v.series));
    expect([...series]).toEqual(['random', 'sobol']);
  });

  it('names bad options', async () => {
    await expect(runBenchmark({ samplers: {}, functions: [branin] })).rejects.toThrow(
      'runBenchmark: `samplers` must name at least one sampler but got none.',
    );
    await expect(runBenchmark({ samplers: { r: () => new RandomSampler() }, functions: [branin], trials: 0 })).rejects.toThrow(
      'runBenchmark: `trials` must be a positive integer but got 0.',
    );
  });
});
