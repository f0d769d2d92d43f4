import type { FrozenTrial, StudyView } from '../trial/index.js';

/**
 * Decides whether a running trial should stop early (Optuna's `BasePruner`). Called by
 * `trial.shouldPrune()` with the study as the samplers see it and the trial's current snapshot
 * (its intermediate values included). A pruner keeps no state: its answer is a function of the
 * trials, so every worker and every restart agrees.
 *
 * @example
 * ```ts
 * const everyOther: Pruner = { prune: (_study, trial) => trial.number % 2 === 1 };
 * ```
 */
export interface Pruner {
  /**
   * @param study - read-only view of the study (direction, trials).
   * @param trial - the trial being judged, as it is now.
   * @returns true when the trial should be pruned.
   */
  prune(study: StudyView, trial: FrozenTrial): boolean;
}
