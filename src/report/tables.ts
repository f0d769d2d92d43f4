// The tables of a study report as plain data, for any page or terminal to lay out.
import { paretoFrontIndices, totalViolation } from '../pareto/index.js';
import { TRIAL_STATES, directionSign, type TrialState, type Direction } from '../trial/index.js';
import { rankTrials, reportData, type ReportData, type ReportSource, type ReportTrial } from './trials.js';
import { checkPositiveInteger } from '../validate.js';

/** One row of the top-trials table. */
export interface ReportTrialRow {
  readonly number: number;
  /** The (first) objective's value. */
  readonly value: number;
  /** Every objective's value. */
  readonly values: readonly number[];
  readonly params: Readonly<Record<string, unknown>>;
}

/** The tables of a study report. */
export interface StudyReportTables {
  readonly name: string;
  readonly direction: Direction;
  readonly directions: readonly Direction[];
  /** Number of trials in each state (every state present, zeros included). */
  readonly counts: Readonly<Record<TrialState, number>>;
  readonly total: number;
  /** The best COMPLETE trial (ties: the lowest number), or null when none completed or the study has several objectives. */
  readonly best: ReportTrialRow | null;
  /** COMPLETE trials, best first, at most `top`; for several objectives, the Pareto front's (feasible) trials in number order. */
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
  const several = data.directions.length > 1;
  const chosen = several ? frontTrials(data).slice(0, top) : rankTrials(data.direction, data.trials, top);
  const ranked = chosen.map((t) => ({
    number: t.number,
    value: t.value as number,
    values: t.values ?? [t.value as number],
    params: t.params,
  }));
  const shown = new Set(ranked.flatMap((t) => Object.keys(t.params)));
  const paramNames = [...new Set(data.trials.flatMap((t) => Object.keys(t.params)))].filter((n) => shown.has(n));
  const best = several ? null : (ranked[0] ?? null);
  return {
    name: data.name,
    direction: data.direction,
    directions: data.directions,
    counts,
    total: data.trials.length,
    best,
    top: ranked,
    paramNames,
  };
}

function frontTrials(data: ReportData): ReportTrial[] {
  const m = data.directions.length;
  const feasible = data.trials.filter(
    (t) =>
      t.state === 'COMPLETE' &&
      t.values !== null &&
      t.values.length === m &&
      !t.values.some(Number.isNaN) &&
      (t.constraints === null || totalViolation(t.constraints) === 0),
  );
  const signs = data.directions.map(directionSign);
  return paretoFrontIndices(feasible.map((t) => signs.map((s, k) => s * (t.values as number[])[k]))).map((i) => feasible[i]);
}
