import type { JournalBackend } from '../storage/base.js';
import { stringifyPythonJson } from '../storage/python-json.js';
import { UNREADABLE_OP } from '../storage/records.js';
import { StorageError } from '../errors.js';
import { badInput } from '../validate.js';

/** A backend that can give its stored lines as they are (`IndexedDBJournal`). */
interface JsonlSource {
  jsonl(): Promise<string>;
}
const hasJsonl = (journal: unknown): journal is JsonlSource => typeof (journal as Partial<JsonlSource>).jsonl === 'function';

/**
 * Any journal as the JSONL text of a file journal (one record per line, each ending in `\n`),
 * which `JournalFileBackend`, `bonito show` and Optuna's `JournalFileStorage` open. An
 * `IndexedDBJournal` gives its lines exactly as stored; other backends are serialised here.
 * @throws StorageError when the journal holds an entry that is not a record (its text is lost,
 *   and leaving it out would shift every later id).
 * @example
 * ```ts
 * const text = await journalJsonl(new IndexedDBJournal({ database: 'my-tuning' }));
 * ```
 */
export async function journalJsonl(journal: JournalBackend): Promise<string> {
  if (typeof journal !== 'object' || journal === null || typeof journal.readLogs !== 'function') {
    throw new TypeError(badInput('journalJsonl', 'journal', 'must be a JournalBackend', journal));
  }
  if (hasJsonl(journal)) return journal.jsonl();
  const entries = await journal.readLogs(0);
  return entries
    .map((entry, i) => {
      if (entry.op_code === UNREADABLE_OP)
        throw new StorageError(
          `journalJsonl: entry ${i} of the journal is not a record (${'reason' in entry ? entry.reason : 'unreadable'}); its text cannot be written.`,
        );
      return `${stringifyPythonJson(entry)}\n`;
    })
    .join('');
}

/**
 * Saves a journal as a `.jsonl` file through the browser's download (a page with a `document`,
 * not a worker), and returns the text that was saved.
 * @param fileName - the suggested file name. @defaultValue 'journal.jsonl'
 * @example
 * ```ts
 * button.onclick = () => downloadJournal(storage, 'mlp-study.jsonl');
 * ```
 */
export async function downloadJournal(journal: JournalBackend, fileName = 'journal.jsonl'): Promise<string> {
  if (typeof fileName !== 'string' || fileName.length === 0)
    throw new TypeError(badInput('downloadJournal', 'fileName', 'must be a non-empty string', fileName));
  const doc = (globalThis as { document?: Document }).document;
  if (doc === undefined)
    throw new TypeError(badInput('downloadJournal', 'document', 'must exist (call it from a page, or use journalJsonl in a worker)', doc));
  const text = await journalJsonl(journal);
  const url = URL.createObjectURL(new Blob([text], { type: 'application/jsonl' }));
  try {
    const link = doc.createElement('a');
    link.href = url;
    link.download = fileName;
    link.style.display = 'none';
    doc.body.append(link);
    link.click();
    link.remove();
  } finally {
    // The download has taken its copy once click() returned; revoke after this task anyway.
    setTimeout(() => URL.revokeObjectURL(url), 0);
  }
  return text;
}
