import type { ParamValue } from '../space/distributions.js';
import type { Direction } from './direction.js';
import type { FrozenTrial } from './frozen-trial.js';
import type { TrialState } from './state.js';

/**
 * What a sampler may see of a study: read-only and synchronous, so a sampler is a pure function
 * of (space, trials, seed, trial number).
 */
export interface StudyView {
  /** The direction of the (first) objective. */
  readonly direction: Direction;
  /** Optional: the direction of every objective, when the study has several; `[direction]` otherwise. */
  readonly directions?: readonly Direction[];
  /** The study seed: samplers derive every random stream from it and the trial number. */
  readonly seed: bigint;
  /** Trials in number order, optionally filtered by state (a snapshot; do not mutate). */
  getTrials(states?: readonly TrialState[]): readonly FrozenTrial[];
  /** Warns once per study per key; the message says how to silence it. */
  warnOnce(key: string, message: string): void;
  /**
   * Optional: the relative sample a RUNNING trial of this process was given at `ask()` (values it
   * will use but may not have recorded through `suggest*` yet). Samplers that handle pending
   * points merge it under the trial's recorded params, so trials asked back to back are not
   * blind to each other. Without it, samplers see the recorded params only.
   */
  relativeParamsOf?(trial: FrozenTrial): Readonly<Record<string, ParamValue>> | undefined;
  /**
   * Optional: records a system attribute (plain JSON data) on the RUNNING trial being sampled,
   * in the journal, so it replays after a restart. Samplers keep derived state there (the GP's
   * fitted hyperparameters, its next fit's warm start) instead of in memory, which keeps them
   * pure functions of the journal. Without it, samplers work without such state.
   */
  setTrialSystemAttr?(trial: FrozenTrial, key: string, value: unknown): void;
  /**
   * Optional: reads what other workers appended to the storage since the last read, so that
   * `getTrials` shows it. Samplers that avoid proposing what a running trial already holds check
   * again with it once their proposal is ready.
   */
  refresh?(): Promise<void>;
}
