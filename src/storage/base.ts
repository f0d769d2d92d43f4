import type { JournalRecord } from './records.js';

/**
 * Where a journal lives: an append-only, ordered log of {@link JournalRecord}s. Study state is
 * the replay of this log (`replay.ts`), so a backend only stores and returns records.
 *
 * Contract every backend keeps:
 * - **Ordering.** Records have positions 0, 1, 2, ... in append order, the same for every reader.
 *   `readLogs(from)` returns every record at position `from` and later, in order; a record
 *   never moves and is never removed. Positions count the records a backend returns, so a
 *   backend that skips an unreadable entry skips it for every reader and every `from`.
 * - **Concurrent writers.** Several writers (async tasks, processes, hosts, depending on the
 *   backend) may call `appendLogs` at once. Each call's records land contiguously and whole;
 *   calls are serialised in some order, and a call that resolved is visible to every later
 *   `readLogs`. Conflicts are settled by replay, never by the backend (first finisher wins,
 *   first claim wins).
 * - **Crashes.** A writer may die mid-append. A possibly partial last entry is ignored by
 *   readers (it is not a record yet); a corrupt entry in the middle is reported once and
 *   skipped, never fatal. An append that resolved is durable for that backend (the file backend
 *   fsyncs).
 * - Records are plain JSON data; non-finite numbers (±Infinity, NaN) must survive the trip.
 *
 * @example
 * ```ts
 * const journal = new InMemoryJournal();
 * await journal.appendLogs([{ op_code: 0, worker_id: 'w', study_name: 's', directions: [1] }]);
 * (await journal.readLogs(0)).length; // 1
 * ```
 */
export interface JournalBackend {
  /**
   * Records from position `from` (inclusive) to the end.
   * @param from - a non-negative integer; past the end gives `[]`.
   * @returns the records, which the caller may keep (a backend never mutates them afterwards).
   */
  readLogs(from: number): Promise<JournalRecord[]>;
  /**
   * Appends records atomically and in order, after every record already appended.
   * @param records - the records (not mutated).
   * @throws StorageError when the records could not be stored durably.
   */
  appendLogs(records: readonly JournalRecord[]): Promise<void>;
  /**
   * Optional: a backend that keeps replay snapshots (see `replay-snapshot.ts`) returns the newest
   * one here, or null. A study starts from it and reads only the records after its position.
   */
  loadSnapshot?(): Promise<string | null>;
  /**
   * Optional: stores a snapshot covering records `0..position-1`, unless one covering more is
   * stored already. Failures may be ignored by the caller (a snapshot only saves time).
   */
  saveSnapshot?(position: number, snapshot: string): Promise<void>;
  /** Optional: records between two snapshots a worker saves. @defaultValue 10000 */
  readonly snapshotEvery?: number;
}
