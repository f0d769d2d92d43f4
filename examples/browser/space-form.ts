// The search-space editor: one row per editable entry (low, high, log), built from `FIELDS`.
import { checkSpace, FIELDS, type AppSpace } from './space.js';

/** Fills `table` with the editor rows at the app's defaults. */
export function buildSpaceForm(table: HTMLTableElement): void {
  const head = document.createElement('tr');
  for (const text of ['parameter', 'low', 'high', 'log']) {
    const th = document.createElement('th');
    th.textContent = text;
    head.append(th);
  }
  table.replaceChildren(head);
  for (const f of FIELDS) {
    const tr = document.createElement('tr');
    const label = document.createElement('td');
    label.textContent = f.label;
    label.title = `study parameter ${f.param}; equal bounds fix it`;
    tr.append(label);
    for (const [bound, value] of [
      ['low', f.low],
      ['high', f.high],
    ] as const) {
      const input = Object.assign(document.createElement('input'), { type: 'number', id: `${f.key}-${bound}`, value: String(value) });
      input.step = 'any';
      tr.append(cell(input));
    }
    tr.append(cell(Object.assign(document.createElement('input'), { type: 'checkbox', id: `${f.key}-log`, checked: f.log })));
    table.append(tr);
  }
}

function cell(child: HTMLElement): HTMLTableCellElement {
  const td = document.createElement('td');
  td.append(child);
  return td;
}

/** The space the form shows. @throws Error naming the entry when it is not a valid space. */
export function readSpaceForm(): AppSpace {
  const input = (id: string) => document.getElementById(id) as HTMLInputElement;
  const space = {} as AppSpace;
  for (const f of FIELDS) {
    const num = (bound: string) => {
      const text = input(`${f.key}-${bound}`).value.trim();
      return text === '' ? Number.NaN : Number(text);
    };
    space[f.key] = { low: num('low'), high: num('high'), log: input(`${f.key}-log`).checked };
  }
  return checkSpace(space);
}
