import { erfc } from '../../core/special.js';
import { ndtri } from '../../core/special.js';
import type { CmaState } from './cma.js';

/** One discrete coordinate of the CMA space: its index and the encoded values it can take. */
export interface DiscreteAxis {
  readonly index: number;
  /** Encoded grid values, ascending (centres of equal strata of [0, 1]). */
  readonly grid: Float64Array;
}

/** Φ(x), the standard normal CDF. */
function normCdf(x: number): number {
  return 0.5 * erfc(-x / Math.SQRT2);
}

/** Φ⁻¹(1 − p) for p in (0, 1/2], computed as −Φ⁻¹(p) so a tiny p keeps its precision. */
function upperQuantile(p: number): number {
  return -ndtri(p);
}

/** The bin edges (midpoints between grid values) of an axis. */
function edges(grid: Float64Array): Float64Array {
  return Float64Array.from({ length: grid.length - 1 }, (_, k) => (grid[k] + grid[k + 1]) / 2);
}

/** The edges [low, up] around `m`: both the outer edge in the first or last bin. */
function binAround(lims: Float64Array, m: number): [number, number] {
  let k = 0;
  while (k < lims.length && lims[k] < m) k++;
  const low = k === 0 ? lims[0] : lims[k - 1];
  const up = k === lims.length ? lims[lims.length - 1] : lims[k];
  return [low, up];
}

/**
 * Rounds the discrete coordinates of a sample to their grid (CMA-ES with margin, Hamano et al.
 * 2022, "CMA-ES with Margin", https://arxiv.org/abs/2205.13482): coordinate i is first scaled about
 * the mean by A_i, then takes the grid value of the bin it falls in.
 * @internal
 */
export function encodeDiscrete(x: Float64Array, state: CmaState, scale: Float64Array, axes: readonly DiscreteAxis[]): Float64Array {
  const out = Float64Array.from(x);
  for (const { index, grid } of axes) {
    const m = state.mean[index];
    const v = (x[index] - m) * scale[index] + m;
    const lims = edges(grid);
    let k = 0;
    while (k < lims.length && lims[k] < v) k++;
    out[index] = grid[k];
  }
  return out;
}

/**
 * The margin correction after an update (Hamano et al. 2022, as the `cmaes` library's CMAwM):
 * for each discrete coordinate, the marginal probability of sampling outside the bin of the
 * mean is kept at least `margin` on each side (α = 1/(nλ) by default), by moving the mean away
 * from the edge (mean in an end bin) or by rescaling A_i and recentring the mean (inner bin).
 * Without it a discrete coordinate whose σ√C_ii shrinks below a bin width never changes again.
 * @param state - the distribution just updated; its mean is corrected in place.
 * @param scale - A, the per-coordinate scaling (1 for continuous ones), updated in place.
 * @internal
 */
export function applyMargin(state: CmaState, scale: Float64Array, axes: readonly DiscreteAxis[], margin: number): void {
  const n = state.p.n;
  const sigma = state.sigma;
  for (const { index: i, grid } of axes) {
    if (grid.length < 2) continue;
    const lims = edges(grid);
    const m = state.mean[i];
    const [low, up] = binAround(lims, m);
    const sd = Math.sqrt(state.C[i * n + i]);
    const zScale = sigma * scale[i] * sd;
    let lowCdf = normCdf((low - m) / zScale);
    let upCdf = 1 - normCdf((up - m) / zScale);
    const midCdf = 1 - (lowCdf + upCdf);
    if (Math.max(lowCdf, upCdf) > 0.5) {
      // End bin: push the mean so the far side keeps probability `margin`.
      if (Math.min(lowCdf, upCdf) < margin) {
        state.mean[i] = up + Math.sign(m - up) * sigma * scale[i] * sd * upperQuantile(margin);
      }
      continue;
    }
    lowCdf = Math.max(lowCdf, margin / 2);
    upCdf = Math.max(upCdf, margin / 2);
    const excess = 1 - lowCdf - upCdf - midCdf;
    const denominator = lowCdf + midCdf + upCdf - (3 * margin) / 2;
    const clip = (p: number) => Math.min(Math.max(p, 1e-10), 0.5 - 1e-10);
    const lowP = clip(lowCdf + (excess * (lowCdf - margin / 2)) / denominator);
    const upP = clip(upCdf + (excess * (upCdf - margin / 2)) / denominator);
    const chiLow = upperQuantile(lowP);
    const chiUp = upperQuantile(upP);
    scale[i] = (up - low) / ((chiLow + chiUp) * sigma * sd);
    state.mean[i] = (low * chiUp + up * chiLow) / (chiLow + chiUp);
  }
}
