import type { JournalBackend } from '../storage/base.js';
import { parsePythonJson, stringifyPythonJson } from '../storage/python-json.js';
import { unreadableEntry, type JournalRecord, type UnreadableEntry } from '../storage/records.js';
import { StorageError } from '../errors.js';
import { badInput, checkNonNegativeInteger } from '../validate.js';
import { idbRequest, idbTransaction, openJournalDatabase, RECORDS } from './idb.js';

/** Options of {@link IndexedDBJournal}. */
export interface IndexedDBJournalOptions {
  /**
   * The IndexedDB database that holds the journal; every tab and worker of the origin that
   * opens the same name shares the journal. @defaultValue 'bonito-journal'
   */
  database?: string;
  /** The IndexedDB factory to use. @defaultValue `globalThis.indexedDB` */
  indexedDB?: IDBFactory;
}

/**
 * A journal in the browser's IndexedDB, so a study survives a reload and several tabs or Web
 * Workers of one origin can share it (`bonito/browser`).
 *
 * Each record is stored as the line the file journal would write for it (Python-flavoured JSON,
 * so ±Infinity and NaN survive), under its position as the key: record `n` has key `n`.
 * `appendLogs` runs one read-write transaction that reads the last key and adds the batch after
 * it; IndexedDB never runs two read-write transactions over the same store at once, in any tab
 * or worker, so batches land whole, contiguous and densely numbered, and a failed transaction
 * leaves nothing. Transactions ask for `durability: 'strict'` (flushed before they complete).
 * {@link IndexedDBJournal.jsonl} gives the journal as the JSONL text of a file journal, which
 * Optuna's `JournalFileStorage` and `bonito show` open.
 *
 * @example
 * ```ts
 * import { createStudy, loadStudy } from 'bonito';
 * import { IndexedDBJournal } from 'bonito/browser';
 *
 * const storage = new IndexedDBJournal({ database: 'my-tuning' });
 * const study = await createStudy({ name: 'mlp', storage, loadIfExists: true });
 * // after a reload, the same trials:
 * const again = await loadStudy({ name: 'mlp', storage: new IndexedDBJournal({ database: 'my-tuning' }) });
 * ```
 */
export class IndexedDBJournal implements JournalBackend {
  /** The database name. */
  readonly database: string;
  readonly #factory: IDBFactory;
  #db: Promise<IDBDatabase> | null = null;

  constructor(options: IndexedDBJournalOptions = {}) {
    const where = 'IndexedDBJournal';
    if (typeof options !== 'object' || options === null) throw new TypeError(badInput(where, 'options', 'must be an object', options));
    const database = options.database ?? 'bonito-journal';
    if (typeof database !== 'string' || database.length === 0) {
      throw new TypeError(badInput(where, 'database', 'must be a non-empty string', database));
    }
    const factory = options.indexedDB ?? (globalThis as { indexedDB?: IDBFactory }).indexedDB;
    if (factory === undefined || factory === null || typeof factory.open !== 'function') {
      throw new TypeError(badInput(where, 'indexedDB', 'must be an IDBFactory (this runtime has no globalThis.indexedDB)', factory));
    }
    this.database = database;
    this.#factory = factory;
  }

  /**
   * Deletes a journal's database (every study in it), e.g. to start over. Waits while another
   * tab keeps it open without closing on request.
   */
  static async deleteDatabase(database: string, factory: IDBFactory = globalThis.indexedDB): Promise<void> {
    await idbRequest(factory.deleteDatabase(database), `IndexedDBJournal: could not delete database "${database}"`);
  }

  /** Records from position `from` on (see {@link JournalBackend.readLogs}). */
  async readLogs(from: number): Promise<(JournalRecord | UnreadableEntry)[]> {
    checkNonNegativeInteger('IndexedDBJournal.readLogs', 'from', from);
    const lines = await this.#lines(from);
    return lines.map((line) => {
      if (typeof line !== 'string') return unreadableEntry('', 'not a journal line');
      try {
        return parsePythonJson(line) as JournalRecord;
      } catch {
        return unreadableEntry(line, 'not valid JSON');
      }
    });
  }

  /** Appends records in one transaction (see {@link JournalBackend.appendLogs}). */
  async appendLogs(records: readonly JournalRecord[]): Promise<void> {
    // Serialise everything first: a record that is not JSON data fails the call before any write.
    const lines = records.map((r) => stringifyPythonJson(r));
    if (lines.length === 0) return;
    const db = await this.#open();
    const tx = db.transaction(RECORDS, 'readwrite', { durability: 'strict' });
    const done = idbTransaction(tx, `IndexedDBJournal: could not append ${lines.length} record(s) to "${this.database}"`);
    const store = tx.objectStore(RECORDS);
    const last = store.openKeyCursor(null, 'prev');
    // Everything happens in request callbacks, so the transaction stays active between them.
    last.onsuccess = () => {
      const next = last.result === null ? 0 : (last.result.key as number) + 1;
      for (let i = 0; i < lines.length; i++) store.add(lines[i], next + i);
    };
    await done;
  }

  /**
   * The journal as JSONL text: one line per record, exactly as stored, each ending in `\n`
   * (the format of `JournalFileBackend` and Optuna's `JournalFileStorage`). An empty journal
   * gives `''`.
   */
  async jsonl(): Promise<string> {
    const lines = await this.#lines(0);
    return lines.map((line) => `${String(line)}\n`).join('');
  }

  /** Where record `position` lives, for messages. */
  locate(position: number): string {
    return `record ${position} of IndexedDB database "${this.database}"`;
  }

  /** Closes this instance's connection; a later call opens it again. */
  async close(): Promise<void> {
    const db = this.#db;
    this.#db = null;
    if (db !== null) (await db.catch(() => null))?.close();
  }

  async #lines(from: number): Promise<unknown[]> {
    const db = await this.#open();
    const tx = db.transaction(RECORDS, 'readonly');
    const values = idbRequest(
      tx.objectStore(RECORDS).getAll(IDBKeyRange.lowerBound(from)),
      `IndexedDBJournal: could not read "${this.database}"`,
    );
    const keys = idbRequest(
      tx.objectStore(RECORDS).getAllKeys(IDBKeyRange.lowerBound(from)),
      `IndexedDBJournal: could not read "${this.database}"`,
    );
    const [lines, stored] = await Promise.all([values, keys]);
    // Positions are keys; a gap would mean another program wrote to this database.
    stored.forEach((key, i) => {
      if (key !== from + i)
        throw new StorageError(
          `IndexedDBJournal: ${this.locate(from + i)} is stored under key ${String(key)}; the database was not written by bonito.`,
        );
    });
    return lines;
  }

  #open(): Promise<IDBDatabase> {
    if (this.#db === null) {
      const opening = openJournalDatabase(this.#factory, this.database, () => {
        // Another tab wants to upgrade or delete the database: let it, and reopen on next use.
        if (this.#db === opening) this.#db = null;
      });
      opening.catch(() => {
        if (this.#db === opening) this.#db = null;
      });
      this.#db = opening;
    }
    return this.#db;
  }
}
