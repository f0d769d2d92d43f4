// Shared by the journal-lock tests (bonito's own locks and Optuna's): fresh journal paths in a
// temporary folder, a lock holder that is SIGKILLed while it holds the lock, a timed append.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll } from 'vitest';
import type { JournalFileBackend } from '../../src/node/file-journal.js';
import { rec } from './journal.js';

/** A temporary folder for one test file, removed (and its lock holders killed) after it. */
export function lockFixture(prefix: string): {
  fresh: () => string;
  killHolding: (command: string, args: string[], path: string) => Promise<void>;
} {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const children: ChildProcess[] = [];
  afterAll(() => {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });
  let files = 0;
  return {
    fresh: () => join(dir, `j${files++}.jsonl`),
    /** Starts a process that takes the lock of `path`, waits until it holds it, then SIGKILLs it. */
    async killHolding(command, args, path) {
      const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'] });
      children.push(child);
      let stderr = '';
      child.stderr?.on('data', (d) => {
        stderr += d;
      });
      const exit = new Promise((resolve) => child.on('exit', resolve));
      while (!existsSync(`${path}.held`)) {
        if (child.exitCode !== null) throw new Error(`the lock holder exited early: ${stderr}`);
        await sleep(20);
      }
      child.kill('SIGKILL');
      await exit;
    },
  };
}

/** Milliseconds one append of one record takes (waiting for the lock included). */
export async function timedAppend(backend: JournalFileBackend): Promise<number> {
  const t0 = performance.now();
  await backend.appendLogs([rec.createStudy('w', 's')]);
  return performance.now() - t0;
}
