import type { FrozenTrial } from './frozen-trial.js';

/**
 * The largest step a trial reported (`trial.report(value, step)`), or -1 before any report.
 * Steps may be reported out of order, so this is a maximum, not the last insertion.
 */
export function lastReportedStep(trial: Pick<FrozenTrial, 'intermediateValues'>): number {
  let last = -1;
  for (const step of trial.intermediateValues.keys()) if (step > last) last = step;
  return last;
}

/** The value reported at {@link lastReportedStep} (NaN included), or undefined before any report. */
export function lastReportedValue(trial: Pick<FrozenTrial, 'intermediateValues'>): number | undefined {
  const step = lastReportedStep(trial);
  return step < 0 ? undefined : trial.intermediateValues.get(step);
}
