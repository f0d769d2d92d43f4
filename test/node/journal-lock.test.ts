import { existsSync, lstatSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { JournalFileBackend } from '../../src/node/file-journal.js';
import { JournalFileLock } from '../../src/node/journal-lock.js';
import { rec } from '../helpers/journal.js';
import { lockFixture, timedAppend } from '../helpers/lock-holders.js';

const { fresh, killHolding } = lockFixture('bonito-lock-');
const holder = fileURLToPath(new URL('../helpers/lock-holder.ts', import.meta.url));

describe('journal lock staleness', () => {
  it('takes over the lock of a SIGKILLed bonito writer at once (its pid is gone), not after lockStaleMs', async () => {
    const path = fresh();
    await killHolding(process.execPath, ['--import', 'tsx', holder, path], path);
    expect(lstatSync(`${path}.lock`).isDirectory()).toBe(true); // the dead writer's lock is still there
    const ms = await timedAppend(new JournalFileBackend(path)); // default lockStaleMs: 10 s
    expect(ms).toBeLessThan(2000);
    expect(existsSync(`${path}.lock`)).toBe(false);
  });

  it('waits for a live lock: a fresh Optuna lock, or a bonito lock refreshed by a holder on another host', async () => {
    const path = fresh();
    writeFileSync(path, '');
    symlinkSync(path, `${path}.lock`);
    const backend = new JournalFileBackend(path);
    let done = false;
    const append = backend.appendLogs([rec.createStudy('w', 's')]).then(() => (done = true));
    await sleep(300);
    expect(done).toBe(false);
    rmSync(`${path}.lock`); // the Optuna writer releases it
    await append;

    const remote = fresh();
    mkdirSync(`${remote}.lock`);
    writeFileSync(join(`${remote}.lock`, 'owner.json'), JSON.stringify({ token: 't', pid: 1, host: 'another-host', pidns: 'x' }));
    const lock = new JournalFileLock(remote, { staleMs: 2000, timeoutMs: 500 });
    await expect(lock.acquire()).rejects.toThrow(/\.lock is still held by pid 1 on another-host after 500 ms/);
    // Not refreshed any more (its host died): taken over after staleMs.
    const t0 = performance.now();
    const held = await new JournalFileLock(remote, { staleMs: 2000 }).acquire();
    expect(performance.now() - t0).toBeGreaterThan(1000);
    await held.release();
    expect(existsSync(`${remote}.lock`)).toBe(false);
  });

  it('a holder that stalled past the bound and lost its lock fails instead of writing under someone else’s lock', async () => {
    const path = fresh();
    const lock = new JournalFileLock(path, { staleMs: 2000 });
    const held = await lock.acquire();
    // Another host's taker judged it stale and took it over.
    rmSync(`${path}.lock`, { recursive: true });
    const other = await new JournalFileLock(path, { staleMs: 2000 }).acquire();
    await expect(held.assertHeld()).rejects.toThrow(/was taken over while held/);
    await held.release(); // leaves the other holder's lock alone
    expect(existsSync(`${path}.lock`)).toBe(true);
    await other.release();
  });
});
