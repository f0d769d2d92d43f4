// Uses the FakeTrial of test/helpers (the study's Trial satisfies the same structural interface;
// trainer.test.ts also runs against the real one when it is available).
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { setTfjsBackend } from '../../src/tfjs/backend.js';
import { SeededDropout } from '../../src/tfjs/dropout.js';
import { buildMlp, DEFAULT_MLP_SPACE, suggestMlp, type MlpParams } from '../../src/tfjs/mlp.js';
import { createOptimizer, DecoupledWeightDecay } from '../../src/tfjs/optimizer.js';
import { disposeModel } from '../../src/tfjs/fold-run.js';
import { FakeTrial } from '../helpers/fake-trial.js';

beforeAll(() => setTfjsBackend());

const base: MlpParams = {
  layers: 2,
  units: [5, 3],
  activation: 'tanh',
  dropout: 0.25,
  l1: 1e-3,
  l2: 2e-3,
  weightDecay: 0,
  learningRate: 0.01,
  optimizer: 'rmsprop',
  batchSize: 8,
  epochs: 3,
};

function denseConfigs(model: tf.LayersModel) {
  return model.layers.filter((l) => l.getClassName() === 'Dense').map((l) => l.getConfig() as Record<string, unknown>);
}

describe('suggestMlp(trial, space)', () => {
  it('suggests every default parameter, with units_i only for the layers the trial has', () => {
    for (let seed = 0; seed < 8; seed++) {
      const trial = new FakeTrial({ seed });
      const p = suggestMlp(trial);
      const names = Object.keys(trial.params);
      expect(names.filter((n) => n.startsWith('units_')).sort()).toEqual(Array.from({ length: p.layers }, (_, i) => `units_${i}`));
      expect(names.filter((n) => !n.startsWith('units_')).sort()).toEqual([
        'activation',
        'batch_size',
        'dropout',
        'epochs',
        'l1',
        'l2',
        'layers',
        'learning_rate',
        'optimizer',
        'weight_decay',
      ]);
      expect(p).toEqual({
        layers: trial.params.layers,
        units: p.units.map((_, i) => trial.params[`units_${i}`]),
        activation: trial.params.activation,
        dropout: trial.params.dropout,
        l1: trial.params.l1,
        l2: trial.params.l2,
        weightDecay: trial.params.weight_decay,
        learningRate: trial.params.learning_rate,
        optimizer: trial.params.optimizer,
        batchSize: trial.params.batch_size,
        epochs: trial.params.epochs,
      });
    }
  });

  it('passes the default ranges to the trial (log scale for units and learning rate)', () => {
    const trial = new FakeTrial({ fixed: { layers: 3 } });
    suggestMlp(trial);
    const call = (name: string) => trial.calls.find((c) => c.name === name);
    expect(call('units_2')).toEqual({ kind: 'int', name: 'units_2', ...(DEFAULT_MLP_SPACE.units as object) });
    expect(call('learning_rate')).toEqual({ kind: 'float', name: 'learning_rate', low: 1e-4, high: 1e-1, log: true });
    expect(call('optimizer')).toEqual({ kind: 'categorical', name: 'optimizer', choices: ['adam', 'sgd', 'rmsprop'] });
  });

  it('fixes entries given as values and narrows entries given as ranges or lists', () => {
    const trial = new FakeTrial({ seed: 3 });
    const p = suggestMlp(trial, {
      layers: 2,
      activation: 'relu',
      optimizer: ['adam'],
      dropout: 0,
      l1: 0,
      l2: 0,
      weightDecay: 0,
      units: { low: 4, high: 8, step: 2 },
      learningRate: [0.01, 0.1],
      batchSize: 16,
      epochs: { low: 2, high: 3 },
    });
    expect(Object.keys(trial.params).sort()).toEqual(['epochs', 'learning_rate', 'optimizer', 'units_0', 'units_1']);
    expect([p.layers, p.activation, p.dropout, p.l1, p.l2, p.weightDecay, p.batchSize, p.optimizer]).toEqual([
      2,
      'relu',
      0,
      0,
      0,
      0,
      16,
      'adam',
    ]);
    expect(p.units.every((u) => [4, 6, 8].includes(u))).toBe(true);
    expect([0.01, 0.1]).toContain(p.learningRate);
    expect(trial.calls.find((c) => c.name === 'units_0')).toMatchObject({ low: 4, high: 8, step: 2 });
  });

  it('rejects unknown activations and optimizers, dropout of 1 and fractional integers', () => {
    expect(() => suggestMlp(new FakeTrial(), { activation: 'cube' as never })).toThrow(TypeError);
    expect(() => suggestMlp(new FakeTrial(), { optimizer: ['adam', 'lbfgs' as never] })).toThrow(TypeError);
    expect(() => suggestMlp(new FakeTrial(), { dropout: 1 })).toThrow(RangeError);
    expect(() => suggestMlp(new FakeTrial(), { layers: 1.5 })).toThrow(RangeError);
  });
});

