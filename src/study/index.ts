export { createStudy, loadStudy } from './create.js';
export { Study } from './study.js';
export { StudyTrial } from './trial.js';
export { FixedTrial } from './fixed-trial.js';
export { inProcessExecutor } from './optimize.js';
export type { CreateStudyOptions, LoadStudyOptions, StudyRuntimeOptions } from './create.js';
export type { TellOutcome, TellOptions, EnqueueOptions, AskOptions, OptimizeOptions, OptimizeCallback } from './study.js';
export type { Objective, ObjectiveValue, TrialExecutor, TrialCallback, OptimizeLoopOptions } from './optimize.js';
export type { StudyExport, TrialExport, ExportNumber } from './export.js';
