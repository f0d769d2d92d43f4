import { open, type FileHandle } from 'node:fs/promises';
import { StorageError, toError } from '../errors.js';
import type { JournalBackend } from '../storage/base.js';
import { parsePythonJson, stringifyPythonJson } from '../storage/python-json.js';
import { unreadableEntry, type JournalRecord, type UnreadableEntry } from '../storage/records.js';
import { SerialQueue } from '../storage/serial.js';
import { JournalFileLock } from './journal-lock.js';
import { badInput, checkFinite, checkNonNegativeInteger } from '../validate.js';

/** Options of `JournalFileBackend`. */
export interface JournalFileBackendOptions {
  /**
   * Receives each corrupt line once per backend: its 1-based line number and why it is not a
   * record (a torn last line removed by an append is reported too).
   * @defaultValue a `console.warn`
   */
  onCorruptLine?: (lineNumber: number, reason: string) => void;
  /**
   * A lock whose holder cannot be proven alive is taken over once it is this old: a bonito lock
   * not refreshed for this long, or an Optuna lock (never refreshed) created this long ago. A
   * bonito lock whose holder died on this machine is taken over at once. @defaultValue 10000
   */
  lockStaleMs?: number;
  /**
   * Never write: `appendLogs` rejects, and no file is created or opened for writing. Reading
   * never writes in any case; this makes the intent explicit. @defaultValue false
   */
  readOnly?: boolean;
}

const NEWLINE = 0x0a;

/**
 * A journal in a JSONL file, one record per line, the format of Optuna's `JournalFileStorage`
 * (Python reads it with `JournalStorage(JournalFileStorage(path))`, and bonito reads Optuna's).
 *
 * Guarantees (see src/storage/README.md):
 * - **Reads never write.** The file is opened read-only to read, so a journal on a read-only
 *   file or mount opens; a missing file reads as an empty journal. It is created by the first append.
 * - **Appends are whole or absent.** Under the lock, records are written until every byte is
 *   down (a short write continues), then fsynced; if that fails (disk full...), the file is
 *   truncated back to its last whole record and the append rejects with a `StorageError`.
 * - **Torn lines are repaired so Optuna still reads the file.** A writer killed mid-append
 *   leaves an unterminated last line. Readers ignore it; the next append removes it (it was
 *   never acknowledged), or ends it with a newline when it is complete JSON (Optuna already
 *   reads it as a record). A corrupt line in the middle would make Optuna refuse the file.
 * - **Ids never shift.** A line that is not JSON keeps its position as an `UnreadableEntry`, so
 *   replay keeps the study or trial id it may have created, or says which ids are uncertain.
 * - **Locks:** `<path>.lock`, shared with Optuna's own locks (see {@link JournalFileLock} for
 *   when a dead holder's lock is taken over).
 *
 * @example
 * ```ts
 * import { JournalFileBackend } from 'bonito/node';
 * const study = await createStudy({ name: 'search', storage: new JournalFileBackend('./search.jsonl'), loadIfExists: true });
 * const view = await loadStudy({ name: 'search', storage: new JournalFileBackend('/mnt/ro/search.jsonl', { readOnly: true }) });
 * ```
 */
export class JournalFileBackend implements JournalBackend {
  readonly path: string;
  readonly readOnly: boolean;
  readonly #onCorrupt: (lineNumber: number, reason: string) => void;
  readonly #lock: JournalFileLock;
  /** Byte offset of every entry found so far: entryOffsets[i] is where entry i starts. */
  readonly #entryOffsets: number[] = [];
  /** 1-based line number of every entry (empty lines take none). */
  readonly #entryLines: number[] = [];
  /** End of the last complete line scanned, and how many lines that was. */
  #scannedBytes = 0;
  #scannedLines = 0;
  readonly #reported = new Set<number>();
  readonly #queue = new SerialQueue();

  /**
   * @param path - the JSONL file; created by the first append when missing.
   * @param options - corrupt-line reporting, lock staleness, read-only.
   */
  constructor(path: string, options: JournalFileBackendOptions = {}) {
    if (typeof path !== 'string' || path.length === 0) {
      throw new TypeError(badInput('JournalFileBackend', 'path', 'must be a non-empty string', path));
    }
    const stale = options.lockStaleMs ?? 10_000;
    checkFinite('JournalFileBackend', 'lockStaleMs', stale, 2000);
    this.path = path;
    this.readOnly = options.readOnly ?? false;
    this.#lock = new JournalFileLock(path, { staleMs: stale });
    this.#onCorrupt =
      options.onCorruptLine ?? ((line, reason) => console.warn(`JournalFileBackend: line ${line} of ${path} is corrupt (${reason}).`));
  }

