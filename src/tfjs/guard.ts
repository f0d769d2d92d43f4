// The `bonito/tfjs` entry as Node and bundlers load it. TensorFlow.js is an optional peer of
// bonito, so this checks that it is installed before anything imports it, and says the exact
// `npm i` command when it is not; a static import would fail first with a bare resolution error.
// The named exports repeat src/tfjs/index.ts (whose declarations the package ships as the
// entry's types); test/tfjs/guard.test.ts keeps the two lists equal.
import { MissingDependencyError, isMissingModule } from '../errors.js';

/** The peer packages `bonito/tfjs` needs, at the versions it is tested with. @internal */
export const TFJS_PEERS = ['@tensorflow/tfjs@4.22.0', '@tensorflow/tfjs-backend-wasm@4.22.0'] as const;

try {
  await import('@tensorflow/tfjs');
  await import('@tensorflow/tfjs-backend-wasm');
} catch (error) {
  if (isMissingModule(error, '@tensorflow/tfjs') || isMissingModule(error, '@tensorflow/tfjs-backend-wasm')) {
    throw new MissingDependencyError('bonito/tfjs', TFJS_PEERS, error);
  }
  throw error;
}

export const {
  setTfjsBackend,
  assertTfjsBackend,
  trainAndScore,
  trainFinalModel,
  FixedTrial,
  gridSearchCV,
  randomizedSearchCV,
  bayesSearchCV,
  MLP_ESTIMATOR_DEFAULTS,
  suggestMlp,
  buildMlp,
  DEFAULT_MLP_SPACE,
  SeededDropout,
  createOptimizer,
  DecoupledWeightDecay,
  OPTIMIZER_NAMES,
  resolveMetric,
  createDataset,
  classCount,
  loadIris,
  carsDataset,
  CARS_NUMERIC_COLUMNS,
  mnistDataset,
  loadMnist,
  holdoutSplit,
  kFoldSplit,
  permutation,
  fitStandardizer,
} = await import('./index.js');
