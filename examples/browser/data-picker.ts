// Choosing the data set: the Iris rows bonito ships, or a CSV a person drops on the page or picks
// with the file chooser, with its target column and task. Column names go into <option>s through
// textContent and are referred to by index, so a name like `<img onerror=…>` stays text.
import type { Task } from 'bonito/tfjs';
import { parseCsv, tableDataset, type CsvTable } from './csv.js';
import type { DataSource } from './protocol.js';

/** The data set to tune on, and the study that belongs to it. */
export interface DataChoice {
  data: DataSource;
  task: Task;
  /** One study per data set, target and task, so a reload (and a re-dropped file) resumes it. */
  studyName: string;
  label: string;
}

interface Elements {
  iris: HTMLInputElement;
  csv: HTMLInputElement;
  file: HTMLInputElement;
  drop: HTMLElement;
  target: HTMLSelectElement;
  task: HTMLSelectElement;
}

let table: { csv: CsvTable; fileName: string } | null = null;

/**
 * Wires the picker. `onChange` runs when the choice changes; `onError` gets a sentence when a
 * dropped file cannot be used.
 */
export function wireDataPicker(el: Elements, onChange: () => void, onError: (message: string) => void): void {
  const load = async (file: File) => {
    try {
      table = { csv: parseCsv(await file.text()), fileName: file.name };
    } catch (error) {
      table = null;
      onError((error as Error).message);
      return;
    }
    fillTargets(el.target, table.csv);
    el.csv.checked = true;
    onChange();
  };
  el.file.onchange = () => el.file.files?.[0] && load(el.file.files[0]);
  el.drop.ondragover = (e) => e.preventDefault();
  el.drop.ondrop = (e) => {
    e.preventDefault();
    const file = e.dataTransfer?.files[0];
    if (file) void load(file);
  };
  for (const input of [el.iris, el.csv, el.target, el.task]) input.onchange = onChange;
}

function fillTargets(select: HTMLSelectElement, csv: CsvTable): void {
  select.replaceChildren(
    ...csv.columns.map((name, i) => {
      const option = document.createElement('option');
      option.value = String(i);
      option.textContent = name;
      return option;
    }),
  );
  select.selectedIndex = csv.columns.length - 1; // the last column is the usual place for a label
}

/** The current choice. @throws Error (one sentence) when the CSV cannot be a data set. */
export function currentChoice(el: Elements): DataChoice {
  if (!el.csv.checked || table === null) {
    return { data: { kind: 'iris' }, task: 'classification', studyName: 'mlp-iris', label: 'Iris (bundled)' };
  }
  const target = table.csv.columns[Number(el.target.value)];
  const task = el.task.value === 'regression' ? 'regression' : 'classification';
  const input = tableDataset(table.csv, target, task, table.fileName);
  return {
    data: { kind: 'table', input },
    task,
    studyName: `mlp-${table.fileName}-${target}-${task}`,
    label: `${table.fileName}, target ${JSON.stringify(target)} (${task})`,
  };
}
