// Most cases use the FakeTrial of test/helpers (it scripts pruning and records every call); the
// 20-trial memory check and the last block run the trainer inside a real study with bonito's Trial.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadCars } from '../../src/node/datasets.js';
import { createStudy } from '../../src/study/index.js';
import { BonitoError, TrialPruned } from '../../src/errors.js';
import { assertTfjsBackend, setTfjsBackend } from '../../src/tfjs/backend.js';
import { loadIris } from '../../src/tfjs/data/iris.js';
import type { Metric } from '../../src/tfjs/metrics.js';
import type { MlpSpace } from '../../src/tfjs/mlp.js';
import { trainAndScore, type ModelBuilder } from '../../src/tfjs/trainer.js';
import { FakeTrial } from '../helpers/fake-trial.js';

const iris = loadIris();
// A decent fixed configuration for Iris (nothing left to suggest).
const decent: MlpSpace = {
  layers: 1,
  units: 16,
  activation: 'relu',
  dropout: 0,
  l1: 0,
  l2: 0,
  weightDecay: 0,
  learningRate: 0.02,
  optimizer: 'adam',
  batchSize: 16,
  epochs: 20,
};
// Every random path on: dropout, shuffling, initializers, weight decay.
const noisy: MlpSpace = { ...decent, layers: 2, units: 8, dropout: 0.3, weightDecay: 1e-3, epochs: 4 };

beforeAll(() => setTfjsBackend());

