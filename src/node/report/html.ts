// One self-contained HTML page per study: inline SVG plots, inline CSS, tables. No script and no
// external resource, so it opens anywhere (a CI artifact, an e-mail attachment, offline).
import { writeFile } from 'node:fs/promises';
import { importanceSpec } from '../../report/importance.js';
import { studyPlotSpecs } from '../../report/specs.js';
import { studyReportTables, type StudyReportTables } from '../../report/tables.js';
import type { ReportSource } from '../../report/trials.js';
import type { ParamValue } from '../../space/distributions.js';
import { formatNumber, formatParam } from '../cli/report.js';
import { renderSvg } from './render-svg.js';
import { checkPositiveInteger } from '../../validate.js';

/** Options of `studyReportHtml` and `writeStudyReport`. */
export interface StudyReportOptions {
  /** Rows of the top-trials table. @defaultValue 10 */
  top?: number;
}

const STYLE = `body{font:14px/1.4 system-ui,sans-serif;margin:2em auto;max-width:60em;color:#222}
table{border-collapse:collapse;margin:1em 0}td,th{border-bottom:1px solid #ddd;padding:.25em .75em;text-align:right}
th{background:#f4f4f4}td:first-child,th:first-child{text-align:left}.plots{display:flex;flex-wrap:wrap;gap:1em}
h1{font-size:1.5em}h2{font-size:1.2em;margin-top:2em}.muted{color:#666}`;

/** Text safe inside HTML elements and attribute values. @internal */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function tableHtml(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const cells = (tag: string, row: readonly string[]) => `<tr>${row.map((c) => `<${tag}>${escapeHtml(c)}</${tag}>`).join('')}</tr>`;
  return `<table>${cells('th', header)}${rows.map((r) => cells('td', r)).join('')}</table>`;
}

/** "12 trials: 10 complete, 1 pruned, 1 failed" (running and waiting only when there are any). */
function countText(tables: StudyReportTables): string {
  const { counts, total } = tables;
  const parts = [`${counts.COMPLETE} complete`, `${counts.PRUNED} pruned`, `${counts.FAIL} failed`];
  if (counts.RUNNING > 0) parts.push(`${counts.RUNNING} running`);
  if (counts.WAITING > 0) parts.push(`${counts.WAITING} waiting`);
  return `${total} trial${total === 1 ? '' : 's'}: ${parts.join(', ')}`;
}

const cell = (v: unknown) => formatParam(v as ParamValue | undefined);

/**
 * The study report as one HTML page: counts by state, the best value and parameters, the top
 * trials, the plots of `studyPlotSpecs` and the parameter importances of `importanceSpec`
 * (fANOVA, when at least two trials completed) rendered to inline SVG.
 * @param study - a `Study`, `{ name, direction, trials }`, or `study.toJSON()` data.
 * @param options - `top`.
 * @returns the HTML text.
 * @throws RangeError when `top` is not a positive integer.
 * @example
 * ```ts
 * const html = await studyReportHtml(study, { top: 5 });
 * ```
 */
export async function studyReportHtml(study: ReportSource, options: StudyReportOptions = {}): Promise<string> {
  const top = options.top ?? 10;
  checkPositiveInteger('studyReportHtml', 'top', top);
  // A snapshot: a Study's `trials` is a getter that replays the journal on every read.
  const snapshot = { name: study.name, direction: study.direction, directions: study.directions, trials: study.trials } as ReportSource;
  const plots = studyPlotSpecs(snapshot);
  const tables = studyReportTables(snapshot, top);
  const importances = importanceSpec(snapshot);
  const { best, top: ranked, paramNames: names } = tables;
  const parts = [
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(study.name)} — bonito study report</title><style>${STYLE}</style></head><body>`,
    `<h1>Study “${escapeHtml(study.name)}”</h1>`,
    `<p>${escapeHtml(`Direction${tables.directions.length > 1 ? 's' : ''}: ${tables.directions.join(', ')}. ${countText(tables)}.`)}</p>`,
  ];
  if (tables.directions.length > 1) {
    const heads = tables.directions.map((d, k) => `objective ${k} (${d})`);
    parts.push(
      `<h2>Pareto front: ${ranked.length} trial${ranked.length === 1 ? '' : 's'}</h2>`,
      ranked.length === 0
        ? '<p class="muted">No feasible trial has completed yet.</p>'
        : tableHtml(
            ['trial', ...heads, ...names],
            ranked.map((t) => [String(t.number), ...t.values.map(formatNumber), ...names.map((n) => cell(t.params[n]))]),
          ),
    );
  } else if (best === null) {
    parts.push('<p class="muted">No trial has completed yet.</p>');
  } else {
    parts.push(
      `<h2>Best trial: #${best.number}, value ${escapeHtml(formatNumber(best.value))}</h2>`,
      tableHtml(
        ['parameter', 'value'],
        Object.entries(best.params).map(([k, v]) => [k, cell(v)]),
      ),
      `<h2>Top ${ranked.length} trial${ranked.length === 1 ? '' : 's'}</h2>`,
      tableHtml(
        ['trial', 'value', ...names],
        ranked.map((t) => [String(t.number), formatNumber(t.value), ...names.map((n) => cell(t.params[n]))]),
      ),
    );
  }
  parts.push('<h2>Optimization history</h2>', await renderSvg(plots.history));
  if (importances !== null) parts.push('<h2>Parameter importances</h2>', await renderSvg(importances));
  if (plots.slices.length > 0) {
    const slices = await Promise.all(plots.slices.map((s) => renderSvg(s.spec)));
    parts.push('<h2>Parameters</h2>', `<div class="plots">${slices.join('')}</div>`);
  }
  if (plots.curves !== null) parts.push('<h2>Learning curves</h2>', await renderSvg(plots.curves));
  if (plots.pareto !== null) parts.push('<h2>Pareto front</h2>', await renderSvg(plots.pareto));
  if (plots.parallel !== null) parts.push('<h2>Parallel coordinates</h2>', await renderSvg(plots.parallel));
  parts.push(`<p class="muted">Made by bonito on ${new Date().toISOString().slice(0, 10)}.</p></body></html>`);
  return `${parts.join('\n')}\n`;
}

/**
 * Writes `studyReportHtml(study)` to `path`.
 * @param study - a `Study`, `{ name, direction, trials }`, or `study.toJSON()` data.
 * @param path - the HTML file to write.
 * @param options - `top`.
 * @example
 * ```ts
 * await writeStudyReport(study, 'report.html');
 * ```
 */
export async function writeStudyReport(study: ReportSource, path: string, options: StudyReportOptions = {}): Promise<void> {
  await writeFile(path, await studyReportHtml(study, options));
}
