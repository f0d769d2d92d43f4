// Browser-only parts of bonito (IndexedDB journal, journal download) live behind `bonito/browser`.
export { IndexedDBJournal } from './indexeddb-journal.js';
export { journalJsonl, downloadJournal } from './download.js';
export type { IndexedDBJournalOptions } from './indexeddb-journal.js';