describe('trainAndScore(trial, options)', () => {
  it('trains on the wasm backend, switching back from cpu', async () => {
    await setTfjsBackend('cpu');
    expect(() => assertTfjsBackend('wasm')).toThrow(BonitoError);
    await trainAndScore(new FakeTrial(), { data: iris, model: { ...decent, epochs: 1 }, seed: 1 });
    expect(tf.getBackend()).toBe('wasm');
    expect(() => assertTfjsBackend()).not.toThrow();
  });

  it('reaches over 0.8 three-fold accuracy on Iris with a decent configuration', async () => {
    const trial = new FakeTrial();
    const r = await trainAndScore(trial, { data: iris, model: decent, scoring: { kFold: 3 }, seed: 3 });
    expect(r.mean).toBeGreaterThan(0.8);
    expect(r.foldScores).toHaveLength(3);
    expect([r.epoch, r.epochsRun, r.metric, r.direction]).toEqual([19, 20, 'accuracy', 'maximize']);
    const mean = r.foldScores.reduce((a, b) => a + b, 0) / 3;
    expect(r.mean).toBeCloseTo(mean, 12);
    expect(r.std).toBeCloseTo(Math.sqrt(r.foldScores.reduce((a, b) => a + (b - mean) ** 2, 0) / 3), 12);
    expect(trial.userAttrs).toEqual({
      cv_mean: r.mean,
      cv_std: r.std,
      cv_scores: r.foldScores,
      epoch: 19,
      epochs_run: 20,
      metric: 'accuracy',
      seed: 3,
    });
    // The mean over folds was reported after every epoch.
    expect(trial.reports.map(([step]) => step)).toEqual(Array.from({ length: 20 }, (_, e) => e));
    expect(trial.reports[19][1]).toBe(r.mean);
  });

  it('gives identical results for the same seed and different ones for another seed', async () => {
    const run = (seed: number) =>
      trainAndScore(new FakeTrial(), { data: iris, model: noisy, scoring: { kFold: 2 }, metric: 'logLoss', seed });
    const [a, b, c] = [await run(5), await run(5), await run(6)];
    expect(b).toEqual(a);
    expect(c.foldScores).not.toEqual(a.foldScores);
  });

  it('leaves tf.memory().numTensors unchanged over 20 trials of a study, pruned and failed ones included', async () => {
    const before = tf.memory().numTensors;
    const space: MlpSpace = {
      layers: { low: 1, high: 2 },
      units: { low: 2, high: 8, log: true },
      epochs: { low: 1, high: 3 },
      batchSize: [32, 64],
      dropout: { low: 0, high: 0.5 },
    };
    // Every fifth trial is pruned after its first epoch; every seventh fails in its model builder.
    const pruner = { prune: (_s: unknown, t: { number: number }) => t.number % 5 === 4 };
    const study = await createStudy({ direction: 'maximize', seed: 11, pruner, onWarning: () => {} });
    const after: number[] = [];
    await study.optimize(
      async (trial) => {
        const scoring = trial.number % 2 === 0 ? ('holdout' as const) : { kFold: 2 };
        const model: ModelBuilder | MlpSpace =
          trial.number % 7 === 6 ? () => tf.sequential({ layers: [tf.layers.dense({ units: 2, inputShape: [4] })] }) : space;
        return (await trainAndScore(trial, { data: iris, model, scoring, seed: trial.number })).mean;
      },
      { nTrials: 20, catch: [TypeError], callbacks: [() => void after.push(tf.memory().numTensors)] },
    );
    const states = study.trials.map((t) => t.state);
    expect(states.map((st, i) => (st === 'COMPLETE' ? '' : `${i}:${st}`)).filter(Boolean)).toEqual([
      '4:PRUNED',
      '6:FAIL',
      '9:PRUNED',
      '13:FAIL',
      '14:PRUNED',
      '19:PRUNED',
    ]);
    expect(after).toEqual(Array.from({ length: 20 }, () => before));
  });

  it('reports each epoch and stops with TrialPruned when the trial says so', async () => {
    const before = tf.memory().numTensors;
    const trial = new FakeTrial({ prune: (step) => step === 2 });
    await expect(trainAndScore(trial, { data: iris, model: { ...decent, epochs: 10 }, scoring: { kFold: 2 }, seed: 1 })).rejects.toThrow(
      TrialPruned,
    );
    expect(trial.reports.map(([step]) => step)).toEqual([0, 1, 2]);
    expect(trial.reports.every(([, v]) => v >= 0 && v <= 1)).toBe(true);
    expect(tf.memory().numTensors).toBe(before);

    const silent = new FakeTrial({ prune: () => true });
    const r = await trainAndScore(silent, { data: iris, model: { ...decent, epochs: 3 }, pruning: false, seed: 1 });
    expect([silent.reports.length, r.epochsRun]).toEqual([0, 3]);
  });

  it('stops early after `patience` epochs without improvement and scores the best epoch', async () => {
    // A scripted metric makes the epochs' scores known: the best (0.6) is at epoch 1.
    const script = [0.5, 0.6, 0.55, 0.6, 0.7, 0.8];
    let calls = 0;
    const scripted: Metric = { name: 'scripted', direction: 'maximize', compute: () => script[calls++] };
    const r = await trainAndScore(new FakeTrial(), {
      data: iris,
      model: { ...decent, epochs: 6 },
      metric: scripted,
      earlyStopping: { patience: 2, minDelta: 0.01 },
      seed: 1,
    });
    expect([r.epoch, r.epochsRun, r.mean]).toEqual([1, 4, 0.6]);
  });

  it("scores a regression on cars in the target's units", async () => {
    const cars = loadCars();
    const model: MlpSpace = { ...decent, units: 32, batchSize: 32, epochs: 25 };
    const r2 = await trainAndScore(new FakeTrial(), { data: cars, model, metric: 'r2', seed: 2 });
    expect(r2.mean).toBeGreaterThan(0.6);
    // Same seed, same predictions: capture them with a custom metric and recompute R² here.
    let seen: { t: Float32Array; p: Float32Array } = { t: new Float32Array(0), p: new Float32Array(0) };
    const capture: Metric = {
      name: 'capture',
      direction: 'minimize',
      compute: (t, p) => {
        seen = { t, p };
        return 0;
      },
    };
    await trainAndScore(new FakeTrial(), { data: cars, model, metric: capture, seed: 2 });
    const { t, p } = seen;
    expect(t.length).toBe(Math.round(cars.n * 0.2));
    expect(t.every((v) => cars.y.includes(v))).toBe(true); // miles per gallon, not standardized
    const mean = t.reduce((a, b) => a + b, 0) / t.length;
    const sse = t.reduce((a, v, i) => a + (v - p[i]) ** 2, 0);
    const sst = t.reduce((a, v) => a + (v - mean) ** 2, 0);
    expect(r2.mean).toBeCloseTo(1 - sse / sst, 9);
    expect(Math.sqrt(sse / t.length)).toBeLessThan(6); // mpg
  });

  it('runs a define-by-run builder once per fold with seeded contexts', async () => {
    const before = tf.memory().numTensors;
    const contexts: { fold: number; inputDim: number; outputUnits: number; seed: bigint }[] = [];
    const builder: ModelBuilder = (trial, ctx) => {
      contexts.push({ fold: ctx.fold, inputDim: ctx.inputDim, outputUnits: ctx.outputUnits, seed: ctx.seed });
      const units = trial.suggestInt('units', 4, 16);
      const model = tf.sequential({
        layers: [
          tf.layers.dense({
            units,
            activation: 'relu',
            inputShape: [ctx.inputDim],
            kernelInitializer: tf.initializers.glorotUniform({ seed: ctx.nextSeed() }),
          }),
          tf.layers.dense({
            units: ctx.outputUnits,
            activation: 'softmax',
            kernelInitializer: tf.initializers.glorotUniform({ seed: ctx.nextSeed() }),
          }),
        ],
      });
      return { model, batchSize: 16, epochs: 15 }; // uncompiled: the trainer compiles with Adam
    };
    const trial = new FakeTrial({ fixed: { units: 12 } });
    const a = await trainAndScore(trial, { data: iris, model: builder, scoring: { kFold: 3 }, seed: 4 });
    expect(contexts.map((c) => [c.fold, c.inputDim, c.outputUnits])).toEqual([
      [0, 4, 3],
      [1, 4, 3],
      [2, 4, 3],
    ]);
    expect(new Set(contexts.map((c) => c.seed)).size).toBe(3);
    expect(a.mean).toBeGreaterThan(0.6);
    expect(tf.memory().numTensors).toBe(before);
    const again = await trainAndScore(new FakeTrial({ fixed: { units: 12 } }), {
      data: iris,
      model: builder,
      scoring: { kFold: 3 },
      seed: 4,
    });
    expect(again.foldScores).toEqual(a.foldScores);
  });

  it('rejects invalid scoring, a metric of the other task, a zero patience and data that is not a Dataset', async () => {
    const t = new FakeTrial();
    await expect(trainAndScore(t, { data: iris, scoring: { kFold: 1 }, model: decent })).rejects.toThrow(RangeError);
    await expect(trainAndScore(t, { data: iris, scoring: 'cv' as never, model: decent })).rejects.toThrow(TypeError);
    await expect(trainAndScore(t, { data: iris, metric: 'r2', model: decent })).rejects.toThrow(TypeError);
    await expect(trainAndScore(t, { data: iris, earlyStopping: { patience: 0 }, model: decent })).rejects.toThrow(RangeError);
    await expect(trainAndScore(t, { data: { x: [[1]], y: [0] } as never, model: decent })).rejects.toThrow(TypeError);
  });
});

