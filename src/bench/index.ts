/**
 * `bonito/bench`: test functions (single- and multi-objective), their registry, and the runners
 * that compare samplers on them (regret curves, hypervolume gaps, `bonito benchmark`).
 *
 * @packageDocumentation
 */
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
  defineTestFunction,
} from './functions.js';
export { mixed } from './mixed.js';
export { runRegret, quartiles } from './regret.js';
export { centeredDiscrepancy } from './discrepancy.js';
export { shiftedFunction } from './shift.js';
export { testFunctionByName, TEST_FUNCTION_NAMES } from './registry.js';
export { regretCurveSpec } from './regret-plot.js';
export { runBenchmark, benchmarkToJson, benchmarkPlotSpecs } from './benchmark.js';
export type { BenchmarkOptions, BenchmarkResult, BenchmarkCell } from './benchmark.js';
export type { RegretRuns, RegretComparison, RegretCurveOptions, ReferencePoint } from './regret-plot.js';
export { zdt1, zdt2, dtlz2, gardner, runHypervolumeGap } from './multi-objective.js';
export type { MultiObjectiveProblem, GapResult, GapCheckpoint } from './multi-objective.js';
export type { TestFunction, TestFunctionDefinition } from './functions.js';
export type { RegretOptions, RegretResult, RegretCheckpoint } from './regret.js';
