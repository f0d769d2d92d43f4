// The trial table. Parameter names and values come from the study (a CSV's column names end up in
// the study name and attributes), so every cell is set with textContent, never as markup.
import type { FrozenTrial } from 'bonito';

const fmt = (v: unknown): string => {
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : v.toPrecision(4);
  return v === null || v === undefined ? '' : String(v);
};

/** Replaces `table`'s content with one row per trial, newest first. */
export function drawTable(table: HTMLTableElement, trials: readonly FrozenTrial[]): void {
  const names = [...new Set(trials.flatMap((t) => Object.keys(t.params)))].sort();
  const head = ['#', 'state', 'value', 'steps reported', 'seconds', ...names];
  const row = (cells: string[], tag: 'th' | 'td') => {
    const tr = document.createElement('tr');
    for (const text of cells) {
      const cell = document.createElement(tag);
      cell.textContent = text;
      tr.append(cell);
    }
    return tr;
  };
  const thead = document.createElement('thead');
  thead.append(row(head, 'th'));
  const tbody = document.createElement('tbody');
  for (const t of [...trials].reverse()) {
    const end = t.datetimeComplete ?? null;
    const seconds = end && t.datetimeStart ? ((end.getTime() - t.datetimeStart.getTime()) / 1000).toFixed(1) : '';
    const tr = row(
      [String(t.number), t.state, fmt(t.value), String(t.intermediateValues.size), seconds, ...names.map((n) => fmt(t.params[n]))],
      'td',
    );
    tr.dataset.state = t.state;
    tbody.append(tr);
  }
  table.replaceChildren(thead, tbody);
}
