import { Rng, type Seed } from '../../core/rng.js';

/** One train/validation partition of the row indices 0..n-1 (each sorted ascending). */
export interface Fold {
  readonly train: Uint32Array;
  readonly validation: Uint32Array;
}

/** Options shared by {@link holdoutSplit} and {@link kFoldSplit}. */
export interface SplitOptions {
  /** Seed of the shuffle. @defaultValue a random seed */
  seed?: Seed;
  /**
   * Class labels (one per row): when given, every class is spread over the parts in proportion
   * to its size (stratification), as scikit-learn's `StratifiedKFold`.
   */
  labels?: ArrayLike<number>;
}

/** Options of {@link holdoutSplit}. */
export interface HoldoutOptions extends SplitOptions {
  /** Share of the rows held out for validation, in (0, 1). @defaultValue 0.2 */
  validationFraction?: number;
}

/**
 * A seeded permutation of 0..n-1 (Fisher-Yates).
 * @param n - length.
 * @param rng - the stream to draw from (advanced by n draws).
 * @returns the permutation.
 * @example
 * ```ts
 * permutation(5, new Rng(1)); // e.g. Uint32Array [3, 0, 4, 1, 2]
 * ```
 */
export function permutation(n: number, rng: Rng): Uint32Array {
  const out = new Uint32Array(n);
  for (let i = 0; i < n; i++) out[i] = i;
  const u = rng.uniform(n);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(u[i] * (i + 1));
    const t = out[i];
    out[i] = out[j];
    out[j] = t;
  }
  return out;
}

/**
 * A seeded hold-out split: `validationFraction` of the rows (rounded, at least 1) for
 * validation, the rest for training; stratified by `labels` when given (each class contributes
 * its share, rounded by largest remainder so the total is exact).
 *
 * @param n - number of rows, ≥ 2.
 * @param options - seed, fraction and optional labels.
 * @returns the two sets of row indices.
 * @throws RangeError when n < 2, the fraction is outside (0, 1) or `labels` has the wrong length.
 * @example
 * ```ts
 * const { train, validation } = holdoutSplit(150, { seed: 1, labels: iris.y });
 * validation.length; // 30
 * ```
 */
export function holdoutSplit(n: number, options: HoldoutOptions = {}): Fold {
  const where = 'holdoutSplit';
  checkRows(where, n, 2);
  const fraction = options.validationFraction ?? 0.2;
  if (!(fraction > 0 && fraction < 1)) {
    throw new RangeError(`${where}: \`validationFraction\` must be in (0, 1) but got ${fraction}.`);
  }
  const rng = new Rng(options.seed);
  const groups = groupRows(where, n, options.labels, rng);
  const nValidation = Math.min(n - 1, Math.max(1, Math.round(n * fraction)));
  // Largest remainder: floor each class's share, then give the leftover rows to the classes
  // with the largest fractional parts (ties to the first class).
  const exact = groups.map((g) => (g.length * nValidation) / n);
  const take = exact.map(Math.floor);
  let left = nValidation - take.reduce((a, b) => a + b, 0);
  const order = exact.map((_e, c) => c).sort((a, b) => exact[b] - Math.floor(exact[b]) - (exact[a] - Math.floor(exact[a])) || a - b);
  for (const c of order) {
    if (left === 0) break;
    if (take[c] < groups[c].length) {
      take[c]++;
      left--;
    }
  }
  const validation: number[] = [];
  const train: number[] = [];
  groups.forEach((g, c) => {
    validation.push(...g.subarray(0, take[c]));
    train.push(...g.subarray(take[c]));
  });
  return { train: sorted(train), validation: sorted(validation) };
}

/**
 * Seeded k-fold cross-validation: the shuffled rows are dealt into `k` folds whose sizes differ
 * by at most one; fold i validates on its rows and trains on all others. With `labels`, rows
 * are dealt class by class, so every fold holds each class's share up to one row.
 *
 * @param n - number of rows, ≥ k.
 * @param k - number of folds, an integer ≥ 2.
 * @param options - seed and optional labels.
 * @returns `k` folds; their validation sets partition 0..n-1.
 * @throws RangeError when k is not an integer in [2, n] or `labels` has the wrong length.
 * @example
 * ```ts
 * for (const { train, validation } of kFoldSplit(150, 5, { seed: 1, labels: iris.y })) {
 *   // 120 training rows, 30 validation rows, 10 of each species
 * }
 * ```
 */
export function kFoldSplit(n: number, k: number, options: SplitOptions = {}): Fold[] {
  const where = 'kFoldSplit';
  if (!Number.isSafeInteger(k) || k < 2) throw new RangeError(`${where}: \`k\` must be an integer >= 2 but got ${k}.`);
  checkRows(where, n, k);
  const rng = new Rng(options.seed);
  const fold = new Uint32Array(n);
  let position = 0;
  // Consecutive positions go to consecutive folds, continuing across classes, so each class is
  // spread evenly and the fold sizes stay within one row of each other.
  for (const g of groupRows(where, n, options.labels, rng)) {
    for (const row of g) fold[row] = position++ % k;
  }
  return Array.from({ length: k }, (_, f) => {
    const train: number[] = [];
    const validation: number[] = [];
    for (let i = 0; i < n; i++) (fold[i] === f ? validation : train).push(i);
    return { train: Uint32Array.from(train), validation: Uint32Array.from(validation) };
  });
}

/** Rows grouped by label (in ascending label order; one group without labels), each shuffled. */
function groupRows(where: string, n: number, labels: ArrayLike<number> | undefined, rng: Rng): Uint32Array[] {
  const shuffled = permutation(n, rng);
  if (labels === undefined) return [shuffled];
  if (labels.length !== n) throw new RangeError(`${where}: \`labels\` must have one value per row (${n}) but got ${labels.length}.`);
  const byLabel = new Map<number, number[]>();
  for (const row of shuffled) {
    const label = labels[row];
    const list = byLabel.get(label);
    if (list === undefined) byLabel.set(label, [row]);
    else list.push(row);
  }
  return [...byLabel.keys()].sort((a, b) => a - b).map((label) => Uint32Array.from(byLabel.get(label)!));
}

function checkRows(where: string, n: number, min: number): void {
  if (!Number.isSafeInteger(n) || n < min) throw new RangeError(`${where}: \`n\` must be an integer >= ${min} but got ${n}.`);
}

function sorted(rows: number[]): Uint32Array {
  return Uint32Array.from(rows).sort();
}
