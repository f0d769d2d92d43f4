// Plain-text summaries of a study for the terminal: counts, the top trials, the best parameters.
import type { ParamValue } from '../../space/distributions.js';
import type { FrozenTrial, Direction } from '../../trial/index.js';
import { rankTrials } from '../../report/trials.js';

/** What a report needs of a study. @internal */
export interface ReportStudy {
  readonly name: string;
  readonly direction: Direction;
  readonly trials: readonly FrozenTrial[];
  readonly bestTrial: FrozenTrial | undefined;
}

/** A number for a table cell: integers as they are, others to 6 significant digits. @internal */
export function formatNumber(v: number): string {
  if (Number.isInteger(v) && Math.abs(v) < 1e15) return String(v);
  if (!Number.isFinite(v)) return String(v);
  const text = v.toPrecision(6);
  // toPrecision pads with zeros (0.500000); they say nothing here.
  return text.includes('e') ? text.replace(/\.?0+e/, 'e') : text.replace(/\.?0+$/, '');
}

/** A parameter value for a table cell. @internal */
export function formatParam(v: ParamValue | undefined): string {
  if (v === undefined) return '';
  if (typeof v === 'number') return formatNumber(v);
  return String(v);
}

/** "12 trials: 10 complete, 1 pruned, 1 failed" (and running/waiting when there are any). @internal */
export function countLine(trials: readonly FrozenTrial[]): string {
  const count = (s: FrozenTrial['state']) => trials.filter((t) => t.state === s).length;
  const parts = [`${count('COMPLETE')} complete`, `${count('PRUNED')} pruned`, `${count('FAIL')} failed`];
  if (count('RUNNING') > 0) parts.push(`${count('RUNNING')} running`);
  if (count('WAITING') > 0) parts.push(`${count('WAITING')} waiting`);
  return `${trials.length} trial${trials.length === 1 ? '' : 's'}: ${parts.join(', ')}`;
}

/** Seconds between start and completion, or ''. */
function duration(t: FrozenTrial): string {
  if (t.datetimeStart === null || t.datetimeComplete === null) return '';
  return `${((t.datetimeComplete.getTime() - t.datetimeStart.getTime()) / 1000).toFixed(1)} s`;
}

/** Left-aligned text columns, right-aligned numbers, two spaces apart. @internal */
export function formatTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const numeric = header.map((_, i) => rows.length > 0 && rows.every((r) => r[i] === '' || /^-?[\d.]+(e[-+]?\d+)?( s)?$/.test(r[i])));
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => (numeric[i] ? c.padStart(widths[i]) : c.padEnd(widths[i])))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

/**
 * The COMPLETE trials ranked best first (ties by trial number), at most `top`.
 * @internal
 */
export function topTrials(study: Pick<ReportStudy, 'direction' | 'trials'>, top: number): FrozenTrial[] {
  return rankTrials(study.direction, study.trials, top);
}

/**
 * The study summary printed after `bonito tune` and by `bonito show`: counts, a table of the top
 * trials with their parameters, then the best value and parameters.
 * @internal
 */
export function studyReport(study: ReportStudy, top: number): string {
  const out = [`Study "${study.name}" (${study.direction}): ${countLine(study.trials)}`];
  const best = topTrials(study, top);
  if (best.length === 0) {
    out.push('', 'No trial has completed yet.');
    return out.join('\n');
  }
  // Columns in the order the study first met each parameter, so conditional ones sit in place.
  const shown = new Set(best.flatMap((t) => Object.keys(t.params)));
  const names = [...new Set(study.trials.flatMap((t) => Object.keys(t.params)))].filter((n) => shown.has(n));
  const rows = best.map((t, i) => [
    String(i + 1),
    String(t.number),
    formatNumber(t.value as number),
    duration(t),
    ...names.map((n) => formatParam(t.params[n])),
  ]);
  out.push(
    '',
    `Top ${best.length} trial${best.length === 1 ? '' : 's'}:`,
    formatTable(['rank', 'trial', 'value', 'duration', ...names], rows),
  );
  const winner = study.bestTrial as FrozenTrial;
  out.push('', `Best value: ${formatNumber(winner.value as number)} (trial ${winner.number})`, 'Best parameters:');
  const width = Math.max(...Object.keys(winner.params).map((n) => n.length));
  // Full precision here, so the values can be copied.
  for (const [name, value] of Object.entries(winner.params)) out.push(`  ${name.padEnd(width)}  ${String(value)}`);
  return out.join('\n');
}
