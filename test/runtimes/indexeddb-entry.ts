// What the IndexedDB journal tests load in Chromium, bundled: the core, bonito/browser, and the
// study both sides run (Node imports the same functions, so the two run identical code).
import { GPSampler, type Study, type Trial } from '../../src/index.js';
import { IndexedDBJournal } from '../../src/browser/index.js';
import { parsePythonJson, stringifyPythonJson } from '../../src/storage/python-json.js';
import type { JournalRecord } from '../../src/storage/records.js';

export { init, createStudy, loadStudy, InMemoryJournal } from '../../src/index.js';
export { IndexedDBJournal, journalJsonl, downloadJournal } from '../../src/browser/index.js';

export const STUDY = 'quadratic';
export const SEED = 2026;
export const sampler = (): GPSampler => new GPSampler({ nStartupTrials: 4 });

/** Plain arithmetic only, so Node and Chromium agree to the bit. */
export function objective(t: Trial): number {
  const x = t.suggestFloat('x', -3, 3);
  const y = t.suggestFloat('y', -3, 3);
  const k = t.suggestInt('k', 1, 5);
  return (x - 1) * (x - 1) + (y + 0.5) * (y + 0.5) * k + (k === 3 ? 0 : 0.25);
}

export interface TrialSummary {
  number: number;
  state: string;
  params: Record<string, unknown>;
  value: number | null;
}
export const summary = (study: Study): TrialSummary[] =>
  study.trials.map((t) => ({ number: t.number, state: t.state, params: { ...t.params }, value: t.value }));

// The contract suite runs in Node against a journal that lives in the page: records cross as
// Python-flavoured JSON lines, so NaN and ±Infinity survive the trip through Playwright.
const journals = new Map<string, IndexedDBJournal>();
const journal = (database: string): IndexedDBJournal => {
  const known = journals.get(database);
  if (known !== undefined) return known;
  const j = new IndexedDBJournal({ database });
  journals.set(database, j);
  return j;
};
export async function appendLines(database: string, lines: string[]): Promise<void> {
  await journal(database).appendLogs(lines.map((l) => parsePythonJson(l) as JournalRecord));
}
export async function readLines(database: string, from: number): Promise<string[]> {
  return (await journal(database).readLogs(from)).map((r) => stringifyPythonJson(r));
}

/**
 * Appends `batches` batches of three records each as `writer`, one of `writers` writers in lock
 * step: batch `i` waits until the log holds every writer's batches before `i`, so in each round
 * all writers append at about the same time, from whatever page or worker they run in.
 */
export async function appendBatches(database: string, writer: string, batches: number, writers: number): Promise<void> {
  const j = new IndexedDBJournal({ database });
  for (let batch = 0; batch < batches; batch++) {
    const deadline = Date.now() + 20_000;
    while ((await j.readLogs(0)).length < 3 * writers * batch) {
      if (Date.now() > deadline) throw new Error(`appendBatches: ${writer} waited 20 s for round ${batch}.`);
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    await j.appendLogs(
      [0, 1, 2].map((part) => ({ op_code: 2, worker_id: writer, study_id: 0, user_attr: { batch, part } }) as JournalRecord),
    );
  }
  await j.close();
}

/** The raw keys of a journal's object store (positions must be exactly 0..n-1). */
export async function rawKeys(database: string): Promise<unknown[]> {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open(database);
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const db = open.result;
      const request = db.transaction('records', 'readonly').objectStore('records').getAllKeys();
      request.onerror = () => reject(request.error);
      request.onsuccess = () => {
        db.close();
        resolve(request.result);
      };
    };
  });
}
