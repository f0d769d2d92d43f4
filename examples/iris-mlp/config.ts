// The main demo: Bayesian optimization (bonito's GP sampler) of a TensorFlow.js MLP on Fisher's
// Iris flowers, scored by 5-fold stratified cross-validation, two trials at a time in worker
// threads. About a minute on two cores. Run it with `npm run demo`, or:
//   npx bonito tune examples/iris-mlp/config.ts --trials 60
// The study is kept in iris-mlp.jsonl (in the current directory): running again resumes it up to
// `trials`, and `npx bonito dashboard iris-mlp.jsonl` shows it live, also while it runs.
// Each worker thread imports this module once and keeps it (the data, and the tfjs wasm backend
// that its first trial starts) for trial after trial; the main thread owns the study and answers
// every `trial.suggest*`.
import { defineConfig } from 'bonito/node';
import { loadIris, trainAndScore } from 'bonito/tfjs';

const data = loadIris();

export default defineConfig({
  name: 'iris-mlp',
  direction: 'minimize', // cross-validated log loss: smoother than accuracy, which saturates near 0.97
  sampler: 'gp',
  // Every trial reports its validation loss after each epoch, so a pruner could stop poor ones
  // early (`pruner: new MedianPruner({ nWarmupSteps: 10 })`); left out here, the GP sees every
  // trial to the end.
  trials: 40,
  storage: 'iris-mlp.jsonl',
  concurrency: 2,
  seed: 42,
  async objective(trial) {
    const result = await trainAndScore(trial, {
      data,
      scoring: { kFold: 5 },
      metric: 'logLoss',
      seed: 7, // the same folds, initial weights and batch order for every trial
      // The MLP space of bonito/tfjs, narrowed to what matters on 150 rows.
      model: {
        layers: { low: 1, high: 2 },
        units: { low: 4, high: 64, log: true },
        activation: ['relu', 'tanh'],
        dropout: 0,
        l1: 0,
        l2: { low: 1e-6, high: 1e-2, log: true },
        weightDecay: 0,
        learningRate: { low: 1e-3, high: 0.3, log: true },
        optimizer: 'adam',
        batchSize: [16, 32],
        epochs: 40,
      },
    });
    return result.mean;
  },
});
