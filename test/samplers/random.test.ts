import { describe, expect, it } from 'vitest';
import { categoricalDistribution, floatDistribution, intDistribution, type Distribution } from '../../src/space/distributions.js';
import { RandomSampler } from '../../src/samplers/random.js';
import type { FrozenTrial } from '../../src/trial/index.js';
import { FakeStudy } from '../helpers/fake-study.js';

const N = 4000;

/** N draws of one parameter, trial numbers 0..N-1, through sampleIndependent. */
function draws(d: Distribution, seed = 42): unknown[] {
  const sampler = new RandomSampler({ seed });
  const study = new FakeStudy(sampler);
  return Array.from({ length: N }, (_, number) => sampler.sampleIndependent(study, { number } as FrozenTrial, 'p', d));
}

/** Pearson's chi-square statistic of counts against equal expected counts. */
function chiSquare(counts: number[]): number {
  const e = counts.reduce((a, b) => a + b, 0) / counts.length;
  return counts.reduce((s, c) => s + (c - e) ** 2 / e, 0);
}

describe('RandomSampler', () => {
  it('draws floats uniformly: 10 equal bins pass a chi-square test at the 0.1% level', () => {
    const counts = new Array(10).fill(0);
    for (const v of draws(floatDistribution('x', -2, 3)) as number[]) counts[Math.min(9, Math.floor((v + 2) / 0.5))]++;
    // chi-square, 9 degrees of freedom, 0.999 quantile = 27.88
    expect(chiSquare(counts)).toBeLessThan(27.88);
  });

  it('draws log floats log-uniformly: each decade equally often', () => {
    const counts = new Array(4).fill(0);
    for (const v of draws(floatDistribution('lr', 1e-4, 1, { log: true })) as number[])
      counts[Math.min(3, Math.floor(Math.log10(v) + 4))]++;
    // 3 degrees of freedom, 0.999 quantile = 16.27
    expect(chiSquare(counts)).toBeLessThan(16.27);
  });

  it('draws every int value equally often, the end values included', () => {
    const counts = new Array(5).fill(0);
    for (const v of draws(intDistribution('n', 0, 8, { step: 2 })) as number[]) counts[v / 2]++;
    // 4 degrees of freedom, 0.999 quantile = 18.47
    expect(chiSquare(counts)).toBeLessThan(18.47);
  });

  it('draws every choice equally often', () => {
    const choices = ['a', 'b', null];
    const counts = [0, 0, 0];
    for (const v of draws(categoricalDistribution('c', choices))) counts[choices.indexOf(v as string | null)]++;
    // 2 degrees of freedom, 0.999 quantile = 13.82
    expect(chiSquare(counts)).toBeLessThan(13.82);
  });

  it('gives different parameters of one trial unrelated values', () => {
    const sampler = new RandomSampler({ seed: 1 });
    const study = new FakeStudy(sampler);
    const d = floatDistribution('x', 0, 1);
    const xs: number[] = [];
    const ys: number[] = [];
    for (let number = 0; number < 2000; number++) {
      xs.push(sampler.sampleIndependent(study, { number } as FrozenTrial, 'a', d) as number);
      ys.push(sampler.sampleIndependent(study, { number } as FrozenTrial, 'b', d) as number);
    }
    const mean = (v: number[]) => v.reduce((s, x) => s + x, 0) / v.length;
    const mx = mean(xs);
    const my = mean(ys);
    const cov = mean(xs.map((x, i) => (x - mx) * (ys[i] - my)));
    // correlation of independent uniforms: sd 1/sqrt(2000) = 0.022; 4 sd = 0.09
    expect(Math.abs(cov * 12)).toBeLessThan(0.09);
  });

  it('rejects an invalid seed', () => {
    expect(() => new RandomSampler({ seed: -1 })).toThrow(RangeError);
    expect(() => new RandomSampler({ seed: 1.5 })).toThrow(/RandomSampler: `seed` must be a non-negative integer/);
  });
});
