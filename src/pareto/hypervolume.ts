// Exact hypervolume of a set of minimized objective vectors against a reference point: a sweep
// for two objectives (O(n log n)), a sweep over 2-D fronts for three (O(n²)), and the WFG
// recursion (While, Bradstreet & Barone 2012) beyond. Points that do not strictly dominate the
// reference add nothing, as in Optuna's and pymoo's conventions.
import { dominates } from './dominance.js';

/**
 * The hypervolume (Lebesgue measure) dominated by `points` and bounded by `reference`.
 * @param points - objective vectors, all minimized, each as long as `reference`.
 * @param reference - the reference point; must be finite.
 * @returns the volume (0 for no point inside the reference box).
 * @throws RangeError when `reference` is empty or not finite, or a point has another length.
 * @example
 * ```ts
 * hypervolume([[1, 2], [2, 1]], [3, 3]); // 3
 * ```
 */
export function hypervolume(points: readonly ArrayLike<number>[], reference: ArrayLike<number>): number {
  const m = reference.length;
  if (m === 0) throw new RangeError('hypervolume: `reference` must have at least one objective but got an empty array.');
  for (let k = 0; k < m; k++) {
    if (!Number.isFinite(reference[k]))
      throw new RangeError(`hypervolume: \`reference\` must be finite but got ${reference[k]} at index ${k}.`);
  }
  const inside: number[][] = [];
  for (const p of points) {
    if (p.length !== m) throw new RangeError(`hypervolume: every point must have ${m} objectives like \`reference\` but got ${p.length}.`);
    let strictly = true;
    for (let k = 0; k < m && strictly; k++) strictly = p[k] < reference[k];
    if (strictly) inside.push(Array.from(p));
  }
  // The 2-D and 3-D sweeps skip dominated points by themselves; WFG filters its own sets.
  return volume(m <= 3 ? inside : nonDominated(inside), Array.from(reference));
}

/** The vectors no other vector dominates; of equal vectors, one is kept. */
function nonDominated(points: number[][]): number[][] {
  const kept: number[][] = [];
  for (let i = 0; i < points.length; i++) {
    const p = points[i];
    let drop = false;
    for (let j = 0; j < points.length && !drop; j++) {
      if (j === i) continue;
      const q = points[j];
      drop = dominates(q, p) || (j < i && q.every((v, k) => v === p[k]));
    }
    if (!drop) kept.push(p);
  }
  return kept;
}

function volume(points: number[][], ref: number[]): number {
  const n = points.length;
  if (n === 0) return 0;
  const m = ref.length;
  if (n === 1) return boxVolume(points[0], ref);
  if (m === 1) return ref[0] - Math.min(...points.map((p) => p[0]));
  if (m === 2) return area2d(points, ref);
  if (m === 3) return volume3d(points, ref);
  return wfg(points, ref);
}

function boxVolume(p: readonly number[], ref: readonly number[]): number {
  let v = 1;
  for (let k = 0; k < ref.length; k++) v *= ref[k] - p[k];
  return v;
}

/** Two objectives: sort by the first, then add the rectangle each step of the staircase adds. */
function area2d(points: readonly number[][], ref: readonly number[]): number {
  const sorted = [...points].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let area = 0;
  let ceiling = ref[1];
  for (const p of sorted) {
    if (p[1] >= ceiling) continue;
    area += (ref[0] - p[0]) * (ceiling - p[1]);
    ceiling = p[1];
  }
  return area;
}

/**
 * Three objectives: sweep the third upwards; between consecutive third-objective levels the
 * dominated region is a prism over the 2-D front of the points seen so far, kept sorted by the
 * first objective (each insertion removes what the new point dominates in 2-D).
 */
function volume3d(points: readonly number[][], ref: readonly number[]): number {
  const sorted = [...points].sort((a, b) => a[2] - b[2]);
  const front: number[][] = []; // (f0 ascending, f1 descending): a 2-D staircase
  let total = 0;
  for (let i = 0; i < sorted.length; i++) {
    insert2d(front, sorted[i]);
    const top = i + 1 < sorted.length ? sorted[i + 1][2] : ref[2];
    if (top > sorted[i][2]) total += area2dSorted(front, ref) * (top - sorted[i][2]);
  }
  return total;
}

function insert2d(front: number[][], p: number[]): void {
  let lo = 0;
  let hi = front.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (front[mid][0] < p[0] || (front[mid][0] === p[0] && front[mid][1] <= p[1])) lo = mid + 1;
    else hi = mid;
  }
  // A point to the left with a lower or equal f1 dominates p in 2-D: nothing to insert.
  if (lo > 0 && front[lo - 1][1] <= p[1]) return;
  let end = lo;
  while (end < front.length && front[end][1] >= p[1]) end++;
  front.splice(lo, end - lo, p);
}

function area2dSorted(front: readonly number[][], ref: readonly number[]): number {
  let area = 0;
  let ceiling = ref[1];
  for (const p of front) {
    area += (ref[0] - p[0]) * (ceiling - p[1]);
    ceiling = p[1];
  }
  return area;
}

/**
 * WFG: the volume is the sum of each point's exclusive contribution against the points after it,
 * where a contribution is the point's box minus the volume of the "limit set" (the later points
 * clipped to the point's box). Sorting by the last objective, worst first, keeps limit sets small.
 */
function wfg(points: number[][], ref: number[]): number {
  const m = ref.length;
  const sorted = [...points].sort((a, b) => b[m - 1] - a[m - 1]);
  let total = 0;
  for (let i = 0; i < sorted.length; i++) {
    const p = sorted[i];
    const limited: number[][] = [];
    for (let j = i + 1; j < sorted.length; j++) limited.push(sorted[j].map((v, k) => Math.max(v, p[k])));
    total += boxVolume(p, ref) - volume(nonDominated(limited), ref);
  }
  return total;
}
