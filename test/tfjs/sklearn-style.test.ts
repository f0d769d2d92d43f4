import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { setTfjsBackend } from '../../src/tfjs/backend.js';
import {
  bayesSearchCV,
  gridSearchCV,
  MLP_ESTIMATOR_DEFAULTS,
  randomizedSearchCV,
  type SearchCVResult,
} from '../../src/tfjs/sklearn-style.js';
import { loadIris } from '../../src/tfjs/data/iris.js';
import { FixedTrial } from '../../src/study/fixed-trial.js';
import { trainFinalModel } from '../../src/tfjs/refit.js';
import { resolveMetric, type Metric } from '../../src/tfjs/metrics.js';
import { GPSampler } from '../../src/samplers/index.js';

const iris = loadIris();
const quick = { batchSize: 16, epochs: 8, learningRate: 0.02 };

beforeAll(() => setTfjsBackend());

/** Checks the invariants every search result must satisfy. */
function checkResult(r: SearchCVResult, folds: number): void {
  const complete = r.cvResults.filter((row) => row.state === 'COMPLETE');
  const best = r.cvResults[r.bestIndex];
  expect(best.params).toEqual(r.bestParams);
  expect(best.meanTestScore).toBe(r.bestScore);
  expect(best.rankTestScore).toBe(1);
  expect(Math.max(...complete.map((row) => row.meanTestScore as number))).toBe(r.bestScore);
  for (const row of complete) {
    expect(row.splitTestScores).toHaveLength(folds);
    expect(row.meanTestScore).toBeCloseTo(row.splitTestScores.reduce((a, b) => a + b, 0) / folds, 12);
    // rank = 1 + number of strictly better rows
    expect(row.rankTestScore).toBe(1 + complete.filter((o) => (o.meanTestScore as number) > (row.meanTestScore as number)).length);
  }
}

describe('gridSearchCV(options)', () => {
  it('cross-validates every grid point and refits the best on all rows', async () => {
    const before = tf.memory().numTensors;
    const r = await gridSearchCV({
      data: iris,
      estimator: quick,
      paramGrid: { units: [4, 16], learningRate: [0.002, 0.05] },
      cv: 3,
      seed: 1,
    });
    expect(r.cvResults).toHaveLength(4);
    const points = r.cvResults.map((row) => `${row.params.units_0}/${row.params.learning_rate}`).sort();
    expect(points).toEqual(['16/0.002', '16/0.05', '4/0.002', '4/0.05']);
    checkResult(r, 3);
    expect([r.metric, r.direction]).toEqual(['accuracy', 'maximize']);
    // The refitted model predicts the training rows well (trained on all 150 rows).
    const probabilities = await r.bestModel!.predict(iris.x);
    const accuracy = resolveMetric('accuracy', 'classification').compute(iris.y, probabilities, 3);
    expect(accuracy).toBeGreaterThan(0.8);
    expect(r.bestModel!.epochs).toBe(8);
    r.bestModel!.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('trains grid points that differ only in an absent layer once', async () => {
    // A metric that counts its calls: one per epoch per trained model (hold-out, 2 epochs).
    let calls = 0;
    const counting: Metric = {
      name: 'counting',
      direction: 'maximize',
      compute: (t, p, k) => {
        calls++;
        return resolveMetric('accuracy', 'classification').compute(t, p, k);
      },
    };
    const rows: number[] = [];
    const r = await gridSearchCV({
      data: iris,
      estimator: { ...quick, epochs: 2 },
      paramGrid: { layers: [1, 2], units: [4, 8] },
      cv: 'holdout',
      seed: 2,
      refit: false,
      metric: counting,
      onTrial: (row) => rows.push(row.trial),
    });
    // 2 layer counts x 2 x 2 units = 8 grid points, but with 1 layer units_1 is unused: 2 + 4 models.
    expect(r.cvResults).toHaveLength(8);
    expect(rows).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(calls).toBe(6 * 2);
    const oneLayer = r.cvResults.filter((row) => row.params.layers === 1);
    expect(oneLayer.every((row) => !('units_1' in row.params))).toBe(true);
    expect(r.bestModel).toBeNull();
  });

  it('rejects unknown keys and empty lists', async () => {
    await expect(gridSearchCV({ data: iris, paramGrid: { momentum: [0.9] } as never })).rejects.toThrow(TypeError);
    await expect(gridSearchCV({ data: iris, paramGrid: { units: [] } })).rejects.toThrow(RangeError);
  });
});

describe('randomizedSearchCV(options) and bayesSearchCV(options)', () => {
  it('randomizedSearchCV draws nIter configurations from the distributions, reproducibly', async () => {
    const run = () =>
      randomizedSearchCV({
        data: iris,
        estimator: quick,
        paramDistributions: { units: { low: 2, high: 16, log: true }, learningRate: { low: 1e-3, high: 0.1, log: true } },
        nIter: 3,
        cv: 2,
        seed: 3,
        refit: false,
      });
    const r = await run();
    expect(r.cvResults).toHaveLength(3);
    for (const row of r.cvResults) {
      expect(row.params.units_0).toBeGreaterThanOrEqual(2);
      expect(row.params.units_0).toBeLessThanOrEqual(16);
    }
    checkResult(r, 2);
    const again = await run();
    expect(again.cvResults.map((row) => [row.params, row.meanTestScore])).toEqual(
      r.cvResults.map((row) => [row.params, row.meanTestScore]),
    );
  });

  it('bayesSearchCV runs nIter trials with a GPSampler and refits the best configuration reproducibly', async () => {
    const before = tf.memory().numTensors;
    const r = await bayesSearchCV({
      data: iris,
      estimator: { ...quick, epochs: 4 },
      searchSpaces: { learningRate: { low: 1e-3, high: 0.1, log: true } },
      nIter: 5,
      nStartupTrials: 3,
      cv: 2,
      seed: 4,
    });
    expect(r.cvResults).toHaveLength(5);
    expect(r.study.sampler).toBeInstanceOf(GPSampler);
    checkResult(r, 2);
    expect(r.bestModel).not.toBeNull();
    // The refit replays the best parameters: a FixedTrial with them builds the same configuration.
    const replay = await trainFinalModel(new FixedTrial(r.bestParams), {
      data: iris,
      model: { ...MLP_ESTIMATOR_DEFAULTS, ...quick, epochs: 4, learningRate: { low: 1e-3, high: 0.1, log: true } },
      seed: 4,
    });
    const [a, b] = [await r.bestModel!.predict(iris.x.subarray(0, 8)), await replay.predict(iris.x.subarray(0, 8))];
    expect(Array.from(a)).toEqual(Array.from(b));
    replay.dispose();
    r.bestModel!.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('FixedTrial', () => {
  it('answers from its parameters and rejects missing or out-of-range ones', () => {
    const t = new FixedTrial({ lr: 0.01, act: 'relu', n: 3 });
    expect([t.suggestFloat('lr', 1e-3, 1), t.suggestCategorical('act', ['relu', 'tanh']), t.suggestInt('n', 1, 4)]).toEqual([
      0.01,
      'relu',
      3,
    ]);
    expect(() => t.suggestFloat('lr', 0.1, 1)).toThrow(RangeError);
    expect(() => t.suggestCategorical('act', ['tanh'])).toThrow(RangeError);
    expect(() => t.suggestInt('missing', 1, 2)).toThrow(RangeError);
  });
});