  /** Records from position `from` on (see `JournalBackend.readLogs`). */
  readLogs(from: number): Promise<(JournalRecord | UnreadableEntry)[]> {
    checkNonNegativeInteger('JournalFileBackend.readLogs', 'from', from);
    return this.#serial(() => this.#read(from));
  }

  /** Appends records under the lock, whole or not at all, then fsyncs (see `JournalBackend.appendLogs`). */
  appendLogs(records: readonly JournalRecord[]): Promise<void> {
    if (records.length === 0) return Promise.resolve();
    if (this.readOnly) {
      return Promise.reject(new StorageError(`JournalFileBackend: cannot append to ${this.path}: it was opened with \`readOnly: true\`.`));
    }
    let text: string;
    try {
      text = `${records.map((r) => stringifyPythonJson(r)).join('\n')}\n`;
    } catch (err) {
      return Promise.reject(err);
    }
    return this.#serial(() => this.#append(Buffer.from(text, 'utf8')));
  }

  /** "line N of <path>" for the entry at `position`, once it has been read. */
  locate(position: number): string | undefined {
    const line = this.#entryLines[position];
    return line === undefined ? undefined : `line ${line} of ${this.path}`;
  }

  /** One operation of this instance at a time (the scan cache is shared). */
  #serial<T>(op: () => Promise<T>): Promise<T> {
    return this.#queue.run(op);
  }

  async #read(from: number): Promise<(JournalRecord | UnreadableEntry)[]> {
    let fh: FileHandle;
    try {
      fh = await open(this.path, 'r');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return []; // no journal yet: empty
      throw new StorageError(`JournalFileBackend: cannot open ${this.path}: ${toError(err).message}`, { cause: err });
    }
    try {
      const fresh = await this.#scan(fh);
      if (from >= this.#entryOffsets.length) return [];
      const firstFresh = this.#entryOffsets.length - fresh.length;
      if (from >= firstFresh) return fresh.slice(from - firstFresh);
      // An older position (a new reader of this instance): parse again from its offset.
      const start = this.#entryOffsets[from];
      const bytes = await readRange(fh, start, this.#scannedBytes);
      return parseLines(bytes, start, () => undefined).entries;
    } finally {
      await fh.close();
    }
  }

  /** Scans complete lines appended since the last scan; returns their entries. */
  async #scan(fh: FileHandle): Promise<(JournalRecord | UnreadableEntry)[]> {
    const { size } = await fh.stat();
    if (size <= this.#scannedBytes) return [];
    const bytes = await readRange(fh, this.#scannedBytes, size);
    const firstLine = this.#scannedLines + 1;
    const parsed = parseLines(bytes, this.#scannedBytes, (index, reason) => this.#report(firstLine + index, reason));
    this.#entryOffsets.push(...parsed.offsets);
    this.#entryLines.push(...parsed.lineIndexes.map((i) => firstLine + i));
    this.#scannedBytes += parsed.consumed;
    this.#scannedLines += parsed.lines;
    return parsed.entries;
  }

  #report(line: number, reason: string): void {
    if (this.#reported.has(line)) return;
    this.#reported.add(line);
    this.#onCorrupt(line, reason);
  }

  async #append(data: Buffer): Promise<void> {
    const lock = await this.#lock.acquire();
    try {
      let fh: FileHandle;
      try {
        fh = await open(this.path, 'a+');
      } catch (err) {
        throw new StorageError(`JournalFileBackend: cannot open ${this.path}: ${toError(err).message}`, { cause: err });
      }
      try {
        const base = await this.#repairTail(fh);
        await lock.assertHeld();
        await writeWhole(fh, data, base, this.path);
      } finally {
        await fh.close();
      }
    } finally {
      await lock.release();
    }
  }

  /**
   * Under the lock: the end of the last whole line, after dealing with a torn last line (a
   * writer died mid-append). Complete JSON is ended with a newline (Optuna already reads an
   * unterminated complete line as a record); anything else was never a record and is cut off.
   */
  async #repairTail(fh: FileHandle): Promise<number> {
    const { size } = await fh.stat();
    if (size === 0 || (await readRange(fh, size - 1, size))[0] === NEWLINE) return size;
    const lineStart = await lastLineStart(fh, size);
    const tail = (await readRange(fh, lineStart, size)).toString('utf8');
    let complete = false;
    try {
      parsePythonJson(tail);
      complete = true;
    } catch {
      // torn: cut it off below
    }
    if (complete) {
      await writeWhole(fh, Buffer.from('\n'), size, this.path);
      return size + 1;
    }
    await this.#scan(fh); // up to the torn line, so it can be reported by its number
    try {
      await fh.truncate(lineStart);
    } catch (err) {
      throw new StorageError(`JournalFileBackend: cannot remove the torn last line of ${this.path}: ${toError(err).message}`, {
        cause: err,
      });
    }
    this.#report(
      this.#scannedLines + 1,
      `a torn last line of ${size - lineStart} bytes left by a writer that died mid-append; removed (it was never acknowledged)`,
    );
    return lineStart;
  }
}

