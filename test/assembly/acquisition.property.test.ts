import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ACQUISITION_EI, ACQUISITION_LOG_EI } from '../../src/core/exports.js';
import { coreExports } from '../../src/core/loader.js';
import { testCore } from '../helpers/test-core.js';
import { withScratch } from '../../src/core/memory.js';
import { centralDifference } from '../helpers/finite-difference.js';

const LOG_EI = ACQUISITION_LOG_EI;
const EI = ACQUISITION_EI;

/** [value, ∂/∂mean, ∂/∂variance] of one candidate. */
function one(kind: number, mean: number, variance: number, best: number): [number, number, number] {
  const ex = coreExports();
  return withScratch((s) => {
    const out = s.f64(3);
    ex.acquisition_eval(kind, s.f64(1, [mean]), s.f64(1, [variance]), 1, best, out, out + 8, out + 16);
    const v = s.viewF64(out, 3);
    return [v[0]!, v[1]!, v[2]!];
  });
}

const finite = (min: number, max: number) => fc.double({ min, max, noNaN: true });

describe('acquisition properties', () => {
  it('logEI and its gradient are finite for every mean, best in ±1e6 and variance in [1e-20, 1e6] (|z| up to 2e16)', () => {
    fc.assert(
      fc.property(finite(-1e6, 1e6), finite(1e-20, 1e6), finite(-1e6, 1e6), (mean, variance, best) => {
        for (const v of one(LOG_EI, mean, variance, best)) expect(Number.isFinite(v)).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });

  it('log h(z) and its derivative are finite for every z in [−1e150, 1e300]', () => {
    const { acquisition_log_h, acquisition_log_h_derivative } = testCore();
    fc.assert(
      fc.property(finite(-1e150, 1e300), (z) => {
        expect(Number.isFinite(acquisition_log_h(z))).toBe(true);
        const d = acquisition_log_h_derivative(z);
        expect(Number.isFinite(d) && d >= 0).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });

  it('EI ≥ 0 and EI, logEI are non-decreasing in the mean and in the variance (up to 4 ulp of rounding)', () => {
    // Where z ≫ 1, EI = σ·(φ + zΦ) ≈ μ − best grows by far less than an ulp, so rounding of σ·z
    // may put a larger input 1 ulp below; the slack allows exactly that.
    const slack = (x: number) => 4 * Number.EPSILON * Math.max(1, Math.abs(x));
    fc.assert(
      fc.property(finite(-50, 50), finite(-50, 50), finite(1e-6, 100), finite(1e-6, 100), finite(-50, 50), (m1, m2, v1, v2, best) => {
        const [mlo, mhi] = m1 <= m2 ? [m1, m2] : [m2, m1];
        const [vlo, vhi] = v1 <= v2 ? [v1, v2] : [v2, v1];
        const ei = one(EI, mlo, vlo, best)[0];
        expect(ei).toBeGreaterThanOrEqual(0);
        expect(one(EI, mhi, vlo, best)[0]).toBeGreaterThanOrEqual(ei - slack(ei));
        expect(one(EI, mlo, vhi, best)[0]).toBeGreaterThanOrEqual(ei - slack(ei));
        const logEi = one(LOG_EI, mlo, vlo, best)[0];
        expect(one(LOG_EI, mhi, vlo, best)[0]).toBeGreaterThanOrEqual(logEi - slack(logEi));
        expect(one(LOG_EI, mlo, vhi, best)[0]).toBeGreaterThanOrEqual(logEi - slack(logEi));
      }),
      { numRuns: 2000 },
    );
  });

  it('the logEI gradient matches central finite differences (z in [−60, 30], 1e-6 relative)', () => {
    fc.assert(
      fc.property(finite(-60, 30), finite(1e-3, 1e2), finite(-10, 10), (z, variance, best) => {
        const mean = best + z * Math.sqrt(variance);
        const [, dMean, dVariance] = one(LOG_EI, mean, variance, best);
        const [fdMean, fdVariance] = centralDifference(([m, v]) => one(LOG_EI, m!, v!, best)[0], [mean, variance], 1e-6);
        expect(Math.abs(dMean - fdMean!)).toBeLessThanOrEqual(1e-6 * Math.max(1, Math.abs(dMean)));
        expect(Math.abs(dVariance - fdVariance!)).toBeLessThanOrEqual(1e-6 * Math.max(1, Math.abs(dVariance)));
      }),
      { numRuns: 1000 },
    );
  });

  it('the EI gradient (Φ(z), φ(z)/2σ) matches central finite differences', () => {
    fc.assert(
      fc.property(finite(-8, 8), finite(1e-2, 1e2), finite(-10, 10), (z, variance, best) => {
        const mean = best + z * Math.sqrt(variance);
        const [, dMean, dVariance] = one(EI, mean, variance, best);
        const [fdMean, fdVariance] = centralDifference(([m, v]) => one(EI, m!, v!, best)[0], [mean, variance], 1e-6);
        expect(Math.abs(dMean - fdMean!)).toBeLessThanOrEqual(1e-7);
        expect(Math.abs(dVariance - fdVariance!)).toBeLessThanOrEqual(1e-7 * Math.max(1, Math.abs(dVariance)));
      }),
      { numRuns: 1000 },
    );
  });

  it('d log h/dz matches central finite differences across all three branches (z in [−1e4, 50])', () => {
    const { acquisition_log_h, acquisition_log_h_derivative } = testCore();
    fc.assert(
      fc.property(fc.oneof(finite(-1e4, -15), finite(-25, 50)), (z) => {
        const [fd] = centralDifference(([x]) => acquisition_log_h(x!), [z], 1e-7);
        const d = acquisition_log_h_derivative(z);
        // The step is 1e-7·max(1,|z|) and log h ~ z²/2: rounding error ≈ ε·z²/(1e-7·|z|).
        expect(Math.abs(d - fd!)).toBeLessThanOrEqual(1e-6 * Math.max(1, Math.abs(d)));
      }),
      { numRuns: 1000 },
    );
  });
});
