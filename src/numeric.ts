/**
 * `bonito/numeric`: the numeric building blocks under the samplers, for users who build their own
 * search: the wasm loader, random numbers and Sobol sequences (also in the root export), special
 * functions, acquisition functions, the Gaussian-process model and the acquisition optimizer. Every
 * function here runs in the wasm core, so call (and await) `init()` first.
 *
 * @example
 * ```ts
 * import { init, GaussianProcess, logExpectedImprovement } from 'bonito/numeric';
 * await init();
 * const gp = GaussianProcess.fit([0.1, 0.5, 0.9], [1.2, 0.1, 0.8], { d: 1 });
 * const { mean, variance } = gp.predict([0.4]);
 * logExpectedImprovement(mean, variance, 0.1, { direction: 'minimize' });
 * ```
 *
 * @packageDocumentation
 */
export { init, initSync, isInitialized, wasmModule } from './core/index.js';
export { Rng, deriveSeed } from './core/index.js';
export { Sobol, sobolPoint, loadSobolDirections } from './core/index.js';
export { erfc, erfcx, logNdtr, log1mexp, ndtri } from './core/index.js';
export { logExpectedImprovement, expectedImprovement, upperConfidenceBound } from './core/index.js';
export { GaussianProcess, maximizeAcquisition } from './core/index.js';
export type { WasmSource, ByteSource, Seed } from './core/index.js';
export type { SobolOptions, SobolScramble, SobolDirectionsSource } from './core/index.js';
export type { AcquisitionOptions, AcquisitionDirection } from './core/index.js';
export type {
  GaussianProcessFitOptions,
  GaussianProcessHyperparameters,
  GaussianProcessPrior,
  GaussianProcessFitStatus,
  GaussianProcessPrediction,
  MaximizeAcquisitionOptions,
  AcquisitionResult,
  PendingBelief,
} from './core/index.js';