describe('buildMlp(params, shape)', () => {
  it('builds the layers, regularizers and optimizer the parameters describe', () => {
    const model = buildMlp(base, { inputDim: 4, task: 'classification', outputUnits: 3, seed: 1 });
    const dense = denseConfigs(model);
    expect(dense.map((c) => [c.units, c.activation])).toEqual([
      [5, 'tanh'],
      [3, 'tanh'],
      [3, 'softmax'],
    ]);
    expect((dense[0].kernelRegularizer as { config: unknown }).config).toEqual({ l1: 1e-3, l2: 2e-3 });
    expect(dense[2].kernelRegularizer).toBeNull();
    const drops = model.layers.filter((l) => l instanceof SeededDropout) as SeededDropout[];
    expect(drops.map((d) => d.rate)).toEqual([0.25, 0.25]);
    expect(model.inputs[0].shape).toEqual([null, 4]);
    expect(model.optimizer.getClassName()).toBe('RMSProp');
    expect((model.optimizer.getConfig() as { learningRate: number }).learningRate).toBe(0.01);
    expect(model.loss).toBe('categoricalCrossentropy');
    disposeModel(model);
  });

  it('wraps the optimizer in decoupled weight decay, omits dropout at 0 and builds a linear regression output', () => {
    const model = buildMlp(
      { ...base, layers: 1, units: [6], dropout: 0, l1: 0, l2: 0, weightDecay: 0.05, optimizer: 'sgd' },
      { inputDim: 2, task: 'regression', seed: 2 },
    );
    expect(model.layers.map((l) => l.getClassName())).toEqual(['Dense', 'Dense']);
    expect(denseConfigs(model)[0].kernelRegularizer).toBeNull();
    expect(denseConfigs(model)[1]).toMatchObject({ units: 1, activation: 'linear' });
    const opt = model.optimizer as DecoupledWeightDecay;
    expect(opt).toBeInstanceOf(DecoupledWeightDecay);
    expect([opt.inner.getClassName(), opt.weightDecay, opt.learningRate]).toEqual(['SGD', 0.05, 0.01]);
    expect(model.loss).toBe('meanSquaredError');
    disposeModel(model);
  });

  it('draws the same initial weights from the same seed and others from another seed', () => {
    const weights = (seed: number) => {
      const m = buildMlp(base, { inputDim: 4, task: 'classification', outputUnits: 3, seed });
      const w = m.getWeights().map((t) => Array.from(t.dataSync()));
      disposeModel(m);
      return w;
    };
    expect(weights(7)).toEqual(weights(7));
    const [a, b] = [weights(7), weights(8)];
    expect(a[0]).not.toEqual(b[0]);
    expect(a[0]).not.toEqual(a[2].slice(0, a[0].length)); // layers get distinct seeds
  });

  it('leaves no tensor behind once the model and its optimizer are disposed', async () => {
    const before = tf.memory().numTensors;
    const model = buildMlp(
      { ...base, weightDecay: 0.01, optimizer: 'adam' },
      { inputDim: 4, task: 'classification', outputUnits: 3, seed: 3 },
    );
    const x = tf.randomNormal([16, 4], 0, 1, 'float32', 1);
    const y = tf.tidy(() => tf.oneHot(tf.tensor1d([0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2, 0], 'int32'), 3));
    await model.fit(x, y, { epochs: 2, batchSize: 4, verbose: 0 });
    tf.dispose([x, y]);
    const optimizer = model.optimizer;
    model.dispose();
    // model.dispose() alone keeps the optimizer's Adam moments and beta powers alive.
    expect(tf.memory().numTensors).toBeGreaterThan(before);
    optimizer.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('SeededDropout', () => {
  const ones = () => tf.ones([1, 400]);
  const mask = (layer: SeededDropout, training: boolean) =>
    tf.tidy(() => Array.from((layer.apply(ones(), { training }) as tf.Tensor).dataSync()));

  it('draws a new mask at every training step, the same sequence for the same seed', () => {
    const a = new SeededDropout({ rate: 0.5, seed: 11 });
    const b = new SeededDropout({ rate: 0.5, seed: 11 });
    const [a1, a2] = [mask(a, true), mask(a, true)];
    const [b1, b2] = [mask(b, true), mask(b, true)];
    expect([a1, a2]).toEqual([b1, b2]);
    expect(a1).not.toEqual(a2);
    // Inverted dropout: kept units are scaled by 1 / (1 - rate); about half are dropped.
    expect(new Set(a1)).toEqual(new Set([0, 2]));
    const dropped = a1.filter((v) => v === 0).length;
    expect(dropped).toBeGreaterThan(150);
    expect(dropped).toBeLessThan(250);
    expect(a.steps).toBe(2);
  });

  it('is the identity outside training', () => {
    const layer = new SeededDropout({ rate: 0.5, seed: 1 });
    expect(mask(layer, false).every((v) => v === 1)).toBe(true);
    expect(layer.steps).toBe(0);
  });

  it('varies its masks during model.fit (a seeded tf.layers.dropout would repeat one)', async () => {
    const layer = new SeededDropout({ rate: 0.5, seed: 5, name: 'probe_dropout' });
    const model = tf.sequential({ layers: [tf.layers.dense({ units: 3, inputShape: [2] }), layer, tf.layers.dense({ units: 1 })] });
    model.compile({ optimizer: 'sgd', loss: 'meanSquaredError' });
    const x = tf.ones([8, 2]);
    const y = tf.ones([8, 1]);
    await model.fit(x, y, { epochs: 3, batchSize: 4, verbose: 0, shuffle: false });
    expect(layer.steps).toBe(6); // 2 batches x 3 epochs, one mask each
    tf.dispose([x, y]);
    model.dispose();
  });
});

describe('DecoupledWeightDecay', () => {
  it('shrinks kernels by 1 - lr * wd before the update and leaves biases alone', () => {
    const lr = 0.1;
    const wd = 0.5;
    const kernel = tf.variable(tf.tensor1d([1, -2]), true, 'probe/kernel');
    const bias = tf.variable(tf.tensor1d([3]), true, 'probe/bias');
    const opt = new DecoupledWeightDecay(tf.train.sgd(lr), lr, wd);
    const g = { 'probe/kernel': tf.tensor1d([0.5, 0.5]), 'probe/bias': tf.tensor1d([1]) };
    opt.applyGradients(g);
    // kernel: w (1 - 0.05) - 0.1 g = [0.95 - 0.05, -1.9 - 0.05]; bias: 3 - 0.1.
    const [k0, k1] = kernel.dataSync();
    expect(k0).toBeCloseTo(0.9, 6);
    expect(k1).toBeCloseTo(-1.95, 6);
    expect(bias.dataSync()[0]).toBeCloseTo(2.9, 6);
    tf.dispose([kernel, bias, ...Object.values(g)]);
    opt.dispose();
  });

  it('createOptimizer rejects unknown names and non-positive learning rates', () => {
    expect(() => createOptimizer('adagrad' as never, 0.1)).toThrow(TypeError);
    expect(() => createOptimizer('adam', 0)).toThrow(RangeError);
    expect(() => new DecoupledWeightDecay(tf.train.sgd(1), 1, 2)).toThrow(RangeError);
  });
});
