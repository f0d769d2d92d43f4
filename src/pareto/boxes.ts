/**
 * The region a Pareto front does not dominate, above a reference point, as disjoint boxes: what
 * the GP sampler's log expected hypervolume improvement sums over (assembly/ehvi.ts).
 *
 * Convention here: every objective is MAXIMIZED (the GP's units). A front point p weakly
 * dominates z when p_j ≥ z_j for every j.
 *
 * Method: the first k − 1 axes are cut at the front's coordinates into a grid of cells. Inside
 * one cell the same front points dominate every z (a point's coordinates are grid lines, so
 * p_j ≥ z_j for one z of the cell's open interval means p_j ≥ its upper end), so the dominated part of
 * the cell is z_k ≤ h, h the largest last coordinate among those points, and the rest is one box
 * (cell × (h, +∞)). Neighbouring cells along axis k − 1 with the same h merge. For two objectives
 * this is the usual staircase of n + 1 boxes; for k objectives at most (n + 1)^(k−1).
 * Not re-exported by src/pareto/index.ts: only multi-objective GP studies load it.
 * @internal
 */

/** A box decomposition in the index form the wasm kernel reads. @internal */
export interface NonDominatedBoxes {
  /** Number of objectives k. */
  readonly k: number;
  /** Finite coordinates of every axis, sorted ascending per axis (axis j from `gridStart[j]`). */
  readonly grid: Float64Array;
  /** k + 1 offsets into `grid`. */
  readonly gridStart: Int32Array;
  /** `count` rows of 2k indices: per axis the grid index (within the axis) of the lower and of the upper bound, −1 for +∞. */
  readonly boxes: Int32Array;
  readonly count: number;
}

/** Cells beyond this many are refused (k ≥ 4 with a large front): the decomposition is exponential in k. */
const MAX_CELLS = 1 << 20;

/**
 * The boxes of { z ≥ reference : no point of `front` weakly dominates z } (maximization).
 * Points below the reference in some coordinate are clipped to it (they dominate only what their
 * clipped copy does). Duplicates and dominated points may be passed: they change nothing.
 * @param front - objective vectors, each of length k ≥ 1.
 * @param reference - the lower corner, finite.
 * @throws RangeError when the grid would exceed 2^20 cells.
 */
export function nonDominatedBoxes(front: readonly ArrayLike<number>[], reference: ArrayLike<number>): NonDominatedBoxes {
  const k = reference.length;
  const points = front.map((p) => Array.from({ length: k }, (_, j) => Math.max(p[j]!, reference[j]!)));
  // Axis j's grid: the reference, then every front coordinate above it.
  const axes: number[][] = [];
  for (let j = 0; j < k; j++) {
    const values = new Set<number>([reference[j]!]);
    for (const p of points) values.add(p[j]!);
    axes.push([...values].sort((a, b) => a - b));
  }
  const gridStart = new Int32Array(k + 1);
  for (let j = 0; j < k; j++) gridStart[j + 1] = gridStart[j]! + axes[j]!.length;
  const grid = Float64Array.from(axes.flat());
  const lastIndex = new Map(axes[k - 1]!.map((v, i) => [v, i]));
  if (k === 1) {
    const top = axes[0]!.length - 1; // above the best value
    return { k, grid, gridStart, boxes: Int32Array.from([top, -1]), count: 1 };
  }
  // Cells over axes 0..k−2: cell index c_j ∈ [0, |axis j|), upper end axis[c_j + 1] or +∞.
  const sizes = axes.slice(0, k - 1).map((a) => a.length);
  const cells = sizes.reduce((a, b) => a * b, 1);
  if (cells > MAX_CELLS) {
    throw new RangeError(`nonDominatedBoxes: the front must give at most ${MAX_CELLS} grid cells but got ${cells} (k = ${k}).`);
  }
  const rows: number[] = [];
  const index = new Array<number>(k - 1).fill(0);
  const inner = k - 2; // cells merge along this axis
  let open: { h: number; from: number } | null = null;
  const close = (to: number) => {
    if (open === null) return;
    for (let j = 0; j < inner; j++) rows.push(index[j]!, index[j]! + 1 < sizes[j]! ? index[j]! + 1 : -1);
    rows.push(open.from, to + 1 < sizes[inner]! ? to + 1 : -1);
    rows.push(lastIndex.get(open.h)!, -1);
    open = null;
  };
  for (let c = 0; c < cells; c++) {
    let h = reference[k - 1]!;
    for (const p of points) {
      let covers = true;
      for (let j = 0; j < k - 1 && covers; j++) {
        const up = index[j]! + 1 < sizes[j]! ? axes[j]![index[j]! + 1]! : Infinity;
        covers = p[j]! >= up;
      }
      if (covers && p[k - 1]! > h) h = p[k - 1]!;
    }
    if (open !== null && open.h !== h) close(index[inner]! - 1);
    if (open === null) open = { h, from: index[inner]! };
    // Next cell: the inner axis runs fastest; a run of cells ends with its row.
    if (index[inner]! + 1 === sizes[inner]!) close(index[inner]!);
    for (let j = inner; j >= 0; j--) {
      index[j]!++;
      if (index[j]! < sizes[j]!) break;
      index[j] = 0;
    }
  }
  return { k, grid, gridStart, boxes: Int32Array.from(rows), count: rows.length / (2 * k) };
}
