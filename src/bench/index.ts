export {
  BENCHMARK_FUNCTIONS,
  branin,
  hartmann6,
  ackley,
  rosenbrock,
  styblinskiTang,
  sixHumpCamel,
  goldsteinPrice,
} from './functions.js';
export { runRegret, quartiles } from './regret.js';
export { centeredDiscrepancy } from './discrepancy.js';
export { zdt1, zdt2, dtlz2, gardner, runHypervolumeGap } from './multi-objective.js';
export type { MultiObjectiveProblem, GapResult, GapCheckpoint } from './multi-objective.js';
export type { TestFunction } from './functions.js';
export type { RegretOptions, RegretResult, RegretCheckpoint } from './regret.js';
