// The tables of a study report as plain data, for any page or terminal to lay out.
import { TRIAL_STATES, type TrialState, type Direction } from '../trial/index.js';
import { rankTrials, reportData, type ReportSource } from './trials.js';
import { checkPositiveInteger } from '../validate.js';

/** One row of the top-trials table. */
export interface ReportTrialRow {
  readonly number: number;
  readonly value: number;
  readonly params: Readonly<Record<string, unknown>>;
}

/** The tables of a study report. */
export interface StudyReportTables {
  readonly name: string;
  readonly direction: Direction;
  /** Number of trials in each state (every state present, zeros included). */
  readonly counts: Readonly<Record<TrialState, number>>;
  readonly total: number;
  /** The best COMPLETE trial (ties: the lowest number), or null when none completed. */
  readonly best: ReportTrialRow | null;
  /** COMPLETE trials, best first, at most `top`. */
  readonly top: readonly ReportTrialRow[];
  /** Parameter columns of `top`, in the order the study first met them. */
  readonly paramNames: readonly string[];
}

/**
 * The report's tables as data: counts by state, the best trial and its parameters, the top trials.
 *
 * @param study - a `Study`, `{ name, direction, trials }`, or `study.toJSON()` data.
 * @param top - rows of the top-trials table (default 10).
 * @returns the tables; `best` is null (and `top` empty) when no trial completed.
 * @throws RangeError when `top` is not a positive integer.
 * @example
 * ```ts
 * const { counts, best, top } = studyReportTables(study, 5);
 * console.log(counts.COMPLETE, best?.params, top.map((t) => t.value));
 * ```
 */
export function studyReportTables(study: ReportSource, top = 10): StudyReportTables {
  checkPositiveInteger('studyReportTables', 'top', top);
  const data = reportData(study);
  const counts = Object.fromEntries(TRIAL_STATES.map((s) => [s, 0])) as Record<TrialState, number>;
  for (const t of data.trials) counts[t.state] += 1;
  const ranked = rankTrials(data.direction, data.trials, top).map((t) => ({ number: t.number, value: t.value as number, params: t.params }));
  const shown = new Set(ranked.flatMap((t) => Object.keys(t.params)));
  const paramNames = [...new Set(data.trials.flatMap((t) => Object.keys(t.params)))].filter((n) => shown.has(n));
  return { name: data.name, direction: data.direction, counts, total: data.trials.length, best: ranked[0] ?? null, top: ranked, paramNames };
}
