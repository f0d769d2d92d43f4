export { init, initSync, isInitialized, wasmModule } from './core/index.js';
export { Rng, deriveSeed } from './core/index.js';
export { Sobol, sobolPoint, loadSobolDirections } from './core/index.js';
export { erfc, erfcx, logNdtr, log1mexp, ndtri } from './core/index.js';
export { logExpectedImprovement, expectedImprovement, upperConfidenceBound } from './core/index.js';
export { GaussianProcess, maximizeAcquisition } from './core/index.js';
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
export { RandomSampler, GridSampler, SobolSampler, GPSampler, NSGAIISampler, CmaEsSampler, TPESampler, defaultGamma, defaultWeights, hyperoptDefaultGamma } from './samplers/index.js';
export {
  BENCHMARK_FUNCTIONS,
  branin,
  hartmann6,
  ackley,
  rosenbrock,
  levy,
  styblinskiTang,
  sixHumpCamel,
  goldsteinPrice,
  runRegret,
  runHypervolumeGap,
  zdt1,
  zdt2,
  dtlz2,
  gardner,
  quartiles,
  centeredDiscrepancy,
} from './bench/index.js';
export { studyPlotSpecs, studyReportTables } from './report/index.js';
export { hypervolume, paretoFrontIndices, nonDominatedRanks, crowdingDistances, dominates } from './pareto/index.js';
export type { WasmSource, Seed } from './core/index.js';
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
export type { CreateStudyOptions, LoadStudyOptions, StudyRuntimeOptions, TellOutcome, TellOptions, EnqueueOptions, AskOptions } from './study/index.js';
export type { Objective, OptimizeOptions, OptimizeCallback, TrialExecutor, StudyExport, TrialExport } from './study/index.js';
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
export type { Sampler, RandomSamplerOptions, SobolSamplerOptions, GPSamplerOptions, OutputWarping, CmaEsSamplerOptions, RestartStrategy, TPESamplerOptions } from './samplers/index.js';
export type { TestFunction, RegretOptions, RegretResult, RegretCheckpoint, MultiObjectiveProblem, GapResult, GapCheckpoint } from './bench/index.js';
export type { VegaLiteSpec, ReportableStudy, ReportSource, StudyPlotSpecs, StudyReportTables, ReportTrialRow } from './report/index.js';
