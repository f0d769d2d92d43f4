/** The five trial states, with Optuna's names. */
export type TrialState = 'RUNNING' | 'COMPLETE' | 'PRUNED' | 'FAIL' | 'WAITING';

/** Every trial state, in Optuna's numbering order (RUNNING=0 ... WAITING=4). */
export const TRIAL_STATES: readonly TrialState[] = ['RUNNING', 'COMPLETE', 'PRUNED', 'FAIL', 'WAITING'];

/** True when the trial reached a final state (COMPLETE, PRUNED or FAIL). */
export function isFinished(state: TrialState): boolean {
  return state === 'COMPLETE' || state === 'PRUNED' || state === 'FAIL';
}
