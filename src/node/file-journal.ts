import { open, type FileHandle } from 'node:fs/promises';
import lockfile from 'proper-lockfile';
import { StorageError, toError } from '../errors.js';
import type { JournalBackend } from '../storage/base.js';
import { parsePythonJson, stringifyPythonJson } from '../storage/python-json.js';
import { recordProblem, type JournalRecord } from '../storage/records.js';
import { SerialQueue } from '../storage/serial.js';

/** Options of `JournalFileBackend`. */
export interface JournalFileBackendOptions {
  /**
   * Receives each corrupt line once per backend: its 1-based line number and why it was skipped.
   * @defaultValue a `console.warn`
   */
  onCorruptLine?: (lineNumber: number, reason: string) => void;
  /** A lock older than this is taken over (its holder died mid-append). @defaultValue 10000 */
  lockStaleMs?: number;
}

const NEWLINE = 0x0a;

/**
 * A journal in a JSONL file, one record per line, the format of Optuna's `JournalFileStorage`
 * (Python reads it with `JournalStorage(JournalFileStorage(path))`, and bonito reads Optuna's).
 *
 * Safe for several processes on one machine: appends hold an exclusive lock (`<path>.lock`, a
 * directory made with proper-lockfile; Optuna's symlink lock uses the same path, so the two
 * exclude each other) and are fsynced before they resolve. Reads take no lock: a line still
 * being written has no newline yet and is ignored until it has one. A crash mid-append leaves an
 * unterminated last line; the next append terminates it, so it becomes a record if it was
 * complete JSON, or a corrupt line otherwise. A corrupt line is reported with its line number
 * (once) and skipped; it takes no position, for every reader alike.
 *
 * @example
 * ```ts
 * import { JournalFileBackend } from 'bonito/node';
 * const study = await createStudy({ name: 'search', storage: new JournalFileBackend('./search.jsonl'), loadIfExists: true });
 * ```
 */
export class JournalFileBackend implements JournalBackend {
  readonly path: string;
  readonly #onCorrupt: (lineNumber: number, reason: string) => void;
  readonly #staleMs: number;
  /** Byte offset of every record found so far: recordOffsets[i] is where record i starts. */
  readonly #recordOffsets: number[] = [];
  /** End of the last complete line scanned, and how many lines that was. */
  #scannedBytes = 0;
  #scannedLines = 0;
  readonly #reported = new Set<number>();
  #ready: Promise<void> | null = null;
  readonly #queue = new SerialQueue();

  /**
   * @param path - the JSONL file; created (empty) when missing.
   * @param options - corrupt-line reporting and lock staleness.
   */
  constructor(path: string, options: JournalFileBackendOptions = {}) {
    if (typeof path !== 'string' || path.length === 0) {
      throw new TypeError(`JournalFileBackend: \`path\` must be a non-empty string but got ${JSON.stringify(path)}.`);
    }
    const stale = options.lockStaleMs ?? 10_000;
    if (!Number.isFinite(stale) || stale < 2000) {
      throw new RangeError(`JournalFileBackend: \`lockStaleMs\` must be at least 2000 but got ${stale}.`);
    }
    this.path = path;
    this.#staleMs = stale;
    this.#onCorrupt =
      options.onCorruptLine ??
      ((line, reason) => console.warn(`JournalFileBackend: line ${line} of ${path} is corrupt (${reason}) and was skipped.`));
  }

  /** Records from position `from` on (see `JournalBackend.readLogs`). */
  readLogs(from: number): Promise<JournalRecord[]> {
    if (!Number.isSafeInteger(from) || from < 0) {
      throw new RangeError(`JournalFileBackend.readLogs: \`from\` must be a non-negative integer but got ${from}.`);
    }
    return this.#serial(() => this.#read(from));
  }

  /** Appends records under the lock, then fsyncs (see `JournalBackend.appendLogs`). */
  appendLogs(records: readonly JournalRecord[]): Promise<void> {
    if (records.length === 0) return Promise.resolve();
    let text: string;
    try {
      text = records.map((r) => stringifyPythonJson(r)).join('\n') + '\n';
    } catch (err) {
      return Promise.reject(err);
    }
    return this.#serial(() => this.#append(Buffer.from(text, 'utf8')));
  }

