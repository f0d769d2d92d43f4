/**
 * `bonito`: what a study needs — studies and trials, search spaces, samplers, pruners, storage,
 * reports, Pareto helpers, and the wasm loader with its random numbers and Sobol sequences.
 * Numeric building blocks (special functions, acquisition functions, the Gaussian process) are in
 * `bonito/numeric`; test functions and the benchmark runner in `bonito/bench`.
 *
 * @packageDocumentation
 */
export { init, initSync, isInitialized, wasmModule } from './core/index.js';
export { Rng, deriveSeed } from './core/index.js';
export { Sobol, sobolPoint, loadSobolDirections } from './core/index.js';
export { BonitoError, NotInitializedError, describeValue } from './errors.js';
export { badInput } from './validate.js';
export { TrialPruned, StorageError, DuplicatedStudyError, MissingDependencyError } from './errors.js';
export { createStudy, loadStudy, Study, StudyTrial, FixedTrial, inProcessExecutor } from './study/index.js';
export { TRIAL_STATES } from './trial/index.js';
export type { Direction, FrozenTrial, StudyView, TrialState, Trial, SuggestingTrial } from './trial/index.js';
export { NopPruner, PercentilePruner, MedianPruner, SuccessiveHalvingPruner, HyperbandPruner } from './pruners/index.js';
export { InMemoryJournal } from './storage/index.js';
export {
  floatDistribution,
  intDistribution,
  categoricalDistribution,
  distributionToJson,
  distributionFromJson,
  Grid,
  distributionValues,
} from './space/index.js';
export {
  RandomSampler,
  GridSampler,
  SobolSampler,
  GPSampler,
  NSGAIISampler,
  CmaEsSampler,
  TPESampler,
  defaultGamma,
  defaultWeights,
  hyperoptDefaultGamma,
} from './samplers/index.js';
export { samplerByName, SAMPLER_NAMES } from './samplers/registry.js';
export { studyPlotSpecs, studyReportTables, importanceSpec } from './report/index.js';
export { paramImportances } from './importance/index.js';
export type { ParamImportance, ParamImportancesOptions, ImportanceSource } from './importance/index.js';
export { hypervolume, paretoFrontIndices, nonDominatedRanks, crowdingDistances, dominates } from './pareto/index.js';
export type { WasmSource, ByteSource, Seed } from './core/index.js';
// Option types of GPSamplerOptions; the GP itself is in bonito/numeric.
export type { GaussianProcessPrior, PendingBelief } from './core/index.js';
export type { SobolOptions, SobolScramble, SobolDirectionsSource } from './core/index.js';
export type {
  CreateStudyOptions,
  LoadStudyOptions,
  StudyRuntimeOptions,
  TellOutcome,
  TellOptions,
  EnqueueOptions,
  AskOptions,
} from './study/index.js';
export type {
  Objective,
  ObjectiveValue,
  OptimizeOptions,
  OptimizeLoopOptions,
  OptimizeCallback,
  TrialCallback,
  TrialExecutor,
} from './study/index.js';
export type { StudyExport, TrialExport, ExportNumber } from './study/index.js';
export type { Pruner, PercentilePrunerOptions, SuccessiveHalvingPrunerOptions, HyperbandPrunerOptions } from './pruners/index.js';
export type { JournalBackend, JournalRecord, UnreadableEntry } from './storage/index.js';
export type {
  CategoricalChoice,
  ParamValue,
  FloatDistribution,
  IntDistribution,
  CategoricalDistribution,
  Distribution,
  SearchSpace,
  NumericDistributionOptions,
  GridSearchSpace,
} from './space/index.js';
export type { NSGAIISamplerOptions, CrossoverName } from './samplers/index.js';
export type {
  Sampler,
  RandomSamplerOptions,
  SobolSamplerOptions,
  GPSamplerOptions,
  OutputWarping,
  CmaEsSamplerOptions,
  RestartStrategy,
  TPESamplerOptions,
} from './samplers/index.js';
export type { ImportanceSpecOptions } from './report/index.js';
export type { VegaLiteSpec, ReportableStudy, ReportSource, StudyPlotSpecs, StudyReportTables, ReportTrialRow } from './report/index.js';
