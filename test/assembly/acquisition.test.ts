import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ACQUISITION_EI, ACQUISITION_LOG_EI, ACQUISITION_UCB } from '../../src/core/exports.js';
import { coreExports } from '../../src/core/loader.js';
import { testCore } from '../helpers/test-core.js';
import { withScratch } from '../../src/core/memory.js';

// Oracle: test/fixtures/acquisition.json, log h(z) and Φ(z)/h(z) by mpmath with 50 + 2·log10|z|
// digits on 1,588 points over [−1e8, 1e3] (test/fixtures/gen_acquisition.py).
const fixture = JSON.parse(readFileSync(new URL('../fixtures/acquisition.json', import.meta.url), 'utf8')) as {
  rows: [number, number, number][];
};

const LOG_EI = ACQUISITION_LOG_EI;
const EI = ACQUISITION_EI;
const UCB = ACQUISITION_UCB;

/** One batch call of acquisition_eval; gradients only when asked. */
function evalBatch(kind: number, mean: number[], variance: number[], param: number, gradients = true) {
  const ex = coreExports();
  const m = mean.length;
  return withScratch((s) => {
    const out = s.f64(m);
    const dm = gradients ? s.f64(m) : 0;
    const dv = gradients ? s.f64(m) : 0;
    ex.acquisition_eval(kind, s.f64(m, mean), s.f64(m, variance), m, param, out, dm, dv);
    return {
      value: Array.from(s.takeF64(out, m)),
      dMean: gradients ? Array.from(s.takeF64(dm, m)) : [],
      dVariance: gradients ? Array.from(s.takeF64(dv, m)) : [],
    };
  });
}

describe('logH(z) = log(φ(z) + z·Φ(z))', () => {
  it('matches high-precision reference values to 1e-15 relative', () => {
    const { acquisition_log_h } = testCore();
    // High-precision reference values, quoted; the naive formula gives −Inf from z ≈ −38.
    const reference: [number, number][] = [
      [5, 1.6094379231264314],
      [0, -0.91893853320467274],
      [-1, -2.4851210257126413],
      [-10, -55.553122036122356],
      [-40, -808.29856835661996],
      [-1000, -500014.73445209116],
    ];
    for (const [z, expected] of reference) {
      expect(Math.abs(acquisition_log_h(z) / expected - 1)).toBeLessThan(1e-15);
    }
  });

  it('agrees with mpmath to 1e-15 (relative, absolute where |log h| < 1) over [−1e8, 1e3]', () => {
    const { acquisition_log_h } = testCore();
    let worst = 0;
    for (const [z, expected] of fixture.rows) {
      worst = Math.max(worst, Math.abs(acquisition_log_h(z) - expected) / Math.max(1, Math.abs(expected)));
    }
    expect(fixture.rows.length).toBeGreaterThan(1500);
    expect(worst).toBeLessThan(1e-15);
  });

  it('has the derivative Φ(z)/h(z) to 2e-13 relative over [−1e8, 1e3] (worst near z = −20, where h/φ ≈ 1/z² cancels)', () => {
    const { acquisition_log_h_derivative } = testCore();
    let worst = 0;
    for (const [z, , expected] of fixture.rows) {
      worst = Math.max(worst, Math.abs(acquisition_log_h_derivative(z) / expected - 1));
    }
    expect(worst).toBeLessThan(2e-13);
  });

  it('is +Inf at +Inf, −Inf at −Inf and NaN at NaN', () => {
    const { acquisition_log_h } = testCore();
    expect(acquisition_log_h(Infinity)).toBe(Infinity);
    expect(acquisition_log_h(-Infinity)).toBe(-Infinity);
    expect(acquisition_log_h(NaN)).toBeNaN();
  });
});

describe('acquisition_eval (batch kernel, maximization)', () => {
  const mean = [0.3, -2, 1.5, 0.1, 4];
  const variance = [0.25, 1e-6, 2, 0.01, 9];
  const best = 0.5;

  it('logEI is ½·log v + log h((μ − best)/σ) for each candidate', () => {
    const { acquisition_log_h } = testCore();
    const { value } = evalBatch(LOG_EI, mean, variance, best);
    value.forEach((v, i) => {
      const sigma = Math.sqrt(variance[i]!);
      expect(v).toBe(0.5 * Math.log(variance[i]!) + acquisition_log_h((mean[i]! - best) / sigma));
    });
  });

  it('EI is σ·(φ(z) + z·Φ(z)) and equals exp(logEI) to 1e-14 relative', () => {
    const ei = evalBatch(EI, mean, variance, best).value;
    const logEi = evalBatch(LOG_EI, mean, variance, best).value;
    ei.forEach((v, i) => {
      const fromLog = Math.exp(logEi[i]!);
      if (fromLog === 0)
        expect(v).toBe(0); // z = −2500 (second candidate): EI underflows
      else expect(Math.abs(v / fromLog - 1)).toBeLessThan(1e-14);
    });
    // z = 0 exactly: EI = σ·φ(0).
    expect(evalBatch(EI, [1], [4], 1).value[0]).toBeCloseTo(2 / Math.sqrt(2 * Math.PI), 15);
  });

  it('at zero variance EI is max(μ − best, 0) and logEI its log (−Inf when there is no improvement)', () => {
    const r = evalBatch(EI, [2, 0], [0, 0], 1);
    expect(r.value).toEqual([1, 0]);
    expect(r.dMean).toEqual([1, 0]);
    const l = evalBatch(LOG_EI, [3, 0], [0, 0], 1);
    expect(l.value).toEqual([Math.log(2), -Infinity]);
    expect(l.dMean).toEqual([0.5, 0]);
  });

  it('UCB is μ + √(β·v) with ∂/∂μ = 1 and ∂/∂v = √β/(2σ)', () => {
    const r = evalBatch(UCB, [1, -1], [4, 0.25], 2.25);
    expect(r.value).toEqual([1 + 1.5 * 2, -1 + 1.5 * 0.5]);
    expect(r.dMean).toEqual([1, 1]);
    expect(r.dVariance).toEqual([1.5 / 4, 1.5 / 1]);
  });

  it('gives the same values with and without gradients (a 0 gradient pointer skips them)', () => {
    for (const kind of [LOG_EI, EI, UCB]) {
      expect(evalBatch(kind, mean, variance, best, false).value).toEqual(evalBatch(kind, mean, variance, best).value);
    }
  });

  it('keeps logEI finite where EI underflows to 0 (z = −50, −1e4, −1e100)', () => {
    const r = evalBatch(LOG_EI, [-50, -1e4, -1e100], [1, 1, 1], 0);
    const ei = evalBatch(EI, [-50, -1e4], [1, 1], 0);
    expect(ei.value).toEqual([0, 0]);
    for (const v of [...r.value, ...r.dMean, ...r.dVariance]) expect(Number.isFinite(v)).toBe(true);
    expect(r.value[2]).toBeCloseTo(-5e199, -190);
  });
});