  /** One operation of this instance at a time (the scan cache is shared). */
  #serial<T>(op: () => Promise<T>): Promise<T> {
    return this.#queue.run(async () => {
      await this.#ensureFile();
      return op();
    });
  }

  #ensureFile(): Promise<void> {
    this.#ready ??= open(this.path, 'a').then(
      (fh) => fh.close(),
      (err: unknown) => {
        this.#ready = null;
        throw new StorageError(`JournalFileBackend: cannot open ${this.path}: ${toError(err).message}`, { cause: err });
      },
    );
    return this.#ready;
  }

  async #read(from: number): Promise<JournalRecord[]> {
    const fh = await open(this.path, 'r');
    try {
      const fresh = await this.#scan(fh);
      if (from >= this.#recordOffsets.length) return [];
      const firstFresh = this.#recordOffsets.length - fresh.length;
      if (from >= firstFresh) return fresh.slice(from - firstFresh);
      // An older position (a new reader of this instance): parse again from its offset.
      const start = this.#recordOffsets[from];
      const bytes = await readRange(fh, start, this.#scannedBytes);
      return parseLines(bytes, start, () => undefined).records;
    } finally {
      await fh.close();
    }
  }

  /** Scans complete lines appended since the last scan; returns their records. */
  async #scan(fh: FileHandle): Promise<JournalRecord[]> {
    const { size } = await fh.stat();
    if (size <= this.#scannedBytes) return [];
    const bytes = await readRange(fh, this.#scannedBytes, size);
    const firstLine = this.#scannedLines + 1;
    const parsed = parseLines(bytes, this.#scannedBytes, (index, reason) => {
      const line = firstLine + index;
      if (this.#reported.has(line)) return;
      this.#reported.add(line);
      this.#onCorrupt(line, reason);
    });
    this.#recordOffsets.push(...parsed.offsets);
    this.#scannedBytes += parsed.consumed;
    this.#scannedLines += parsed.lines;
    return parsed.records;
  }

  async #append(data: Buffer): Promise<void> {
    let compromised: Error | null = null;
    let release: () => Promise<void>;
    try {
      release = await lockfile.lock(this.path, {
        realpath: false,
        stale: this.#staleMs,
        retries: { retries: 5000, factor: 1.3, minTimeout: 2, maxTimeout: 100, randomize: true },
        onCompromised: (err) => {
          compromised = err;
        },
      });
    } catch (err) {
      throw new StorageError(`JournalFileBackend: cannot lock ${this.path}: ${toError(err).message}`, { cause: err });
    }
    try {
      const fh = await open(this.path, 'a+');
      try {
        const { size } = await fh.stat();
        let payload = data;
        if (size > 0) {
          const last = Buffer.alloc(1);
          await fh.read(last, 0, 1, size - 1);
          // A crashed writer's unterminated line: end it so our first record starts a line.
          if (last[0] !== NEWLINE) payload = Buffer.concat([Buffer.from('\n'), data]);
        }
        await fh.write(payload);
        await fh.sync();
      } finally {
        await fh.close();
      }
      if (compromised !== null) throw compromised;
    } catch (err) {
      throw new StorageError(`JournalFileBackend: cannot append to ${this.path}: ${toError(err).message}`, { cause: err });
    } finally {
      await release().catch(() => undefined);
    }
  }
}

async function readRange(fh: FileHandle, start: number, end: number): Promise<Buffer> {
  const buf = Buffer.alloc(end - start);
  let done = 0;
  while (done < buf.length) {
    const { bytesRead } = await fh.read(buf, done, buf.length - done, start + done);
    if (bytesRead === 0) break;
    done += bytesRead;
  }
  return buf.subarray(0, done);
}

interface Parsed {
  records: JournalRecord[];
  /** Absolute byte offset of each record. */
  offsets: number[];
  /** Bytes of complete lines (the unterminated tail is left for later). */
  consumed: number;
  lines: number;
}

/** Splits complete lines; `onCorrupt(lineIndex, reason)` gets lines that are not records. */
function parseLines(bytes: Buffer, base: number, onCorrupt: (lineIndex: number, reason: string) => void): Parsed {
  const out: Parsed = { records: [], offsets: [], consumed: 0, lines: 0 };
  let start = 0;
  for (let nl = bytes.indexOf(NEWLINE, start); nl !== -1; nl = bytes.indexOf(NEWLINE, start)) {
    const text = bytes.toString('utf8', start, nl);
    let problem: string | null;
    let value: unknown;
    try {
      value = parsePythonJson(text);
      problem = recordProblem(value);
    } catch {
      problem = text.trim().length === 0 ? 'an empty line' : 'not valid JSON';
    }
    if (problem === null) {
      out.records.push(value as JournalRecord);
      out.offsets.push(base + start);
    } else {
      onCorrupt(out.lines, problem);
    }
    out.lines += 1;
    start = nl + 1;
  }
  out.consumed = start;
  return out;
}
