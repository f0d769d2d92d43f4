export { TRIAL_STATES, isFinished } from './state.js';
export { directionSign } from './direction.js';
/** Keys of the system attributes the study and samplers share; not part of the public API. @internal */
export { SYSTEM_ATTR } from './system-attrs.js';
export type { TrialState } from './state.js';
export type { Direction } from './direction.js';
export type { FrozenTrial } from './frozen-trial.js';
export type { StudyView } from './study-view.js';
export type { Trial, SuggestingTrial } from './trial.js';
export { lastReportedStep, lastReportedValue } from './intermediate.js';
