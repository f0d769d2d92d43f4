import { constrainedDominates, dominates } from './dominance.js';

/**
 * Non-dominated sorting (Deb et al. 2002): the rank of each vector, 0 for the Pareto front, 1
 * for the front of what remains, and so on. O(m·n²) comparisons, which is what NSGA-II pays too.
 * @param points - n objective vectors, all minimized, of equal length.
 * @param violations - optional total constraint violation per vector (constrained domination).
 * @returns an `Int32Array` of n ranks.
 * @example
 * ```ts
 * nonDominatedRanks([[1, 2], [2, 1], [2, 2]]); // Int32Array [0, 0, 1]
 * ```
 */
export function nonDominatedRanks(points: readonly ArrayLike<number>[], violations?: ArrayLike<number>): Int32Array {
  const n = points.length;
  const beats =
    violations === undefined
      ? (i: number, j: number) => dominates(points[i], points[j])
      : (i: number, j: number) => constrainedDominates(points[i], points[j], violations[i], violations[j]);
  const dominatedBy = new Int32Array(n);
  const dominatedSets: number[][] = Array.from({ length: n }, () => []);
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      if (beats(i, j)) {
        dominatedSets[i].push(j);
        dominatedBy[j]++;
      } else if (beats(j, i)) {
        dominatedSets[j].push(i);
        dominatedBy[i]++;
      }
    }
  }
  const ranks = new Int32Array(n).fill(-1);
  let front: number[] = [];
  for (let i = 0; i < n; i++) if (dominatedBy[i] === 0) front.push(i);
  for (let rank = 0; front.length > 0; rank++) {
    const next: number[] = [];
    for (const i of front) {
      ranks[i] = rank;
      for (const j of dominatedSets[i]) if (--dominatedBy[j] === 0) next.push(j);
    }
    front = next;
  }
  return ranks;
}

/**
 * Indices of the non-dominated vectors (rank 0), in input order. Duplicates of a front vector are
 * all on the front (neither dominates the other), as in Optuna's `best_trials`.
 * @param points - objective vectors, all minimized.
 * @param violations - optional total constraint violation per vector; with it, only feasible
 *   vectors can be on the front when any vector is feasible.
 */
export function paretoFrontIndices(points: readonly ArrayLike<number>[], violations?: ArrayLike<number>): number[] {
  const ranks = nonDominatedRanks(points, violations);
  const front: number[] = [];
  for (let i = 0; i < ranks.length; i++) if (ranks[i] === 0) front.push(i);
  return front;
}

/**
 * NSGA-II's crowding distance of each vector within one front: the sum over objectives of the
 * normalized gap between its neighbours; the vectors at either extreme of an objective get
 * Infinity (so do all when an objective does not vary). Ties inside a front break by index.
 * @param points - the vectors of one front, all minimized.
 * @returns a `Float64Array` of distances (larger = less crowded).
 */
export function crowdingDistances(points: readonly ArrayLike<number>[]): Float64Array {
  const n = points.length;
  const distance = new Float64Array(n);
  if (n === 0) return distance;
  const m = points[0].length;
  const order = Array.from({ length: n }, (_, i) => i);
  for (let k = 0; k < m; k++) {
    // Ties break by index so the result never depends on the sort's stability.
    order.sort((i, j) => points[i][k] - points[j][k] || i - j);
    const lo = points[order[0]][k];
    const hi = points[order[n - 1]][k];
    const span = hi - lo;
    for (let r = 0; r < n; r++) {
      const v = points[order[r]][k];
      // Every vector at an extreme is a boundary vector, whichever of equal ones sorts first.
      if (v === lo || v === hi || !(span > 0) || !Number.isFinite(span)) distance[order[r]] = Infinity;
      else distance[order[r]] += (points[order[r + 1]][k] - points[order[r - 1]][k]) / span;
    }
  }
  return distance;
}
