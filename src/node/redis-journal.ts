import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type * as Redis from 'redis';
import { MissingDependencyError, StorageError, isMissingModule, toError } from '../errors.js';
import type { JournalBackend } from '../storage/base.js';
import { parsePythonJson, stringifyPythonJson } from '../storage/python-json.js';
import { unreadableEntry, type JournalRecord, type UnreadableEntry } from '../storage/records.js';

/** Options of `JournalRedisBackend`. */
export interface JournalRedisBackendOptions {
  /** Key prefix, as Optuna's `prefix=`: keys are `<prefix>:log_number` and `<prefix>:log:<n>`. @defaultValue '' */
  prefix?: string;
  /**
   * How long an operation keeps retrying (with backoff) while the server is unreachable or
   * loading, before it fails with a `StorageError`. @defaultValue 30000
   */
  retryTimeoutMs?: number;
  /** One connection attempt or one command that takes longer than this is abandoned and retried. @defaultValue 5000 */
  commandTimeoutMs?: number;
  /**
   * Records between two replay snapshots (`<prefix>:bonito:snapshot`) a worker saves, so a new
   * worker of a long study starts from the newest one instead of replaying everything.
   * @defaultValue 10000
   */
  snapshotEvery?: number;
  /**
   * Receives each log entry that is not JSON, once per backend: its key and why. The entry keeps
   * its position (replay reports and skips it), so later ids do not move.
   * @defaultValue a `console.warn`
   */
  onCorruptRecord?: (key: string, reason: string) => void;
}

/** The version of `redis` (an optional peer of bonito) this backend is tested with. @internal */
export const REDIS_PEER = 'redis@6.4.0';

// `redis` is imported on first use, so `bonito/node` loads without it.
let loaded: Promise<typeof Redis> | undefined;
function loadRedis(): Promise<typeof Redis> {
  loaded ??= import('redis').catch((error: unknown) => {
    loaded = undefined;
    if (isMissingModule(error, 'redis'))
      throw new MissingDependencyError('JournalRedisBackend (and `--storage redis://`)', [REDIS_PEER], error);
    throw error;
  });
  return loaded;
}

/** A client that never queues commands offline and never reconnects by itself: `#retrying` does. */
function newClient(redis: typeof Redis, url: string, timeoutMs: number) {
  return redis.createClient({ url, disableOfflineQueue: true, socket: { connectTimeout: timeoutMs, reconnectStrategy: false } });
}
type Client = ReturnType<typeof newClient>;

/** Keys read per MGET: bounded replies, few round trips. */
const READ_CHUNK = 1000;
/** How long the server remembers a finished append, so a retried one is not applied twice. */
const APPEND_MEMORY_S = 86_400;
const MAX_BACKOFF_MS = 2000;

// One atomic step per append call: Optuna's protocol (INCR `<prefix>:log_number`, SET
// `<prefix>:log:<n>`, log_number starting at -1) for every record of the batch, so the batch
// lands contiguously. KEYS[2] remembers a finished call under its token: a call retried after a
// lost reply (the server ran it, the client never heard) returns instead of appending twice.
// A snapshot replaces the stored one only when it covers more of the log (workers save
// concurrently; the newest must win whatever order their saves arrive in).
const SAVE_SNAPSHOT_SCRIPT = `
local stored = tonumber(redis.call('hget', KEYS[1], 'position') or '-1')
if stored >= tonumber(ARGV[1]) then return 0 end
redis.call('hset', KEYS[1], 'position', ARGV[1], 'data', ARGV[2])
return 1
`;

const APPEND_SCRIPT = `
local done = redis.call('get', KEYS[2])
if done then return tonumber(done) end
redis.call('setnx', KEYS[1], -1)
local n = -1
for i = 2, #ARGV do
  n = redis.call('incr', KEYS[1])
  redis.call('set', string.format('%s:log:%d', ARGV[1], n), ARGV[i])
end
redis.call('set', KEYS[2], n, 'EX', ${APPEND_MEMORY_S})
return n
`;

