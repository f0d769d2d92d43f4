// CSV text → a data set the trainer accepts. Everything here is hostile input: a dropped file may
// have any column names, quoting, empty cells or text where numbers belong, and every problem is
// reported as one sentence naming the row and column (never silently skipped).
import type { DatasetInput, Task } from 'bonito/tfjs';

/** A parsed CSV: a header and rows of raw cell text (all rows as long as the header). */
export interface CsvTable {
  readonly columns: readonly string[];
  readonly rows: readonly (readonly string[])[];
}

/**
 * Parses RFC 4180 CSV (comma separated, `"` quoting with `""` escapes, CRLF or LF line ends).
 * The first row is the header; blank lines are skipped.
 * @throws Error naming the line when a row's cell count differs from the header's or a quote is unclosed.
 */
export function parseCsv(text: string): CsvTable {
  const records = splitRecords(text.replace(/^\uFEFF/, ''));
  if (records.length < 2) throw new Error(`CSV: the file must have a header and at least one row but got ${records.length} line(s).`);
  const [columns, ...rows] = records;
  rows.forEach((row, i) => {
    if (row.length !== columns.length)
      throw new Error(`CSV: row ${i + 1} must have ${columns.length} cells (as the header) but has ${row.length}.`);
  });
  const seen = new Set<string>();
  for (const c of columns) {
    if (seen.has(c)) throw new Error(`CSV: column names must be unique but ${JSON.stringify(c)} appears twice.`);
    seen.add(c);
  }
  return { columns, rows };
}

function splitRecords(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else {
        if (ch === '\n') line++;
        cell += ch;
      }
    } else if (ch === '"' && cell === '') quoted = true;
    else if (ch === ',') {
      record.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      line++;
      record.push(cell);
      if (record.length > 1 || record[0] !== '') records.push(record);
      record = [];
      cell = '';
    } else cell += ch;
  }
  if (quoted) throw new Error(`CSV: a quoted cell opened before line ${line} is never closed.`);
  record.push(cell);
  if (record.length > 1 || record[0] !== '') records.push(record);
  return records;
}

/**
 * The table as a data set: `target` is predicted from every other column, which must hold
 * numbers. Classification targets are class names (any text), mapped to indices in order of
 * first appearance; regression targets must be numbers.
 * @throws Error naming the row and column of the first cell that is not a number, or a target
 *   with fewer than 2 classes.
 */
export function tableDataset(table: CsvTable, target: string, task: Task, name = 'csv'): DatasetInput {
  const t = table.columns.indexOf(target);
  if (t < 0) throw new Error(`CSV: \`target\` must be one of the columns but got ${JSON.stringify(target)}.`);
  const features = table.columns.filter((_, j) => j !== t);
  if (features.length === 0) throw new Error('CSV: the file must have at least one feature column besides the target.');
  const x = new Float64Array(table.rows.length * features.length);
  const y = new Float64Array(table.rows.length);
  const classNames: string[] = [];
  const classIndex = new Map<string, number>();
  table.rows.forEach((row, i) => {
    let k = 0;
    row.forEach((cell, j) => {
      if (j === t) return;
      x[i * features.length + k++] = numberCell(cell, i, table.columns[j]);
    });
    const label = row[t].trim();
    if (task === 'regression') y[i] = numberCell(label, i, target);
    else {
      if (!classIndex.has(label)) {
        classIndex.set(label, classNames.length);
        classNames.push(label);
      }
      y[i] = classIndex.get(label) as number;
    }
  });
  if (task === 'classification' && classNames.length < 2)
    throw new Error(`CSV: a classification target must have at least 2 classes but ${JSON.stringify(target)} has ${classNames.length}.`);
  return { name, task, x, y, featureNames: features, classNames: task === 'classification' ? classNames : undefined, targetName: target };
}

function numberCell(cell: string, row: number, column: string): number {
  const text = cell.trim();
  const value = text === '' ? Number.NaN : Number(text);
  if (!Number.isFinite(value))
    throw new Error(`CSV: column ${JSON.stringify(column)} must hold numbers but row ${row + 1} has ${JSON.stringify(cell.slice(0, 40))}.`);
  return value;
}
