export { createStudy, loadStudy } from './create.js';
export { Study } from './study.js';
export { Trial } from './trial.js';
export { inProcessExecutor } from './optimize.js';
export type { CreateStudyOptions, LoadStudyOptions, StudyRuntimeOptions } from './create.js';
export type { TellOutcome, TellOptions, EnqueueOptions } from './study.js';
export type { Objective, OptimizeOptions, OptimizeCallback, TrialExecutor } from './optimize.js';
export type { StudyExport, TrialExport, ExportNumber } from './export.js';
