import type { JournalBackend } from './base.js';
import type { JournalRecord } from './records.js';
import { checkNonNegativeInteger } from '../validate.js';

/**
 * The default journal backend: records in an array of this realm. Share one instance between
 * studies (or `loadStudy` calls) to share their trials; nothing survives the process.
 *
 * Appended records are deep-copied (`structuredClone`, which keeps ±Infinity and NaN as the file
 * backend does) and deep-frozen, so neither the writer nor any reader can alter what was stored;
 * reads hand out the frozen records themselves.
 *
 * @example
 * ```ts
 * const storage = new InMemoryJournal();
 * const a = await createStudy({ name: 'x', storage });
 * const b = await loadStudy({ name: 'x', storage }); // sees a's trials
 * ```
 */
export class InMemoryJournal implements JournalBackend {
  readonly #records: JournalRecord[] = [];

  /** Records from position `from` on (see {@link JournalBackend.readLogs}); they are frozen. */
  async readLogs(from: number): Promise<JournalRecord[]> {
    checkNonNegativeInteger('InMemoryJournal.readLogs', 'from', from);
    return this.#records.slice(from);
  }

  /** Appends records in one step (see {@link JournalBackend.appendLogs}). */
  async appendLogs(records: readonly JournalRecord[]): Promise<void> {
    // Copy everything before pushing anything: a clone error (a function in an attribute) must
    // not leave half a batch.
    const copies = structuredClone(records) as JournalRecord[];
    for (const r of copies) deepFreeze(r);
    this.#records.push(...copies);
  }

  /** How many records the journal holds. */
  get length(): number {
    return this.#records.length;
  }
}

function deepFreeze(value: unknown): void {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return;
  Object.freeze(value);
  for (const v of Object.values(value)) deepFreeze(v);
}
