// Truncated normal pieces of the Parzen estimators: the log normalizer of a kernel cut to its
// bounds, draws from it by inversion, and the log mass of many small intervals at once.
// Transcendentals come from the wasm special functions and exact-math, so every engine gets
// the same bits (docs/architecture.md, "Determinism across engines").
import { exactLog } from '../../core/exact-math.js';
import { erfc, log1mexp, logNdtr, ndtri } from '../../core/special.js';

const SQRT1_2 = Math.SQRT1_2;

/**
 * log(Φ(b) − Φ(a)) for a ≤ 0 ≤ b: a kernel centred inside its bounds, the only case the
 * estimators build, where the mass is at least Φ(½) − Φ(−½) once the bandwidth is at most the
 * range, so 1 − Φ(a) − Φ(−b) from two upper tails has no cancellation. @internal
 */
export function logCentredMass(a: number, b: number): number {
  return exactLog(1 - 0.5 * erfc(-a * SQRT1_2) - 0.5 * erfc(b * SQRT1_2));
}

/**
 * A draw from N(mu, sigma²) cut to [low, high] (mu inside), by inverting the CDF at
 * Φ(a) + u·(Φ(b) − Φ(a)); clamped to the bounds against the last ulp. @internal
 */
export function truncnormDraw(mu: number, sigma: number, low: number, high: number, u: number): number {
  const lowerTail = 0.5 * erfc(((mu - low) / sigma) * SQRT1_2); // Φ(a)
  const upperTail = 0.5 * erfc(((high - mu) / sigma) * SQRT1_2); // 1 − Φ(b)
  const p = lowerTail + u * (1 - upperTail - lowerTail);
  const x = mu + sigma * ndtri(p);
  return Math.min(high, Math.max(low, x));
}

/**
 * log(Φ(hi[i]) − Φ(lo[i])) for every i (lo[i] < hi[i]), accurate far in either tail: an
 * interval right of 0 is mirrored to the left, where log Φ keeps its relative precision, and
 * log(Φ(A) − Φ(B)) = log Φ(A) + log(1 − e^{−(log Φ(A) − log Φ(B))}). Two batched wasm calls.
 * @internal
 */
export function logIntervalMass(lo: Float64Array, hi: Float64Array): Float64Array {
  const m = lo.length;
  const ab = new Float64Array(2 * m);
  for (let i = 0; i < m; i++) {
    if (lo[i] >= 0) {
      ab[i] = -lo[i];
      ab[m + i] = -hi[i];
    } else {
      ab[i] = hi[i];
      ab[m + i] = lo[i];
    }
  }
  const logs = logNdtr(ab);
  const gap = new Float64Array(m);
  for (let i = 0; i < m; i++) gap[i] = logs[i] - logs[m + i];
  const tail = log1mexp(gap);
  for (let i = 0; i < m; i++) tail[i] += logs[i];
  return tail;
}
