import { PercentilePruner, type PercentilePrunerOptions } from './percentile.js';

/**
 * Prunes a trial whose best intermediate value so far is worse than the median of the COMPLETE
 * trials' values at the same step: `PercentilePruner` at 50 (Optuna's `MedianPruner`).
 *
 * @example
 * ```ts
 * const study = await createStudy({ pruner: new MedianPruner({ nStartupTrials: 5, nWarmupSteps: 10 }) });
 * ```
 */
export class MedianPruner extends PercentilePruner {
  /**
   * @param options - nStartupTrials (5), nWarmupSteps (0), intervalSteps (1), nMinTrials (1).
   * @throws RangeError on a negative count, or a zero `intervalSteps`/`nMinTrials`.
   */
  constructor(options: PercentilePrunerOptions = {}) {
    super(50, options, 'MedianPruner');
  }
}
