// Small promise wrappers over raw IndexedDB, so bonito/browser needs no runtime dependency.
import { StorageError } from '../errors.js';

/** The object store of journal records: key = position, value = the record's JSON line. */
export const RECORDS = 'records';
const VERSION = 1;

/** Resolves with a request's result; rejects with a StorageError that starts with `what`. */
export function idbRequest<T>(request: IDBRequest<T>, what: string): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(new StorageError(`${what}: ${describeDomError(request.error)}.`));
  });
}

/** Resolves when a transaction has committed; rejects when it failed or was aborted. */
export function idbTransaction(tx: IDBTransaction, what: string): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    // onerror fires for a failed request (and the abort follows); report once, on abort.
    tx.onabort = () => reject(new StorageError(`${what}: ${describeDomError(tx.error)}.`));
  });
}

/**
 * Opens (creating on first use) a journal database. `onVersionChange` runs after the connection
 * closed itself because another context wants to upgrade or delete the database.
 */
export function openJournalDatabase(factory: IDBFactory, name: string, onVersionChange: () => void): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = factory.open(name, VERSION);
    request.onupgradeneeded = () => {
      const db = request.result;
      if (!db.objectStoreNames.contains(RECORDS)) db.createObjectStore(RECORDS);
    };
    request.onsuccess = () => {
      const db = request.result;
      db.onversionchange = () => {
        db.close();
        onVersionChange();
      };
      resolve(db);
    };
    request.onerror = () =>
      reject(new StorageError(`IndexedDBJournal: could not open database "${name}": ${describeDomError(request.error)}.`));
    request.onblocked = () => {
      // An older version is open elsewhere; the open completes once it closes.
    };
  });
}

function describeDomError(error: DOMException | null): string {
  return error === null ? 'aborted' : `${error.name}: ${error.message}`;
}
