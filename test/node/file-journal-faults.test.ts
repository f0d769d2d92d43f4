// The file journal under injected I/O faults: short writes, a disk that fills up mid-append, and
// a spy on every open() to prove that reading never opens the file for writing.
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { StorageError } from '../../src/errors.js';
import { JournalFileBackend } from '../../src/node/file-journal.js';
import { JournalReplay } from '../../src/storage/replay.js';
import { createStudy, loadStudy } from '../../src/study/create.js';
import { rec } from '../helpers/journal.js';

/** What the fake fs does: every open's flags, and how writes misbehave. */
const faults = vi.hoisted(() => ({
  opens: [] as { path: string; flags: string }[],
  /** Each write call writes at most this many bytes (a short write), when set. */
  maxBytesPerWrite: undefined as number | undefined,
  /** After this many bytes in total, writes fail with ENOSPC, when set. */
  spaceLeft: undefined as number | undefined,
  writeCalls: 0,
}));

vi.mock('node:fs/promises', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:fs/promises')>();
  const wrap = (fh: FileHandle): FileHandle =>
    new Proxy(fh, {
      get(target, prop, receiver) {
        if (prop !== 'write') {
          const v = Reflect.get(target, prop, receiver) as unknown;
          return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
        }
        return async (buffer: Buffer, offset = 0, length = buffer.length - offset) => {
          faults.writeCalls += 1;
          let n = length;
          if (faults.maxBytesPerWrite !== undefined) n = Math.min(n, faults.maxBytesPerWrite);
          if (faults.spaceLeft !== undefined) {
            if (faults.spaceLeft === 0) throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
            n = Math.min(n, faults.spaceLeft);
            faults.spaceLeft -= n;
          }
          return target.write(buffer, offset, n);
        };
      },
    });
  const open = async (path: string, flags: string, mode?: number) => {
    faults.opens.push({ path: String(path), flags: String(flags) });
    return wrap(await real.open(path, flags, mode));
  };
  return { ...real, open, default: { ...real, open } };
});

const dir = mkdtempSync(join(tmpdir(), 'bonito-faults-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => {
  faults.opens.length = 0;
  faults.maxBytesPerWrite = undefined;
  faults.spaceLeft = undefined;
  faults.writeCalls = 0;
});
let files = 0;
const fresh = () => join(dir, `j${files++}.jsonl`);

describe('JournalFileBackend under I/O faults', () => {
  it('keeps writing after short writes until every byte is down', async () => {
    const path = fresh();
    const backend = new JournalFileBackend(path);
    faults.maxBytesPerWrite = 7;
    const records = [rec.createStudy('w', 's'), rec.createTrial('w', 0), rec.userAttr('w', 0, 'note', 'x'.repeat(100))];
    await backend.appendLogs(records);
    expect(faults.writeCalls).toBeGreaterThan(20);
    expect(await new JournalFileBackend(path).readLogs(0)).toEqual(records);
    expect(readFileSync(path, 'utf8').endsWith('\n')).toBe(true);
  });

  it('fails a partly written append with a StorageError and truncates back to the last whole record', async () => {
    const path = fresh();
    const backend = new JournalFileBackend(path, { onCorruptLine: () => undefined });
    await backend.appendLogs([rec.createStudy('w', 's'), rec.createTrial('w', 0)]);
    const whole = readFileSync(path);
    faults.spaceLeft = 40; // the disk fills up inside the first of the two records
    const append = backend.appendLogs([rec.finish('w', 0, 1, 2.5), rec.userAttr('w', 0, 'k', 'v')]);
    await expect(append).rejects.toThrow(StorageError);
    await expect(append).rejects.toThrow(/ENOSPC.*truncated back to its last whole record/);
    expect(readFileSync(path)).toEqual(whole); // nothing half-written is left
    faults.spaceLeft = undefined;
    await backend.appendLogs([rec.finish('w', 0, 1, 3)]);
    const replay = new JournalReplay();
    replay.apply(await new JournalFileBackend(path).readLogs(0));
    expect(replay.trial(0)?.value).toBe(3);
  });

  it('a study whose append failed reports it from tell instead of resolving', async () => {
    const path = fresh();
    const study = await createStudy({ name: 's', storage: new JournalFileBackend(path), seed: 1 });
    const trial = await study.ask();
    trial.suggestFloat('x', 0, 1);
    faults.spaceLeft = 10;
    await expect(study.tell(trial, 1)).rejects.toThrow(StorageError);
    faults.spaceLeft = undefined;
    const reloaded = await loadStudy({ name: 's', storage: new JournalFileBackend(path), failStaleTrials: false });
    expect(reloaded.trials.map((t) => t.state)).toEqual(['RUNNING']); // never COMPLETE without its record
  });

  it('never opens the file for writing to read it, and a readOnly backend refuses to append', async () => {
    const path = fresh();
    const writer = await createStudy({ name: 's', storage: new JournalFileBackend(path), seed: 1 });
    await writer.tell(await writer.ask(), 1);
    const { mtimeMs, size } = statSync(path);
    faults.opens.length = 0;
    const reader = new JournalFileBackend(path, { readOnly: true });
    const study = await loadStudy({ name: 's', storage: reader });
    expect(study.trials).toHaveLength(1);
    await study.refresh();
    expect(await new JournalFileBackend(path).readLogs(0)).toHaveLength(4);
    expect(faults.opens.length).toBeGreaterThan(0);
    expect(faults.opens.filter((o) => o.path.startsWith(path) && o.flags !== 'r')).toEqual([]);
    expect(statSync(path)).toMatchObject({ mtimeMs, size });
    await expect(reader.appendLogs([rec.createStudy('w', 't')])).rejects.toThrow(/cannot append to .* it was opened with `readOnly: true`/);
    // A missing file reads as an empty journal and is not created by reading.
    const missing = join(dir, 'missing.jsonl');
    expect(await new JournalFileBackend(missing).readLogs(0)).toEqual([]);
    expect(() => statSync(missing)).toThrow(/ENOENT/);
  });
});
