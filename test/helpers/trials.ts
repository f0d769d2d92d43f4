// Hand-made trials and a study view for pruner and sampler tests that need no journal.
import type { FrozenTrial, TrialState, Direction, StudyView } from '../../src/trial/index.js';

export function frozenTrial(
  number: number,
  state: TrialState,
  curve: readonly (readonly [number, number])[] | readonly number[],
  value: number | null = null,
): FrozenTrial {
  const entries = curve.map((c, i) => (typeof c === 'number' ? ([i, c] as const) : c));
  return {
    number,
    trialId: number,
    state,
    value,
    values: value === null ? null : [value],
    params: {},
    distributions: {},
    intermediateValues: new Map(entries),
    userAttrs: {},
    systemAttrs: {},
    datetimeStart: null,
    datetimeComplete: null,
  };
}

export function studyView(direction: Direction, trials: readonly FrozenTrial[]): StudyView {
  return {
    direction,
    seed: 0n,
    getTrials: (states) => (states === undefined ? trials : trials.filter((t) => states.includes(t.state))),
    warnOnce: () => undefined,
  };
}

/** A learning curve that decays from `start` toward `floor`: floor + (start - floor) / (step + 1). */
export function decay(floor: number, start: number, steps: number): number[] {
  return Array.from({ length: steps }, (_, s) => floor + (start - floor) / (s + 1));
}
