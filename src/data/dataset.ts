import { describeValue } from '../errors.js';
/** What a model learns from a data set: a class index or a real target per row. */
export type Task = 'classification' | 'regression';

/**
 * A table of numeric features with one target per row, stored flat so that splitting,
 * standardizing and copying into tensors never allocates per row.
 */
export interface Dataset {
  /** A short name for reports. */
  readonly name: string;
  readonly task: Task;
  /** Number of rows. */
  readonly n: number;
  /** Number of features per row. */
  readonly d: number;
  /** Features, row-major: row i is `x.subarray(i * d, (i + 1) * d)`. */
  readonly x: Float32Array;
  /** Targets: class indices 0..nClasses-1 (classification) or real values (regression). */
  readonly y: Float32Array;
  readonly featureNames: readonly string[];
  /** The class names, index = class (classification only; empty for regression). */
  readonly classNames: readonly string[];
  readonly targetName: string;
}

/** Arguments of {@link createDataset}: rows as nested arrays or already flat. */
export interface DatasetInput {
  name?: string;
  task: Task;
  /** Rows of features (`number[][]`) or a flat row-major array with `featureNames` giving d. */
  x: readonly (readonly number[])[] | Float32Array | Float64Array;
  y: readonly number[] | Float32Array | Float64Array;
  /** @defaultValue `x0, x1, ...` (required when `x` is flat) */
  featureNames?: readonly string[];
  /** @defaultValue the class indices as strings (classification) */
  classNames?: readonly string[];
  /** @defaultValue `'y'` */
  targetName?: string;
}

/**
 * A validated {@link Dataset} from user data, for models on data sets bonito does not ship.
 *
 * @param input - features, targets and names.
 * @returns a frozen dataset whose arrays are fresh copies.
 * @throws TypeError when `task` is unknown or `x` has ragged rows; RangeError when the data is
 *   empty, a value is not finite, the row counts differ, or a class label is not an integer in
 *   [0, classNames.length).
 * @example
 * ```ts
 * const ds = createDataset({ task: 'regression', x: [[1, 2], [3, 4], [5, 7]], y: [0.5, 1.5, 2] });
 * ds.n; // 3
 * ds.d; // 2
 * ```
 */
export function createDataset(input: DatasetInput): Dataset {
  const where = 'createDataset';
  if (input.task !== 'classification' && input.task !== 'regression') {
    throw new TypeError(`${where}: \`task\` must be 'classification' or 'regression' but got ${describeValue(input.task)}.`);
  }
  let x: Float32Array;
  let d: number;
  if (input.x instanceof Float32Array || input.x instanceof Float64Array) {
    if (input.featureNames === undefined) {
      throw new TypeError(`${where}: \`featureNames\` must be given with a flat \`x\` but got undefined.`);
    }
    d = input.featureNames.length;
    x = Float32Array.from(input.x);
  } else {
    const rows = input.x;
    d = rows.length > 0 ? rows[0].length : 0;
    x = new Float32Array(rows.length * d);
    rows.forEach((row, i) => {
      if (row.length !== d) throw new TypeError(`${where}: every row of \`x\` must have ${d} values but row ${i} has ${row.length}.`);
      x.set(row, i * d);
    });
  }
  if (d === 0 || x.length === 0)
    throw new RangeError(`${where}: \`x\` must have at least one row and one column but got ${x.length} values.`);
  if (x.length % d !== 0) throw new RangeError(`${where}: \`x\` must hold a whole number of rows of ${d} but got ${x.length} values.`);
  const n = x.length / d;
  const y = Float32Array.from(input.y);
  if (y.length !== n) throw new RangeError(`${where}: \`y\` must have one value per row (${n}) but got ${y.length}.`);
  const bad = x.findIndex((v) => !Number.isFinite(v));
  if (bad >= 0) throw new RangeError(`${where}: \`x\` must be finite but got ${x[bad]} at row ${Math.floor(bad / d)}.`);
  const featureNames = input.featureNames ?? Array.from({ length: d }, (_, j) => `x${j}`);
  if (featureNames.length !== d) throw new RangeError(`${where}: \`featureNames\` must have ${d} names but got ${featureNames.length}.`);

  let classNames: readonly string[] = [];
  if (input.task === 'classification') {
    const top = y.reduce((m, v) => Math.max(m, v), 0);
    classNames = input.classNames ?? Array.from({ length: top + 1 }, (_, c) => String(c));
    const k = classNames.length;
    const wrong = y.findIndex((v) => !Number.isInteger(v) || v < 0 || v >= k);
    if (wrong >= 0) throw new RangeError(`${where}: class labels must be integers in [0, ${k}) but got ${y[wrong]} at row ${wrong}.`);
  } else {
    const wrong = y.findIndex((v) => !Number.isFinite(v));
    if (wrong >= 0) throw new RangeError(`${where}: \`y\` must be finite but got ${y[wrong]} at row ${wrong}.`);
  }
  return Object.freeze({
    name: input.name ?? 'data',
    task: input.task,
    n,
    d,
    x,
    y,
    featureNames: Object.freeze([...featureNames]),
    classNames: Object.freeze([...classNames]),
    targetName: input.targetName ?? 'y',
  });
}

/** Number of classes of a classification data set (0 for regression). */
export function classCount(data: Dataset): number {
  return data.task === 'classification' ? data.classNames.length : 0;
}

/**
 * The rows `rows` of `data` as flat arrays (features and targets copied).
 * @internal
 */
export function takeRows(data: Dataset, rows: ArrayLike<number>): { x: Float32Array; y: Float32Array } {
  const { d } = data;
  const x = new Float32Array(rows.length * d);
  const y = new Float32Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    x.set(data.x.subarray(r * d, (r + 1) * d), i * d);
    y[i] = data.y[r];
  }
  return { x, y };
}
