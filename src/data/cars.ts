import { createDataset, type Dataset } from './dataset.js';
import { describeValue } from '../errors.js';

/** The numeric columns of Vega's `cars.json`, in file order. */
export const CARS_NUMERIC_COLUMNS = ['Cylinders', 'Displacement', 'Horsepower', 'Weight_in_lbs', 'Acceleration'] as const;

/** One of {@link CARS_NUMERIC_COLUMNS}. */
export type CarsColumn = (typeof CARS_NUMERIC_COLUMNS)[number];

/** Options of {@link carsDataset}. */
export interface CarsOptions {
  /** Feature columns. @defaultValue all of {@link CARS_NUMERIC_COLUMNS} */
  features?: readonly CarsColumn[];
}

/**
 * Regression on Vega's `cars.json` (406 cars from 1970-1982): predict `Miles_per_Gallon` from the
 * numeric columns. Rows with a null (or missing) target or feature are dropped (392 remain
 * with every column).
 *
 * The rows are an argument so that this works anywhere: in Node use `loadCars()` from
 * `bonito/node`, which reads the file shipped in the `vega-datasets` package (its own JavaScript
 * API downloads from a CDN); in a browser, fetch `cars.json` and pass the parsed array.
 *
 * @param rows - the parsed `cars.json` array.
 * @param options - which feature columns to use.
 * @returns a regression dataset with target `Miles_per_Gallon`.
 * @throws TypeError when `rows` is not an array or a feature name is unknown.
 * @example
 * ```ts
 * const rows = await (await fetch('https://example.org/cars.json')).json();
 * const cars = carsDataset(rows);
 * ```
 */
export function carsDataset(rows: readonly unknown[], options: CarsOptions = {}): Dataset {
  if (!Array.isArray(rows)) throw new TypeError(`carsDataset: \`rows\` must be an array but got ${describeValue(rows)}.`);
  const features = options.features ?? CARS_NUMERIC_COLUMNS;
  for (const f of features) {
    if (!(CARS_NUMERIC_COLUMNS as readonly string[]).includes(f)) {
      throw new TypeError(`carsDataset: \`features\` must be among ${CARS_NUMERIC_COLUMNS.join(', ')} but got ${describeValue(f)}.`);
    }
  }
  const x: number[][] = [];
  const y: number[] = [];
  for (const row of rows as readonly Record<string, unknown>[]) {
    const target = row?.Miles_per_Gallon;
    const values = features.map((f) => row?.[f]);
    if (!isFiniteNumber(target) || !values.every(isFiniteNumber)) continue;
    x.push(values);
    y.push(target);
  }
  return createDataset({ name: 'cars', task: 'regression', x, y, featureNames: features, targetName: 'Miles_per_Gallon' });
}

function isFiniteNumber(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}
