import { randomUUID } from 'node:crypto';
import { link, lstat, mkdir, readFile, readlink, rename, rm, unlink, utimes, writeFile } from 'node:fs/promises';
import type { Stats } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { StorageError, toError } from '../errors.js';

/** Options of {@link JournalFileLock}. */
export interface JournalFileLockOptions {
  /** A lock whose holder cannot be proven alive is taken over once it is older than this. */
  staleMs: number;
  /** Give up (StorageError) after waiting this long for a live holder. @defaultValue 300000 */
  timeoutMs?: number;
}

/** Who holds a bonito lock: enough to prove, on the same machine, that the holder died. */
interface Owner {
  token: string;
  pid: number;
  host: string;
  /** The pid namespace: equal pids in two containers on one host are different processes. */
  pidns: string;
}

/** A held lock. */
export interface HeldLock {
  /** Throws StorageError when the lock was taken over (the holder stalled past the bound). */
  assertHeld(): Promise<void>;
  release(): Promise<void>;
}

let pidNamespace: Promise<string> | null = null;
const ownPidNamespace = (): Promise<string> => (pidNamespace ??= readlink('/proc/self/ns/pid').catch(() => 'unknown'));

/**
 * The inter-process lock of a JSONL journal: `<path>.lock`, the path Optuna's own locks use, so
 * bonito and Optuna writers exclude each other whatever style made the lock.
 *
 * - bonito's lock is a directory (`mkdir` is atomic everywhere, NFS included) holding
 *   `owner.json` (pid, host, pid namespace), its mtime refreshed every `staleMs / 3` while held.
 * - Optuna 3.1's `JournalFileSymlinkLock` is a symlink and its `JournalFileOpenLock` a plain
 *   file; Optuna holds either for one write + fsync and never refreshes it.
 *
 * Staleness, the bound within which a dead holder's lock is taken over:
 * - a bonito lock whose holder ran on this machine (same host name and pid namespace) and whose
 *   pid no longer exists: at once;
 * - any other bonito lock: once its mtime is older than `staleMs` (the holder stopped refreshing);
 * - an Optuna lock (symlink or file): once it is older than `staleMs` (judged by `lstat`, the
 *   link's own time, never its target's).
 *
 * Takeover renames the lock aside (atomic: one taker wins) and then removes it, so it never
 * removes a lock it did not judge; a holder that was only slow finds out in `assertHeld`.
 */
export class JournalFileLock {
  readonly lockPath: string;
  readonly #staleMs: number;
  readonly #timeoutMs: number;

  constructor(targetPath: string, options: JournalFileLockOptions) {
    this.lockPath = `${targetPath}.lock`;
    this.#staleMs = options.staleMs;
    this.#timeoutMs = options.timeoutMs ?? 300_000;
  }

  /** Waits for the lock; takes over a stale one. @throws StorageError on timeout or an I/O error. */
  async acquire(): Promise<HeldLock> {
    const owner: Owner = { token: randomUUID(), pid: process.pid, host: hostname(), pidns: await ownPidNamespace() };
    const deadline = Date.now() + this.#timeoutMs;
    let delay = 2;
    let lastHolder = 'unknown';
    for (;;) {
      try {
        await mkdir(this.lockPath);
        break;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw this.#error('cannot create', err);
      }
      const verdict = await this.#inspect(owner);
      if (verdict === 'gone') continue;
      lastHolder = verdict.holder;
      if (verdict.stale) {
        await this.#takeOver(verdict.ino);
        continue;
      }
      if (Date.now() > deadline) {
        throw new StorageError(`JournalFileLock: ${this.lockPath} is still held by ${lastHolder} after ${this.#timeoutMs} ms.`);
      }
      await sleep(delay * (0.5 + Math.random()));
      delay = Math.min(25, delay * 1.5); // short: a writer re-locks at once after releasing, so long sleeps starve waiters
    }
    try {
      await writeFile(join(this.lockPath, 'owner.json'), JSON.stringify(owner));
    } catch (err) {
      await rm(this.lockPath, { recursive: true, force: true }).catch(() => undefined);
      throw this.#error('cannot write the owner of', err);
    }
    return this.#held(owner);
  }