/**
 * A journal in Redis with the key layout and append protocol of Optuna's `JournalRedisBackend`
 * (Optuna 3.1 calls it `JournalRedisStorage`): bonito and Python workers on many hosts share one
 * study through it, in both directions.
 *
 * - Record `n` (0, 1, 2, ...) is the JSON text at `<prefix>:log:<n>`; `<prefix>:log_number` is
 *   the last one. A record's position is its log number, so ids never shift: an entry that is not
 *   JSON is reported and handed to replay as a placeholder that takes its position.
 * - `appendLogs` runs one server-side Lua script per call, so a call's records are contiguous and
 *   whole; readers never see half of it. Durability is the server's (`appendonly yes` with its
 *   `appendfsync` policy).
 * - `readLogs(from)` reads only keys `from` and later: a worker that has replayed `k` records
 *   fetches just the new ones.
 * - An unreachable or loading server is retried with backoff for `retryTimeoutMs`, then the
 *   operation fails with a `StorageError` naming the URL (password hidden); it never hangs. A
 *   retried append is applied at most once.
 * - The connection is opened on first use and does not keep the process alive while idle; call
 *   `close()` to end it. The `redis` package is an optional peer of bonito: install it to use
 *   this backend (a `MissingDependencyError` says so otherwise).
 *
 * Bonito never reads or writes Optuna's `<prefix>:snapshot` (a Python pickle).
 *
 * @example
 * ```ts check
 * import { createStudy } from 'bonito';
 * import { JournalRedisBackend } from 'bonito/node';
 * const storage = new JournalRedisBackend('redis://127.0.0.1:6379/0', { prefix: 'mnist' });
 * const study = await createStudy({ name: 'mnist', storage, loadIfExists: true });
 * // ... study.optimize(...) on every host, then:
 * await storage.close();
 * ```
 */
export class JournalRedisBackend implements JournalBackend {
  /** The URL with its password replaced by `***` (safe for messages and logs). */
  readonly url: string;
  readonly prefix: string;
  readonly snapshotEvery: number;
  readonly #rawUrl: string;
  readonly #retryMs: number;
  readonly #commandMs: number;
  readonly #onCorrupt: (key: string, reason: string) => void;
  readonly #reported = new Set<number>();
  #client: Client | null = null;
  #connecting: Promise<Client> | null = null;
  #busy = 0;
  #closed = false;
  /** A log number seen as taken but still without its key, and since when (see `#read`). */
  #gap: { position: number; since: number } | null = null;

  /**
   * @param url - `redis://[user:password@]host[:port][/db]` (or `rediss://`).
   * @param options - key prefix, retry bound, corrupt-entry reporting.
   */
  constructor(url: string, options: JournalRedisBackendOptions = {}) {
    if (typeof url !== 'string' || !/^rediss?:\/\//.test(url)) {
      throw new TypeError(
        `JournalRedisBackend: \`url\` must be a redis:// or rediss:// URL but got ${JSON.stringify(redactUrl(String(url)))}.`,
      );
    }
    const prefix = options.prefix ?? '';
    if (typeof prefix !== 'string') throw new TypeError(`JournalRedisBackend: \`prefix\` must be a string but got ${typeof prefix}.`);
    const retryMs = options.retryTimeoutMs ?? 30_000;
    if (!Number.isFinite(retryMs) || retryMs < 0) {
      throw new RangeError(`JournalRedisBackend: \`retryTimeoutMs\` must be a finite number >= 0 but got ${retryMs}.`);
    }
    const commandMs = options.commandTimeoutMs ?? 5000;
    if (!Number.isFinite(commandMs) || commandMs < 10) {
      throw new RangeError(`JournalRedisBackend: \`commandTimeoutMs\` must be a finite number >= 10 but got ${commandMs}.`);
    }
    const every = options.snapshotEvery ?? 10_000;
    if (!Number.isSafeInteger(every) || every < 1) {
      throw new RangeError(`JournalRedisBackend: \`snapshotEvery\` must be a positive integer but got ${every}.`);
    }
    this.snapshotEvery = every;
    this.#rawUrl = url;
    this.url = redactUrl(url);
    this.prefix = prefix;
    this.#retryMs = retryMs;
    this.#commandMs = commandMs;
    this.#onCorrupt =
      options.onCorruptRecord ??
      ((key, reason) => console.warn(`JournalRedisBackend: ${key} at ${this.url} is corrupt (${reason}); replay skips it.`));
  }

  /** Records from position (log number) `from` on (see `JournalBackend.readLogs`). */
  readLogs(from: number): Promise<(JournalRecord | UnreadableEntry)[]> {
    if (!Number.isSafeInteger(from) || from < 0) {
      throw new RangeError(`JournalRedisBackend.readLogs: \`from\` must be a non-negative integer but got ${from}.`);
    }
    return this.#retrying('read records from', (client) => this.#read(client, from));
  }

