// One regression tree of the forest, grown as scikit-learn's `DecisionTreeRegressor` grows it
// inside a `RandomForestRegressor` with the settings Optuna's fANOVA uses (squared error, every
// feature considered at every node in a random order, best split, thresholds halfway between
// neighbouring distinct values, bootstrap counts as sample weights): the variance decomposition
// then reads the same kind of tree that Optuna's reads. The random streams differ, so individual
// trees differ from scikit-learn's; the forest's averages agree within noise.
import type { TreeRandom } from './random.js';

/** A grown tree as flat arrays; node 0 is the root; `feature[i] < 0` marks a leaf. @internal */
export interface RegressionTree {
  readonly feature: Int32Array;
  readonly threshold: Float64Array;
  readonly left: Int32Array;
  readonly right: Int32Array;
  /** Weighted mean target of the training samples in the node. */
  readonly value: Float64Array;
}

/** Growth limits (scikit-learn's names). @internal */
export interface TreeLimits {
  readonly maxDepth: number;
  readonly minSamplesSplit: number;
  readonly minSamplesLeaf: number;
}

// scikit-learn's constants: a node this pure is a leaf; values closer than this are one value.
const IMPURITY_EPSILON = 2.220446049250313e-16;
const FEATURE_THRESHOLD = 1e-7;

/**
 * Grows one tree on the samples with a positive weight.
 * @param columns - one array of n values per feature (column-major training matrix).
 * @param y - n targets.
 * @param weights - n non-negative sample weights (bootstrap counts).
 * @internal
 */
export function growTree(
  columns: readonly Float64Array[],
  y: Float64Array,
  weights: Float64Array,
  limits: TreeLimits,
  random: TreeRandom,
): RegressionTree {
  const p = columns.length;
  const used: number[] = [];
  for (let i = 0; i < y.length; i++) if (weights[i] > 0) used.push(i);
  const m = used.length;
  // Every feature's sample indices sorted by its value; a node owns the same range [start, end)
  // of every array, and a split partitions each range stably, so no node sorts again.
  const sorted = columns.map((col) => Int32Array.from(used).sort((a, b) => col[a] - col[b] || a - b));
  const goesLeft = new Uint8Array(y.length);
  const scratch = new Int32Array(m);
  const order = Int32Array.from({ length: p }, (_, f) => f);

  const feature: number[] = [];
  const threshold: number[] = [];
  const left: number[] = [];
  const right: number[] = [];
  const value: number[] = [];
  const stack: { node: number; start: number; end: number; depth: number }[] = [];
  const addNode = (start: number, end: number, depth: number): number => {
    const node = feature.length;
    feature.push(-1);
    threshold.push(0);
    left.push(-1);
    right.push(-1);
    value.push(0);
    stack.push({ node, start, end, depth });
    return node;
  };
  addNode(0, m, 0);

  while (stack.length > 0) {
    const { node, start, end, depth } = stack.pop() as (typeof stack)[number];
    const rows = sorted[0];
    let w = 0;
    let sum = 0;
    let sumSq = 0;
    for (let k = start; k < end; k++) {
      const i = rows[k];
      w += weights[i];
      sum += weights[i] * y[i];
      sumSq += weights[i] * y[i] * y[i];
    }
    const mean = sum / w;
    value[node] = mean;
    const n = end - start;
    const impurity = sumSq / w - mean * mean;
    if (depth >= limits.maxDepth || n < limits.minSamplesSplit || n < 2 * limits.minSamplesLeaf || impurity <= IMPURITY_EPSILON) continue;

    // Fisher–Yates over the features: scikit-learn visits them in a random order and keeps the
    // first of equally good splits, so ties go to a random feature.
    for (let f = p - 1; f > 0; f--) {
      const g = random.below(f + 1);
      const t = order[f];
      order[f] = order[g];
      order[g] = t;
    }
    let bestProxy = -Infinity;
    let bestFeature = -1;
    let bestThreshold = 0;
    for (const f of order) {
      const col = columns[f];
      const idx = sorted[f];
      if (col[idx[end - 1]] <= col[idx[start]] + FEATURE_THRESHOLD) continue;
      let wl = 0;
      let sl = 0;
      for (let k = start; k < end - 1; k++) {
        const i = idx[k];
        wl += weights[i];
        sl += weights[i] * (y[i] - mean);
        const a = col[i];
        const b = col[idx[k + 1]];
        if (b <= a + FEATURE_THRESHOLD) continue;
        const nl = k - start + 1;
        if (nl < limits.minSamplesLeaf || n - nl < limits.minSamplesLeaf) continue;
        const wr = w - wl;
        // The between-children sum of squares: maximising it minimises the children's squared
        // error. scikit-learn sums raw targets (Σl²/wl + Σr²/wr, the same up to a constant);
        // centring on the node's mean keeps it exact when the targets' spread is tiny next to
        // their mean, where raw sums round near-ties the wrong way.
        const proxy = (sl * sl) / wl + (sl * sl) / wr;
        if (proxy > bestProxy) {
          bestProxy = proxy;
          bestFeature = f;
          let t = a / 2 + b / 2;
          if (t === b || !Number.isFinite(t)) t = a;
          bestThreshold = t;
        }
      }
    }
    if (bestFeature < 0) continue;

    const col = columns[bestFeature];
    let nLeft = 0;
    for (let k = start; k < end; k++) {
      const i = rows[k];
      const l = col[i] <= bestThreshold ? 1 : 0;
      goesLeft[i] = l;
      nLeft += l;
    }
    for (const idx of sorted) stablePartition(idx, start, end, goesLeft, scratch);
    feature[node] = bestFeature;
    threshold[node] = bestThreshold;
    const r = addNode(start + nLeft, end, depth + 1);
    const l = addNode(start, start + nLeft, depth + 1);
    left[node] = l;
    right[node] = r;
  }
  return {
    feature: Int32Array.from(feature),
    threshold: Float64Array.from(threshold),
    left: Int32Array.from(left),
    right: Int32Array.from(right),
    value: Float64Array.from(value),
  };
}

function stablePartition(idx: Int32Array, start: number, end: number, goesLeft: Uint8Array, scratch: Int32Array): void {
  let l = start;
  let r = 0;
  for (let k = start; k < end; k++) {
    const i = idx[k];
    if (goesLeft[i] === 1) idx[l++] = i;
    else scratch[r++] = i;
  }
  idx.set(scratch.subarray(0, r), l);
}
