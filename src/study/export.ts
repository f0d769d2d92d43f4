import type { FrozenTrial, TrialState } from '../trial/index.js';

/** A number in exported JSON: finite as is, else "Infinity", "-Infinity" or "NaN" (JSON has no such numbers). */
export type ExportNumber = number | 'Infinity' | '-Infinity' | 'NaN';

/** One trial in `study.toJSON()`. */
export interface TrialExport {
  readonly number: number;
  readonly state: TrialState;
  readonly value: ExportNumber | null;
  /** Every objective's value (several objectives); null when `value` is. */
  readonly values: readonly ExportNumber[] | null;
  readonly params: Readonly<Record<string, unknown>>;
  /** step -> value. */
  readonly intermediateValues: Readonly<Record<string, ExportNumber>>;
  readonly userAttrs: Readonly<Record<string, unknown>>;
  readonly systemAttrs: Readonly<Record<string, unknown>>;
  /** ISO 8601 in UTC, or null. */
  readonly datetimeStart: string | null;
  readonly datetimeComplete: string | null;
  readonly durationMs: number | null;
}

/** `study.toJSON()`: plain data, safe for `JSON.stringify`. */
export interface StudyExport {
  readonly name: string;
  /** The (first) objective's direction. */
  readonly direction: 'minimize' | 'maximize';
  /** Every objective's direction. */
  readonly directions: readonly ('minimize' | 'maximize')[];
  /** The study seed as a decimal string (it may exceed 2^53). */
  readonly seed: string;
  readonly trials: readonly TrialExport[];
}

/** @internal */
export function exportNumber(v: number): ExportNumber {
  if (Number.isFinite(v)) return v;
  return Number.isNaN(v) ? 'NaN' : v > 0 ? 'Infinity' : '-Infinity';
}

/** @internal */
export function trialToExport(t: FrozenTrial): TrialExport {
  const intermediate: Record<string, ExportNumber> = {};
  for (const [step, v] of [...t.intermediateValues].sort((a, b) => a[0] - b[0])) intermediate[step] = exportNumber(v);
  const start = t.datetimeStart?.getTime() ?? null;
  const end = t.datetimeComplete?.getTime() ?? null;
  return {
    number: t.number,
    state: t.state,
    value: t.value === null ? null : exportNumber(t.value),
    values: t.values === null ? null : t.values.map(exportNumber),
    params: { ...t.params },
    intermediateValues: intermediate,
    userAttrs: { ...t.userAttrs },
    systemAttrs: { ...t.systemAttrs },
    datetimeStart: t.datetimeStart?.toISOString() ?? null,
    datetimeComplete: t.datetimeComplete?.toISOString() ?? null,
    durationMs: start !== null && end !== null ? end - start : null,
  };
}

/**
 * Trials as CSV (RFC 4180), one row each, with the columns of Optuna's `trials_dataframe`:
 * number, state, value (or values_0, values_1, ... for several objectives), datetime_start, datetime_complete, duration_ms, then `params_<name>` and
 * `user_attrs_<key>` for every name used by any trial (sorted). Absent values are empty cells; a
 * null choice or attribute is written `null`, objects as JSON. Text a spreadsheet would run as a
 * formula (starting with `=`, `+`, `-`, `@`, tab or CR) is prefixed with `'`; numbers never are.
 * @internal
 */
export function trialsToCsv(trials: readonly FrozenTrial[], objectives = 1): string {
  const paramNames = [...new Set(trials.flatMap((t) => Object.keys(t.params)))].sort();
  const attrNames = [...new Set(trials.flatMap((t) => Object.keys(t.userAttrs)))].sort();
  const header = [
    'number',
    'state',
    ...(objectives === 1 ? ['value'] : Array.from({ length: objectives }, (_, k) => `values_${k}`)),
    'datetime_start',
    'datetime_complete',
    'duration_ms',
    ...paramNames.map((n) => `params_${n}`),
    ...attrNames.map((n) => `user_attrs_${n}`),
  ];
  const rows = trials.map((t) => {
    const e = trialToExport(t);
    return [
      e.number,
      e.state,
      ...(objectives === 1 ? [e.value ?? undefined] : Array.from({ length: objectives }, (_, k) => e.values?.[k])),
      e.datetimeStart ?? undefined,
      e.datetimeComplete ?? undefined,
      e.durationMs ?? undefined,
      ...paramNames.map((n) => (Object.hasOwn(t.params, n) ? t.params[n] : undefined)),
      ...attrNames.map((n) => t.userAttrs[n]),
    ];
  });
  return `${[header, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

function csvCell(v: unknown): string {
  if (v === undefined) return '';
  const text = v === null ? 'null' : typeof v === 'object' ? JSON.stringify(v) : String(v);
  // OWASP's CSV-injection advice: a spreadsheet runs text starting with = + - @ tab or CR as a
  // formula, so such text gets a leading '. A number is data, never a formula: -3 stays -3.
  const safe = typeof v !== 'number' && /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
