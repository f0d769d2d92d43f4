import { StorageError, toError } from '../errors.js';
import type { JournalBackend } from './base.js';
import type { JournalRecord, UnreadableEntry } from './records.js';
import { JournalReplay } from './replay.js';
import { SerialQueue } from './serial.js';

/** Receives a record replay could not apply: its position, where it is stored, what happened. @internal */
export type JournalProblemHandler = (position: number, location: string | undefined, message: string) => void;

/**
 * A backend plus its replay: what a study talks to. Writes are queued in call order and
 * batched into one `appendLogs` call when several are waiting (one lock and one fsync per batch
 * for the file backend); `sync()` appends what is queued, then reads and replays what other
 * writers appended. Every operation runs in one chain, so the replay only ever sees complete,
 * ordered reads.
 *
 * @internal
 */
export class JournalStorage {
  readonly backend: JournalBackend;
  readonly replay: JournalReplay;
  #pending: JournalRecord[] = [];
  #drainQueued = false;
  #syncQueued: Promise<void> | null = null;
  readonly #serial = new SerialQueue();
  #writeError: Error | null = null;
  /** Whether the backend's snapshot was looked for (once, before the first read). */
  #snapshotTried = false;
  /** Position of the last snapshot loaded or saved by this worker. */
  #snapshotAt = 0;

  /**
   * @param backend - where the records live.
   * @param onProblem - receives malformed records met during replay.
   */
  constructor(backend: JournalBackend, onProblem?: JournalProblemHandler) {
    this.backend = backend;
    this.replay = new JournalReplay(
      onProblem === undefined ? undefined : (position, message) => onProblem(position, backend.locate?.(position), message),
    );
  }

  /**
   * Queues records for appending (returns at once). A failure surfaces as a `StorageError`
   * from the next `flush()` or `sync()`.
   */
  write(records: readonly JournalRecord[]): void {
    this.#pending.push(...records);
    if (this.#drainQueued) return;
    this.#drainQueued = true;
    this.#run(() => this.#drain()).catch((err: unknown) => {
      this.#writeError ??= toError(err);
    });
  }

  /** Resolves once every queued record is appended. @throws StorageError if an append failed. */
  flush(): Promise<void> {
    return this.#run(async () => {
      await this.#drain();
      this.#rethrow();
    });
  }

  /** Appends what is queued, then replays everything appended since the last sync. */
  sync(): Promise<void> {
    return this.#run(async () => {
      await this.#drain();
      this.#rethrow();
      if (!this.#snapshotTried) await this.#restoreSnapshot();
      let records: (JournalRecord | UnreadableEntry)[];
      try {
        records = await this.backend.readLogs(this.replay.position);
      } catch (err) {
        throw asStorageError('read', err);
      }
      this.replay.apply(records);
      await this.#saveSnapshot();
    });
  }

  /** Starts from the backend's snapshot when it has a usable one; otherwise replays from 0. */
  async #restoreSnapshot(): Promise<void> {
    this.#snapshotTried = true;
    if (this.backend.loadSnapshot === undefined || this.replay.position !== 0) return;
    let text: string | null;
    try {
      text = await this.backend.loadSnapshot();
    } catch (err) {
      throw asStorageError('read the snapshot', err);
    }
    if (text === null) return;
    // Loaded on demand: only backends that keep snapshots (Redis) pay for the codec, so browser
    // and edge bundles of the core leave it in a chunk of its own.
    const { decodeReplaySnapshot, snapshotPosition } = await import('./replay-snapshot.js');
    // Another format (another bonito version) or a damaged value: a full replay is always right.
    if (snapshotPosition(text) === null) return;
    try {
      this.replay.restore(decodeReplaySnapshot(text));
      this.#snapshotAt = this.replay.position;
    } catch {
      // restore() checks before it changes anything, and decoding fails before restore().
    }
  }

  async #saveSnapshot(): Promise<void> {
    const save = this.backend.saveSnapshot;
    if (save === undefined) return;
    const position = this.replay.position;
    if (position - this.#snapshotAt < (this.backend.snapshotEvery ?? 10_000)) return;
    this.#snapshotAt = position;
    try {
      const { encodeReplaySnapshot } = await import('./replay-snapshot.js');
      await save.call(this.backend, position, encodeReplaySnapshot(this.replay));
    } catch {
      // A snapshot only saves time; the journal itself is intact.
    }
  }

  /**
   * A background sync that coalesces with one already waiting. It never rejects: a failure is
   * kept for the next `flush()` or `sync()`.
   */
  requestSync(): Promise<void> {
    if (this.#syncQueued === null) {
      this.#syncQueued = this.sync()
        .catch((err: unknown) => {
          this.#writeError ??= toError(err);
        })
        .finally(() => {
          this.#syncQueued = null;
        });
    }
    return this.#syncQueued;
  }

  /** `write` then `sync`. */
  commit(records: readonly JournalRecord[]): Promise<void> {
    this.write(records);
    return this.sync();
  }

  #run<T>(op: () => Promise<T>): Promise<T> {
    return this.#serial.run(op);
  }

  async #drain(): Promise<void> {
    this.#drainQueued = false;
    if (this.#pending.length === 0) return;
    const batch = this.#pending;
    this.#pending = [];
    try {
      await this.backend.appendLogs(batch);
    } catch (err) {
      throw asStorageError('append', err);
    }
  }

  #rethrow(): void {
    const err = this.#writeError;
    if (err === null) return;
    this.#writeError = null;
    throw err;
  }
}

function asStorageError(what: string, err: unknown): StorageError {
  if (err instanceof StorageError) return err;
  const cause = toError(err);
  return new StorageError(`Journal: could not ${what} records: ${cause.message}`, { cause });
}