/** Writes all of `data` at the end, continuing after short writes, then fsyncs; on failure cuts back to `base`. */
async function writeWhole(fh: FileHandle, data: Buffer, base: number, path: string): Promise<void> {
  try {
    let done = 0;
    while (done < data.length) {
      const { bytesWritten } = await fh.write(data, done, data.length - done);
      if (!(bytesWritten > 0)) throw new Error(`the write made no progress after ${done} of ${data.length} bytes`);
      done += bytesWritten;
    }
    await fh.sync();
  } catch (err) {
    let undone = 'the file was truncated back to its last whole record';
    try {
      await fh.truncate(base);
      await fh.sync();
    } catch (truncErr) {
      undone = `truncating back to the last whole record failed too (${toError(truncErr).message}); the next append removes the torn line`;
    }
    throw new StorageError(`JournalFileBackend: cannot append to ${path}: ${toError(err).message}; ${undone}.`, { cause: err });
  }
}

/** Offset just after the last newline before `size` (0 when there is none). */
async function lastLineStart(fh: FileHandle, size: number): Promise<number> {
  const chunk = 64 * 1024;
  for (let end = size; end > 0; end -= chunk) {
    const start = Math.max(0, end - chunk);
    const bytes = await readRange(fh, start, end);
    const nl = bytes.lastIndexOf(NEWLINE);
    if (nl !== -1) return start + nl + 1;
  }
  return 0;
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
  entries: (JournalRecord | UnreadableEntry)[];
  /** Absolute byte offset of each entry. */
  offsets: number[];
  /** Index (among the lines parsed) of each entry's line. */
  lineIndexes: number[];
  /** Bytes of complete lines (the unterminated tail is left for later). */
  consumed: number;
  lines: number;
}

/**
 * Splits complete lines. A JSON value is an entry as it is (replay judges its shape); a line
 * that is not JSON becomes an `UnreadableEntry` and is reported; an empty line is reported and
 * takes no position (no writer writes one, so it cannot have been a record).
 */
function parseLines(bytes: Buffer, base: number, onCorrupt: (lineIndex: number, reason: string) => void): Parsed {
  const out: Parsed = { entries: [], offsets: [], lineIndexes: [], consumed: 0, lines: 0 };
  let start = 0;
  for (let nl = bytes.indexOf(NEWLINE, start); nl !== -1; nl = bytes.indexOf(NEWLINE, start)) {
    const text = bytes.toString('utf8', start, nl);
    if (text.trim().length === 0) {
      onCorrupt(out.lines, 'an empty line');
    } else {
      let entry: JournalRecord | UnreadableEntry;
      try {
        entry = parsePythonJson(text) as JournalRecord;
      } catch {
        entry = unreadableEntry(text, 'not valid JSON');
        onCorrupt(out.lines, 'not valid JSON');
      }
      out.entries.push(entry);
      out.offsets.push(base + start);
      out.lineIndexes.push(out.lines);
    }
    out.lines += 1;
    start = nl + 1;
  }
  out.consumed = start;
  return out;
}
