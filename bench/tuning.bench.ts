// Issue 5: the best validation score GP, Sobol and random search reach on the same budget when
// tuning a tfjs MLP on the shipped data sets (Iris classification by log loss, cars regression by
// MSE), over several study seeds. Every trial of one data set uses the same split and training
// seed, so the samplers differ only in the parameters they choose.
import { GPSampler, RandomSampler, SobolSampler, createStudy, type Sampler } from '../src/index.js';
import { loadCars } from '../src/node/datasets.js';
import { loadIris, trainAndScore, type Dataset, type MetricName, type MlpSpace } from '../src/tfjs/index.js';
import { fmt, table } from './helpers.js';

const N_TRIALS = 40;
const SEEDS = [0, 1, 2, 3, 4];

interface Problem {
  name: string;
  data: Dataset;
  metric: MetricName;
  model: MlpSpace;
}

const space = (epochs: number): MlpSpace => ({
  layers: { low: 1, high: 2 },
  units: { low: 4, high: 64, log: true },
  activation: ['relu', 'tanh'],
  dropout: { low: 0, high: 0.3 },
  l1: 0,
  l2: { low: 1e-6, high: 1e-2, log: true },
  weightDecay: 0,
  learningRate: { low: 1e-4, high: 0.3, log: true },
  optimizer: ['adam', 'rmsprop'],
  batchSize: [16, 32],
  epochs,
});

function problems(): Problem[] {
  return [
    { name: 'Iris (log loss)', data: loadIris(), metric: 'logLoss', model: space(20) },
    { name: 'cars (MSE)', data: loadCars(), metric: 'mse', model: space(20) },
  ];
}

const SAMPLERS: { name: string; make: () => Sampler }[] = [
  { name: 'GP', make: () => new GPSampler({ warnIndependentSampling: false }) },
  { name: 'Sobol', make: () => new SobolSampler({ warnIndependentSampling: false }) },
  { name: 'Random', make: () => new RandomSampler() },
];

/** Best (lowest) validation score after each trial of one study. */
async function bestCurve(p: Problem, sampler: Sampler, seed: number): Promise<number[]> {
  const study = await createStudy({ seed, sampler, onWarning: () => {} });
  await study.optimize(
    async (trial) =>
      (await trainAndScore(trial, { data: p.data, model: p.model, metric: p.metric, scoring: { holdout: 0.3 }, seed: 7 })).mean,
    { nTrials: N_TRIALS },
  );
  const curve: number[] = [];
  let best = Infinity;
  for (const t of study.trials) {
    if (t.state === 'COMPLETE' && t.value !== null && t.value < best) best = t.value;
    curve.push(best);
  }
  return curve;
}

function quantile(sorted: number[], q: number): number {
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  return sorted[lo] + (sorted[Math.min(lo + 1, sorted.length - 1)] - sorted[lo]) * (pos - lo);
}

function summary(values: number[]): string {
  const s = [...values].sort((a, b) => a - b);
  return `${fmt(quantile(s, 0.5))} [${fmt(s[0])}, ${fmt(s[s.length - 1])}]`;
}

export default async function run(): Promise<string> {
  const rows: string[][] = [];
  const notes: string[] = [];
  for (const p of problems()) {
    const at: Record<string, { at10: number[]; at20: number[]; at40: number[]; seconds: number }> = {};
    for (const s of SAMPLERS) {
      const t0 = performance.now();
      const curves: number[][] = [];
      for (const seed of SEEDS) curves.push(await bestCurve(p, s.make(), seed));
      at[s.name] = {
        at10: curves.map((c) => c[9]),
        at20: curves.map((c) => c[19]),
        at40: curves.map((c) => c[N_TRIALS - 1]),
        seconds: (performance.now() - t0) / 1000,
      };
      rows.push([
        p.name,
        s.name,
        summary(at[s.name].at10),
        summary(at[s.name].at20),
        summary(at[s.name].at40),
        `${fmt(at[s.name].seconds / (SEEDS.length * N_TRIALS))} s`,
      ]);
    }
    const median = (v: number[]) =>
      quantile(
        [...v].sort((a, b) => a - b),
        0.5,
      );
    const ranked = SAMPLERS.map((s) => s.name).sort((a, b) => median(at[a].at40) - median(at[b].at40));
    notes.push(
      `- ${p.name}: lowest median best score after ${N_TRIALS} trials: **${ranked[0]}**, then ${ranked.slice(1).join(', then ')}.`,
    );
  }
  return [
    `## Tuning a tfjs MLP: best validation score by sampler (${N_TRIALS} trials, study seeds ${SEEDS.join(', ')})`,
    '',
    'Lower is better. Median [min, max] over study seeds of the best hold-out score (30% of the rows, the same split and training seed for every trial) after 10, 20 and 40 trials; MLP space: 1–2 layers, 4–64 units (log), relu/tanh, dropout 0–0.3, L2 1e-6–1e-2 (log), learning rate 1e-4–0.3 (log), adam/rmsprop, batch 16/32, 20 epochs, wasm backend, one trial at a time.',
    '',
    table(['data set', 'sampler', 'best @10', 'best @20', 'best @40', 'time per trial'], rows),
    '',
    ...notes,
  ].join('\n');
}
