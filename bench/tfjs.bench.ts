// Training throughput of the same tfjs model on the wasm backend (what the trainer uses) vs the
// pure-JavaScript cpu backend, measured in one run: same data, same seeded initial weights,
// same batches.
import * as tf from '@tensorflow/tfjs';
import { setTfjsBackend, type TfjsBackend } from '../src/tfjs/backend.js';
import { loadMnist } from '../src/tfjs/data/mnist.js';
import { loadIris } from '../src/tfjs/data/iris.js';
import type { Dataset } from '../src/data/dataset.js';
import { buildMlp, type MlpParams } from '../src/tfjs/mlp.js';
import { disposeModel } from '../src/tfjs/fold-run.js';
import { fmt, table } from './helpers.js';

interface Case {
  name: string;
  data: Dataset;
  params: MlpParams;
  epochs: number;
}

const mlp = (units: number[], batchSize: number): MlpParams => ({
  layers: units.length,
  units,
  activation: 'relu',
  dropout: 0,
  l1: 0,
  l2: 0,
  weightDecay: 0,
  learningRate: 1e-3,
  optimizer: 'adam',
  batchSize,
  epochs: 1,
});

/** Median seconds per epoch of `model.fit` after one warm-up epoch. */
async function secondsPerEpoch(backend: TfjsBackend, c: Case): Promise<number> {
  await setTfjsBackend(backend);
  const { data } = c;
  const x = tf.tensor2d(data.x, [data.n, data.d]);
  const y = tf.tidy(() => tf.oneHot(tf.tensor1d(Int32Array.from(data.y), 'int32'), data.classNames.length).toFloat());
  const model = buildMlp(c.params, { inputDim: data.d, task: 'classification', outputUnits: data.classNames.length, seed: 1 });
  const trainEpoch = () => model.fit(x, y, { batchSize: c.params.batchSize, epochs: 1, shuffle: false, verbose: 0, yieldEvery: 'never' });
  await trainEpoch();
  const times: number[] = [];
  for (let e = 0; e < c.epochs; e++) {
    const t0 = performance.now();
    await trainEpoch();
    times.push((performance.now() - t0) / 1000);
  }
  tf.dispose([x, y]);
  disposeModel(model);
  return times.sort((a, b) => a - b)[Math.floor(times.length / 2)];
}

export default async function run(): Promise<string> {
  const cases: Case[] = [
    {
      name: 'MNIST 2,000 x 784, MLP 784-128-64-10, batch 64',
      data: await loadMnist({ size: 2000, seed: 1 }),
      params: mlp([128, 64], 64),
      epochs: 3,
    },
    { name: 'Iris 150 x 4, MLP 4-16-3, batch 16', data: loadIris(), params: mlp([16], 16), epochs: 5 },
  ];
  const rows: string[][] = [];
  for (const c of cases) {
    const wasm = await secondsPerEpoch('wasm', c);
    const cpu = await secondsPerEpoch('cpu', c);
    rows.push([c.name, fmt(c.data.n / wasm), fmt(c.data.n / cpu), `${fmt(cpu / wasm)}x`]);
  }
  await setTfjsBackend('wasm');
  return [
    '## tfjs training throughput: wasm vs cpu backend',
    '',
    table(['model (Adam, one epoch = all rows)', 'wasm samples/s', 'cpu samples/s', 'wasm speed-up'], rows),
    '',
    'Median of several epochs after a warm-up epoch, same seeded weights and batches on both',
    'backends. The wasm backend runs single-threaded with SIMD in Node (tfjs disables its threads',
    'there). On a tiny model the per-operation overhead of tfjs dominates both backends, so the',
    'ratio says more about dispatch cost than about arithmetic.',
  ].join('\n');
}
