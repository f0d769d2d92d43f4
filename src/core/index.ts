export { init, initSync, isInitialized, wasmModule } from './loader.js';
export { Rng, deriveSeed } from './rng.js';
export { Sobol, sobolPoint } from './sobol.js';
export { loadSobolDirections } from './sobol-directions.js';
export { erfc, erfcx, logNdtr, log1mexp, ndtri } from './special.js';
export { logExpectedImprovement, expectedImprovement, upperConfidenceBound } from './acquisition.js';
export { GaussianProcess } from './gp.js';
export { maximizeAcquisition } from './acquisition-optimizer.js';
export type { WasmSource } from './loader.js';
export type { ByteSource } from './byte-source.js';
export type { Seed } from './rng.js';
export type { SobolOptions, SobolScramble } from './sobol.js';
export type { SobolDirectionsSource } from './sobol-directions.js';
export type { AcquisitionOptions, AcquisitionDirection } from './acquisition.js';
export type {
  GaussianProcessFitOptions,
  GaussianProcessHyperparameters,
  GaussianProcessPrior,
  GaussianProcessFitStatus,
  GaussianProcessPrediction,
} from './gp.js';
export type { MaximizeAcquisitionOptions, AcquisitionResult, PendingBelief } from './acquisition-optimizer.js';
