// The functional ANOVA of one regression tree (Hutter, Hoos and Leyton-Brown 2014): a tree is a
// piecewise-constant function over the box of the search space, so its variance over the box
// (uniform measure) and the variance of its marginal in a few coordinates (the mean over every
// other coordinate) are exact sums over its leaves. The fraction marginal / total is what a
// parameter explains alone.
//
// The marginal of a leaf-partitioned function in the coordinates C at a point x is
// Σ over leaves whose box contains x (in C) of value × (the leaf's volume fraction outside C):
// the leaves containing x partition the other coordinates. It is constant between consecutive
// split thresholds of C, so it is evaluated once per cell of the grid those thresholds make.
import type { RegressionTree } from './tree.js';

/** Bounds of every encoded column: the box the tree's function is integrated over. @internal */
export interface ColumnBounds {
  readonly low: Float64Array;
  readonly high: Float64Array;
}

/** A tree's total variance over the box and the variance of its marginal in each column group. @internal */
export interface TreeDecomposition {
  readonly total: number;
  readonly marginal: Float64Array;
}

interface Leaves {
  readonly value: Float64Array;
  /** Volume fraction of each leaf's box in the whole box. */
  readonly volume: Float64Array;
  /** Leaf box per column, row-major (leaf × column). */
  readonly low: Float64Array;
  readonly high: Float64Array;
}

/**
 * Decomposes one tree.
 * @param groups - the encoded columns of each parameter (one column, or a categorical's one-hot columns).
 * @internal
 */
export function decomposeTree(tree: RegressionTree, bounds: ColumnBounds, groups: readonly (readonly number[])[]): TreeDecomposition {
  const leaves = leafBoxes(tree, bounds);
  const total = weightedVariance(leaves.value, leaves.volume);
  const marginal = new Float64Array(groups.length);
  if (total > 0) groups.forEach((columns, g) => (marginal[g] = Math.max(0, marginalVariance(tree, bounds, leaves, columns))));
  return { total, marginal };
}

function leafBoxes(tree: RegressionTree, bounds: ColumnBounds): Leaves {
  const p = bounds.low.length;
  const low = Float64Array.from(bounds.low);
  const high = Float64Array.from(bounds.high);
  const values: number[] = [];
  const volumes: number[] = [];
  const lows: number[] = [];
  const highs: number[] = [];
  const visit = (node: number): void => {
    const f = tree.feature[node];
    if (f < 0) {
      let volume = 1;
      for (let c = 0; c < p; c++) {
        volume *= (high[c] - low[c]) / (bounds.high[c] - bounds.low[c]);
        lows.push(low[c]);
        highs.push(high[c]);
      }
      values.push(tree.value[node]);
      volumes.push(volume);
      return;
    }
    const t = tree.threshold[node];
    const saved = [low[f], high[f]];
    // A threshold outside the current box (a split a bound already decided) leaves a child empty.
    high[f] = Math.min(saved[1], t);
    if (high[f] > low[f]) visit(tree.left[node]);
    high[f] = saved[1];
    low[f] = Math.max(saved[0], t);
    if (high[f] > low[f]) visit(tree.right[node]);
    low[f] = saved[0];
  };
  visit(0);
  return {
    value: Float64Array.from(values),
    volume: Float64Array.from(volumes),
    low: Float64Array.from(lows),
    high: Float64Array.from(highs),
  };
}

function weightedVariance(values: ArrayLike<number>, weights: ArrayLike<number>): number {
  let w = 0;
  let s = 0;
  for (let i = 0; i < values.length; i++) {
    w += weights[i];
    s += weights[i] * values[i];
  }
  const mean = s / w;
  let v = 0;
  for (let i = 0; i < values.length; i++) v += weights[i] * (values[i] - mean) ** 2;
  return v / w;
}

/** Sorted distinct cell edges of column c: its bounds and every threshold the tree splits it at. */
function cellEdges(tree: RegressionTree, bounds: ColumnBounds, c: number): Float64Array {
  const cuts = new Set<number>([bounds.low[c], bounds.high[c]]);
  for (let node = 0; node < tree.feature.length; node++) {
    const t = tree.threshold[node];
    if (tree.feature[node] === c && t > bounds.low[c] && t < bounds.high[c]) cuts.add(t);
  }
  return Float64Array.from(cuts).sort();
}

/** Index of `x` in the sorted `edges` (leaf boxes are made of edges, so it is there). */
function edgeIndex(edges: Float64Array, x: number): number {
  let lo = 0;
  let hi = edges.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (edges[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function marginalVariance(tree: RegressionTree, bounds: ColumnBounds, leaves: Leaves, columns: readonly number[]): number {
  const p = bounds.low.length;
  const edges = columns.map((c) => cellEdges(tree, bounds, c));
  const dims = edges.map((e) => e.length - 1);
  const cells = dims.reduce((a, b) => a * b, 1);
  const sums = new Float64Array(columns.length === 1 ? cells + 1 : cells);
  const first = new Int32Array(columns.length);
  const last = new Int32Array(columns.length);
  for (let l = 0; l < leaves.value.length; l++) {
    let inside = 1;
    columns.forEach((c, j) => {
      const a = leaves.low[l * p + c];
      const b = leaves.high[l * p + c];
      inside *= (b - a) / (bounds.high[c] - bounds.low[c]);
      first[j] = edgeIndex(edges[j], a);
      last[j] = edgeIndex(edges[j], b);
    });
    const contribution = (leaves.value[l] * leaves.volume[l]) / inside;
    if (columns.length === 1) {
      // A difference array: the leaf covers cells first..last-1 of the one column.
      sums[first[0]] += contribution;
      sums[last[0]] -= contribution;
    } else addToBlock(sums, dims, first, last, contribution);
  }
  if (columns.length === 1) for (let k = 1; k < cells; k++) sums[k] += sums[k - 1];
  const sizes = new Float64Array(cells);
  for (let k = 0; k < cells; k++) {
    // Cell k in mixed radix, first column fastest.
    let size = 1;
    let rest = k;
    edges.forEach((e, j) => {
      const i = rest % dims[j];
      rest = (rest - i) / dims[j];
      size *= e[i + 1] - e[i];
    });
    sizes[k] = size;
  }
  return weightedVariance(sums.subarray(0, cells), sizes);
}

/** Adds `x` to every cell of the block first[j] ≤ i_j < last[j] of a mixed-radix grid. */
function addToBlock(sums: Float64Array, dims: readonly number[], first: Int32Array, last: Int32Array, x: number): void {
  const at = Int32Array.from(first);
  for (;;) {
    let k = 0;
    for (let j = dims.length - 1; j >= 0; j--) k = k * dims[j] + at[j];
    sums[k] += x;
    let j = 0;
    while (j < dims.length && ++at[j] === last[j]) {
      at[j] = first[j];
      j++;
    }
    if (j === dims.length) return;
  }
}