  #held(owner: Owner): HeldLock {
    const refresh = setInterval(
      () => {
        const now = new Date();
        utimes(this.lockPath, now, now).catch(() => undefined);
      },
      Math.max(100, Math.floor(this.#staleMs / 3)),
    );
    refresh.unref();
    const held = async (): Promise<boolean> => (await this.#readOwner())?.token === owner.token;
    return {
      assertHeld: async () => {
        if (!(await held())) {
          throw new StorageError(
            `JournalFileLock: ${this.lockPath} was taken over while held (this writer stalled longer than ${this.#staleMs} ms).`,
          );
        }
      },
      release: async () => {
        clearInterval(refresh);
        if (!(await held())) return; // taken over: the lock there now is someone else's
        const aside = `${this.lockPath}.${randomUUID()}.release`;
        try {
          await rename(this.lockPath, aside);
        } catch (err) {
          throw this.#error('cannot release', err);
        }
        await rm(aside, { recursive: true, force: true });
      },
    };
  }

  async #readOwner(): Promise<Owner | null> {
    try {
      const parsed = JSON.parse(await readFile(join(this.lockPath, 'owner.json'), 'utf8')) as Partial<Owner>;
      if (typeof parsed.token !== 'string' || !Number.isSafeInteger(parsed.pid) || typeof parsed.host !== 'string') return null;
      return { token: parsed.token, pid: parsed.pid as number, host: parsed.host, pidns: String(parsed.pidns) };
    } catch {
      return null; // missing (being created, or an Optuna lock) or torn
    }
  }

  async #inspect(self: Owner): Promise<'gone' | { stale: boolean; ino: number; holder: string }> {
    let st: Stats;
    try {
      st = await lstat(this.lockPath);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return 'gone';
      throw this.#error('cannot inspect', err);
    }
    const age = Date.now() - st.mtimeMs;
    const old = age > this.#staleMs;
    if (!st.isDirectory()) {
      const kind = st.isSymbolicLink() ? 'symlink' : 'file';
      return { stale: old, ino: st.ino, holder: `an Optuna ${kind} lock ${Math.round(age)} ms old` };
    }
    const owner = await this.#readOwner();
    if (owner === null) return { stale: old, ino: st.ino, holder: `a bonito lock ${Math.round(age)} ms old` };
    const holder = `pid ${owner.pid} on ${owner.host}`;
    const local = owner.host === self.host && owner.pidns === self.pidns;
    return { stale: old || (local && !processExists(owner.pid)), ino: st.ino, holder };
  }

  /** Moves the judged lock aside and removes it; a lock made since (another inode) is left alone. */
  async #takeOver(ino: number): Promise<void> {
    const aside = `${this.lockPath}.${randomUUID()}.stale`;
    try {
      await rename(this.lockPath, aside);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return; // another taker was first
      throw this.#error('cannot take over', err);
    }
    const moved = await lstat(aside).catch(() => null);
    if (moved !== null && moved.ino !== ino) {
      // Another taker removed the stale lock and a new holder locked in between: hand it back
      // without replacing anything (link fails on an existing path; a directory can only be
      // renamed onto a missing or empty one). If even that fails, its holder learns it in
      // `assertHeld` before writing.
      if (moved.isDirectory()) await rename(aside, this.lockPath).catch(() => undefined);
      else
        await link(aside, this.lockPath)
          .then(() => unlink(aside))
          .catch(() => undefined);
      return;
    }
    await rm(aside, { recursive: true, force: true });
  }

  #error(what: string, err: unknown): StorageError {
    return new StorageError(`JournalFileLock: ${what} ${this.lockPath}: ${toError(err).message}`, { cause: err });
  }
}

/** Whether a process with this pid exists here (EPERM: it exists but is not ours). */
function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
