import type { JournalRecord, UnreadableEntry } from './records.js';

/**
 * Where a journal lives: an append-only, ordered log of {@link JournalRecord}s. Study state is
 * the replay of this log (`replay.ts`), so a backend only stores and returns records.
 *
 * Contract every backend keeps:
 * - **Ordering.** Records have positions 0, 1, 2, ... in append order, the same for every reader.
 *   `readLogs(from)` returns every record at position `from` and later, in order; a record
 *   never moves and is never removed. A stored entry that is not JSON keeps its position: it is
 *   returned as an {@link UnreadableEntry}, so replay can tell which ids it may have taken
 *   (a CREATE_STUDY or CREATE_TRIAL that vanished would shift every later id).
 * - **Concurrent writers.** Several writers (async tasks, processes, hosts, depending on the
 *   backend) may call `appendLogs` at once. Each call's records land contiguously and whole;
 *   calls are serialised in some order, and a call that resolved is visible to every later
 *   `readLogs`. Conflicts are settled by replay, never by the backend (first finisher wins,
 *   first claim wins).
 * - **Crashes.** A writer may die mid-append. A possibly partial last entry is ignored by
 *   readers (it is not a record yet) and removed or completed by the next append; a corrupt
 *   entry in the middle is reported once, never fatal. An append that resolved is whole and
 *   durable for that backend (the file backend fsyncs); one that failed left nothing behind.
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
  readLogs(from: number): Promise<(JournalRecord | UnreadableEntry)[]>;
  /**
   * Appends records atomically and in order, after every record already appended.
   * @param records - the records (not mutated).
   * @throws StorageError when the records could not be stored durably.
   */
  appendLogs(records: readonly JournalRecord[]): Promise<void>;
  /**
   * True for a backend that never writes (a journal opened read-only): loading a study from it
   * leaves stale RUNNING trials as they are instead of failing them.
   */
  readonly readOnly?: boolean;
  /**
   * Where the record at `position` is stored, for messages (the file backend: "line 17 of
   * ./s.jsonl"); optional.
   */
  locate?(position: number): string | undefined;
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
  /**
   * Optional: the storage's own clock (wall-clock milliseconds), for a backend shared by several
   * hosts (Redis `TIME`). Heartbeats are then stamped and judged stale by this one clock, not by
   * each host's, so clock skew between hosts cannot fail a live trial.
   */
  now?(): Promise<number>;
  /** Optional: records between two snapshots a worker saves. @defaultValue 10000 */
  readonly snapshotEvery?: number;
}