describe('trainAndScore inside a real study', () => {
  it("records intermediate values, user attributes and pruned trials through bonito's Trial", async () => {
    const before = tf.memory().numTensors;
    // Prunes every odd-numbered trial at its second epoch.
    const pruner = {
      prune: (_s: unknown, t: { number: number; intermediateValues: ReadonlyMap<number, number> }) =>
        t.number % 2 === 1 && t.intermediateValues.has(1),
    };
    const study = await createStudy({ direction: 'maximize', seed: 7, pruner });
    const space: MlpSpace = {
      ...decent,
      units: { low: 4, high: 16, log: true },
      learningRate: { low: 1e-3, high: 3e-2, log: true },
      epochs: 4,
    };
    await study.optimize(async (trial) => (await trainAndScore(trial, { data: iris, model: space, seed: 1 })).mean, { nTrials: 4 });
    const states = study.trials.map((t) => t.state);
    expect(states).toEqual(['COMPLETE', 'PRUNED', 'COMPLETE', 'PRUNED']);
    const done = study.trials[0];
    expect([...done.intermediateValues.keys()]).toEqual([0, 1, 2, 3]);
    expect(done.userAttrs.cv_mean).toBe(done.value);
    expect(Object.keys(done.params).sort()).toEqual(['learning_rate', 'units_0']);
    expect([...study.trials[1].intermediateValues.keys()]).toEqual([0, 1]);
    expect(tf.memory().numTensors).toBe(before);
  });
});
