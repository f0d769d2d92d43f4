// A bonito journal in Durable Object storage: record n under key `log:<n, zero-padded>`, the
// number of records under `log:count`. One Durable Object per study runs one request at a time
// (see study-object.ts), so this backend needs no lock of its own.
import type { JournalBackend, JournalRecord, UnreadableEntry } from 'bonito';

/**
 * The part of a Durable Object's `state.storage` this backend uses (the Workers runtime's
 * `DurableObjectStorage` has it). Values go through structured clone, which keeps NaN and
 * ±Infinity and hands every reader its own copy.
 */
export interface DurableStorageLike {
  get<T>(key: string): Promise<T | undefined>;
  get<T>(keys: string[]): Promise<Map<string, T>>;
  put(entries: Record<string, unknown>): Promise<void>;
}

/** Keys per storage call: the Workers runtime refuses more than 128 in one get or put. */
const KEYS_PER_CALL = 128;
const COUNT_KEY = 'log:count';

/** Zero-padded so keys sort as numbers do (for anyone who lists them). */
function logKey(position: number): string {
  return `log:${String(position).padStart(12, '0')}`;
}

/**
 * A `JournalBackend` over Durable Object storage.
 *
 * Atomicity: `appendLogs` issues all its `put` calls (records and the new count) without an
 * `await` between them; the Workers runtime coalesces such writes into one atomic commit, so a
 * batch is stored whole or not at all, and the count never runs ahead of the records.
 *
 * @example
 * ```ts
 * export class StudyObject {
 *   constructor(state: DurableObjectState) {
 *     this.journal = new DurableObjectJournal(state.storage);
 *   }
 * }
 * ```
 */
export class DurableObjectJournal implements JournalBackend {
  readonly #storage: DurableStorageLike;
  #appends: Promise<unknown> = Promise.resolve();

  constructor(storage: DurableStorageLike) {
    this.#storage = storage;
  }

  /** Records from position `from` on (see `JournalBackend.readLogs`). */
  async readLogs(from: number): Promise<(JournalRecord | UnreadableEntry)[]> {
    if (!Number.isSafeInteger(from) || from < 0) {
      throw new RangeError(`DurableObjectJournal.readLogs: \`from\` must be a non-negative integer but got ${String(from)}.`);
    }
    const count = await this.#count();
    const out: (JournalRecord | UnreadableEntry)[] = [];
    for (let start = from; start < count; start += KEYS_PER_CALL) {
      const keys: string[] = [];
      for (let p = start; p < Math.min(count, start + KEYS_PER_CALL); p++) keys.push(logKey(p));
      const got = await this.#storage.get<JournalRecord>(keys);
      for (const key of keys) {
        const record = got.get(key);
        // A missing key under the count would mean storage lost a committed write: say so
        // instead of shifting every later position.
        if (record === undefined) throw new Error(`DurableObjectJournal.readLogs: record ${key} is missing below ${COUNT_KEY} = ${count}.`);
        out.push(record);
      }
    }
    return out;
  }

  /** Appends records after every stored one, atomically (see the class comment). */
  appendLogs(records: readonly JournalRecord[]): Promise<void> {
    // Each append reads the count it writes after: concurrent calls (one object can serve
    // several requests, and a study batches its writes) must take turns or they would overwrite
    // each other's records.
    const run = this.#appends.then(() => this.#append(records));
    this.#appends = run.catch(() => undefined);
    return run;
  }

  async #append(records: readonly JournalRecord[]): Promise<void> {
    if (records.length === 0) return;
    const count = await this.#count();
    const writes: Promise<void>[] = [];
    for (let start = 0; start < records.length; start += KEYS_PER_CALL) {
      const entries: Record<string, unknown> = {};
      records.slice(start, start + KEYS_PER_CALL).forEach((r, i) => {
        entries[logKey(count + start + i)] = r;
      });
      writes.push(this.#storage.put(entries));
    }
    writes.push(this.#storage.put({ [COUNT_KEY]: count + records.length }));
    await Promise.all(writes);
  }

  /** True while nothing was appended (cheaper than reading the log). */
  async isEmpty(): Promise<boolean> {
    return (await this.#count()) === 0;
  }

  /** Where a record lives, for bonito's warnings. */
  locate(position: number): string {
    return `Durable Object key ${logKey(position)}`;
  }

  async #count(): Promise<number> {
    return (await this.#storage.get<number>(COUNT_KEY)) ?? 0;
  }
}
