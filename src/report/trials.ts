// The two shapes a report reads (live snapshots and `study.toJSON()` data) turned into one, so the
// plots and tables are written once. JSON data may come from a server over the network: it has no
// distributions and spells ±Infinity and NaN as strings.
import type { Distribution } from '../space/distributions.js';
import type { ExportNumber, StudyExport } from '../study/export.js';
import { directionSign, type FrozenTrial, type TrialState, type Direction } from '../trial/index.js';

/** What a report needs of a study: a `Study`, or `{ name, direction, trials }` with FrozenTrials. */
export interface ReportableStudy {
  readonly name: string;
  readonly direction: Direction;
  /** Every objective's direction, for a study of several. */
  readonly directions?: readonly Direction[];
  readonly trials: readonly FrozenTrial[];
}

/** A study to report: live (`Study`, FrozenTrials) or its `study.toJSON()` data. */
export type ReportSource = ReportableStudy | StudyExport;

/** One trial as the report builders read it. @internal */
export interface ReportTrial {
  readonly number: number;
  readonly state: TrialState;
  /** NaN when the export said "NaN"; null when there is no value. */
  readonly value: number | null;
  /** Every objective's value; null when there is none. */
  readonly values: readonly number[] | null;
  /** The trial's `constraints` system attribute, when it has one. */
  readonly constraints: readonly number[] | null;
  readonly params: Readonly<Record<string, unknown>>;
  /** null for exported data, which carries none. */
  readonly distributions: Readonly<Record<string, Distribution>> | null;
  /** (step, value) in step order. */
  readonly steps: readonly (readonly [number, number])[];
}

/** A study as the report builders read it. @internal */
export interface ReportData {
  readonly name: string;
  readonly direction: Direction;
  readonly directions: readonly Direction[];
  readonly trials: readonly ReportTrial[];
}

function exportedNumber(v: ExportNumber): number {
  return typeof v === 'number' ? v : Number(v);
}

function isFrozen(t: FrozenTrial | StudyExport['trials'][number]): t is FrozenTrial {
  return t.intermediateValues instanceof Map;
}

/**
 * Reads `trials` once (a `Study` rebuilds its snapshot on every read) into `ReportData`.
 * @internal
 */
export function reportData(source: ReportSource): ReportData {
  const trials = source.trials.map((t): ReportTrial => {
    const c = t.systemAttrs.constraints;
    const constraints = Array.isArray(c) && c.every((v) => typeof v === 'number') ? (c as number[]) : null;
    if (isFrozen(t)) {
      const steps = [...t.intermediateValues].sort((a, b) => a[0] - b[0]);
      const values = t.values ?? (t.value === null ? null : [t.value]);
      return {
        number: t.number,
        state: t.state,
        value: t.value,
        values,
        constraints,
        params: t.params,
        distributions: t.distributions,
        steps,
      };
    }
    const steps = Object.entries(t.intermediateValues)
      .map(([step, v]) => [Number(step), exportedNumber(v)] as const)
      .sort((a, b) => a[0] - b[0]);
    const value = t.value === null ? null : exportedNumber(t.value);
    const values = t.values === null || t.values === undefined ? (value === null ? null : [value]) : t.values.map(exportedNumber);
    return { number: t.number, state: t.state, value, values, constraints, params: t.params, distributions: null, steps };
  });
  return { name: source.name, direction: source.direction, directions: source.directions ?? [source.direction], trials };
}

/**
 * COMPLETE trials with a value, best first (ties: lower number first), at most `top`.
 * @internal
 */
export function rankTrials<T extends { readonly number: number; readonly state: TrialState; readonly value: number | null }>(
  direction: Direction,
  trials: readonly T[],
  top: number,
): T[] {
  const sign = directionSign(direction);
  return trials
    .filter((t) => t.state === 'COMPLETE' && t.value !== null && !Number.isNaN(t.value))
    .sort((a, b) => sign * ((a.value as number) - (b.value as number)) || a.number - b.number)
    .slice(0, top);
}