  /** Appends records in one atomic server-side script (see `JournalBackend.appendLogs`). */
  appendLogs(records: readonly JournalRecord[]): Promise<void> {
    if (records.length === 0) return Promise.resolve();
    let texts: string[];
    try {
      texts = records.map((r) => stringifyPythonJson(r));
    } catch (err) {
      return Promise.reject(err);
    }
    const keys = [`${this.prefix}:log_number`, `${this.prefix}:bonito:append:${randomUUID()}`];
    return this.#retrying('append records to', async (client) => {
      await client.eval(APPEND_SCRIPT, { keys, arguments: [this.prefix, ...texts] });
    });
  }

  /**
   * The newest replay snapshot (bonito's, at `<prefix>:bonito:snapshot`), or null. One that
   * claims more records than the log holds (the log was cleared) is not used.
   */
  loadSnapshot(): Promise<string | null> {
    return this.#retrying('read the snapshot from', async (client) => {
      const [position, data] = await client.hmGet(this.#snapshotKey, ['position', 'data']);
      if (position === null || data === null) return null;
      const last = await client.get(`${this.prefix}:log_number`);
      return last !== null && Number(position) <= Number(last) + 1 ? data : null;
    });
  }

  /** Stores a replay snapshot covering records `0..position-1`, unless a newer one is stored. */
  saveSnapshot(position: number, snapshot: string): Promise<void> {
    return this.#retrying('save the snapshot to', async (client) => {
      await client.eval(SAVE_SNAPSHOT_SCRIPT, { keys: [this.#snapshotKey], arguments: [String(position), snapshot] });
    });
  }

  /**
   * The server's clock in milliseconds (Redis `TIME`), so every host stamps and judges heartbeats
   * by one clock and skew between hosts cannot fail a live trial (see `JournalBackend.now`).
   */
  now(): Promise<number> {
    return this.#retrying('read the clock of', async (client) => {
      const [seconds, micros] = (await client.time()) as unknown as [unknown, unknown];
      return Number(seconds) * 1000 + Math.floor(Number(micros) / 1000);
    });
  }

  get #snapshotKey(): string {
    return `${this.prefix}:bonito:snapshot`;
  }

  /** Ends the connection; later calls fail with a `StorageError`. */
  async close(): Promise<void> {
    this.#closed = true;
    const client = this.#client;
    this.#client = null;
    this.#connecting = null;
    if (client === null) return;
    try {
      await client.close();
    } catch {
      client.destroy();
    }
  }

  async #read(client: Client, from: number): Promise<(JournalRecord | UnreadableEntry)[]> {
    const last = await client.get(`${this.prefix}:log_number`);
    if (last === null) return [];
    const end = Number(last) + 1;
    const out: (JournalRecord | UnreadableEntry)[] = [];
    for (let start = from; start < end; start += READ_CHUNK) {
      const keys: string[] = [];
      for (let n = start; n < Math.min(end, start + READ_CHUNK); n += 1) keys.push(`${this.prefix}:log:${n}`);
      const texts = await client.mGet(keys);
      for (let i = 0; i < texts.length; i += 1) {
        const text = texts[i];
        if (text === null) {
          // Taken but not written: only a non-atomic writer (Optuna with use_cluster=True) leaves
          // this, between its INCR and SET. Stop here; later reads pick it up, and a gap that
          // never fills is an error rather than a study that silently stops growing.
          this.#noteGap(start + i);
          return out;
        }
        out.push(this.#parse(start + i, text));
      }
    }
    this.#gap = null;
    return out;
  }

  #noteGap(position: number): void {
    const now = Date.now();
    if (this.#gap === null || this.#gap.position !== position) this.#gap = { position, since: now };
    else if (now - this.#gap.since > this.#retryMs) {
      throw new StorageError(
        `JournalRedisBackend: ${this.prefix}:log:${position} at ${this.url} is missing although ${this.prefix}:log_number counts it (for ${Math.round((now - this.#gap.since) / 1000)} s): a writer died between INCR and SET; no record after it can be read.`,
      );
    }
  }

  #parse(position: number, text: string): JournalRecord | UnreadableEntry {
    try {
      return parsePythonJson(text) as JournalRecord;
    } catch (err) {
      const reason = `not valid JSON: ${toError(err).message}`;
      if (!this.#reported.has(position)) {
        this.#reported.add(position);
        this.#onCorrupt(`${this.prefix}:log:${position}`, reason);
      }
      // Not a record: replay keeps its position, and what the text still shows (the kind of
      // record, its study) keeps later ids in place, by the same rule as the file journal.
      return unreadableEntry(text, `${this.prefix}:log:${position} is ${reason}`);
    }
  }

  /** Where the record at `position` is stored, for messages: its key and the server. */
  locate(position: number): string {
    return `${this.prefix}:log:${position} at ${this.url}`;
  }

  /** Runs `op`, reconnecting and retrying transient failures with backoff until the deadline. */
  async #retrying<T>(what: string, op: (client: Client) => Promise<T>): Promise<T> {
    const deadline = Date.now() + this.#retryMs;
    let delay = 50;
    let attempts = 0;
    this.#hold(1);
    try {
      for (;;) {
        if (this.#closed) throw new StorageError(`JournalRedisBackend: cannot ${what} ${this.url}: the backend was closed.`);
        attempts += 1;
        try {
          return await withTimeout(op(await this.#connect()), this.#commandMs, 'the command timed out');
        } catch (err) {
          if (err instanceof StorageError || err instanceof MissingDependencyError) throw err;
          const cause = toError(err);
          if (!isTransient(cause, await loadRedis())) {
            throw new StorageError(`JournalRedisBackend: cannot ${what} ${this.url}: ${cause.message}`, { cause });
          }
          this.#drop();
          const wait = Math.min(delay, deadline - Date.now());
          if (wait <= 0) {
            throw new StorageError(
              `JournalRedisBackend: cannot ${what} ${this.url}: no answer after ${attempts} attempts in ${(this.#retryMs / 1000).toFixed(1)} s (${cause.message}).`,
              { cause },
            );
          }
          await sleep(wait * (0.75 + 0.5 * Math.random()));
          delay = Math.min(delay * 2, MAX_BACKOFF_MS);
        }
      }
    } finally {
      this.#hold(-1);
    }
  }

  #connect(): Promise<Client> {
    if (this.#client?.isReady === true) return Promise.resolve(this.#client);
    this.#connecting ??= (async () => {
      this.#drop();
      const client = newClient(await loadRedis(), this.#rawUrl, this.#commandMs);
      client.on('error', () => undefined); // failures surface through the commands
      try {
        await withTimeout(client.connect(), this.#commandMs, 'connecting timed out');
      } catch (err) {
        client.destroy();
        throw err;
      }
      this.#client = client;
      if (this.#busy === 0) client.unref();
      return client;
    })().finally(() => {
      this.#connecting = null;
    });
    return this.#connecting;
  }

  /** Forgets the current connection (after a failure, so the next attempt opens a fresh one). */
  #drop(): void {
    const client = this.#client;
    this.#client = null;
    if (client !== null) {
      try {
        client.destroy();
      } catch {
        // already gone
      }
    }
  }

  /** Keeps the process alive only while an operation is under way. */
  #hold(delta: number): void {
    this.#busy += delta;
    if (this.#client === null) return;
    if (this.#busy === 0) this.#client.unref();
    else if (delta > 0 && this.#busy === 1) this.#client.ref();
  }
}

/** Server replies that mean "not now" rather than "never": loading the AOF, busy script, failover. */
const TRANSIENT_REPLY = /^(LOADING|BUSY|TRYAGAIN|MASTERDOWN|CLUSTERDOWN)\b/;

function isTransient(err: Error, redis: typeof Redis): boolean {
  if (err instanceof redis.ErrorReply) return TRANSIENT_REPLY.test(err.message);
  // Everything else is the connection: refused, reset, closed, timed out.
  return true;
}

async function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  const timer = new AbortController();
  try {
    return await Promise.race([
      promise,
      sleep(ms, undefined, { signal: timer.signal }).then(() => {
        throw new Error(`${message} after ${ms} ms`);
      }),
    ]);
  } finally {
    timer.abort();
  }
}

/**
 * The URL with its password replaced by `***`, for messages.
 * @example
 * ```ts
 * redactUrl('redis://u:secret@db:6379/0'); // 'redis://u:***@db:6379/0'
 * ```
 */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password === '') return url;
    u.password = '***';
    return u.toString();
  } catch {
    return url.replace(/\/\/([^@/]*)@/, '//***@');
  }
}
