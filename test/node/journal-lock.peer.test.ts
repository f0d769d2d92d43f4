// Optuna 3.1's own locks (Debian's python3-optuna) left by a SIGKILLed Python writer: its
// JournalFileSymlinkLock and JournalFileOpenLock are taken over once lockStaleMs old, and Optuna
// locks and appends again after bonito. Fails, never skips, without Python: CI installs it.
import { spawn } from 'node:child_process';
import { existsSync, lstatSync, symlinkSync, writeFileSync } from 'node:fs';
import { lutimes } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { JournalFileBackend } from '../../src/node/file-journal.js';
import { lockFixture, timedAppend } from '../helpers/lock-holders.js';

const { fresh, killHolding } = lockFixture('bonito-optuna-lock-');
const pyLock = fileURLToPath(new URL('../fixtures/optuna_lock.py', import.meta.url));

describe('Optuna lock staleness', () => {
  it.each(['symlink', 'open'])('takes over the %s lock of a SIGKILLed Optuna writer once it is lockStaleMs old', async (kind) => {
    const path = fresh();
    await killHolding('/usr/bin/python3', [pyLock, 'hold', path, kind], path);
    const st = lstatSync(`${path}.lock`);
    expect(kind === 'symlink' ? st.isSymbolicLink() : st.isFile()).toBe(true);
    const ms = await timedAppend(new JournalFileBackend(path, { lockStaleMs: 2000 }));
    expect(ms).toBeGreaterThan(1500); // it was fresh: waited for it to age
    expect(ms).toBeLessThan(6000);
    expect(existsSync(`${path}.lock`)).toBe(false);
    expect(existsSync(path)).toBe(true); // the symlink's target, the journal, is untouched
  });

  it('takes over an old Optuna lock at once and leaves Optuna able to lock and append after it', async () => {
    const path = fresh();
    writeFileSync(path, '');
    symlinkSync(path, `${path}.lock`);
    const old = new Date(Date.now() - 60_000);
    await lutimes(`${path}.lock`, old, old);
    expect(await timedAppend(new JournalFileBackend(path))).toBeLessThan(1000);
    const py = spawn('/usr/bin/python3', [pyLock, 'append', path], { stdio: 'ignore' });
    expect(await new Promise((resolve) => py.on('exit', resolve))).toBe(0);
    expect((await new JournalFileBackend(path).readLogs(0)).map((r) => r.worker_id)).toEqual(['w', 'py']);
  });
});
