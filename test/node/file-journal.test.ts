import { execFileSync, spawn } from 'node:child_process';
import { appendFileSync, chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { StorageError } from '../../src/errors.js';
import { JournalFileBackend } from '../../src/node/file-journal.js';
import { createStudy, loadStudy } from '../../src/study/create.js';

const dir = mkdtempSync(join(tmpdir(), 'bonito-file-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const worker = fileURLToPath(new URL('../helpers/append-worker.ts', import.meta.url));

function run(args: string[]): Promise<number | null> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', worker, ...args], { stdio: ['ignore', 'ignore', 'inherit'] });
    child.on('error', reject);
    child.on('exit', (code) => resolve(code));
  });
}

describe('JournalFileBackend', () => {
  it('loses nothing when two processes append at once', async () => {
    const path = join(dir, 'two.jsonl');
    const n = 150;
    const codes = await Promise.all([run([path, 'A', String(n), '1', 'A,B']), run([path, 'B', String(n), '3', 'A,B'])]);
    expect(codes).toEqual([0, 0]);
    const lines = readFileSync(path, 'utf8').split('\n');
    expect(lines.pop()).toBe(''); // the file ends with a newline
    expect(lines).toHaveLength(2 * n);
    const records = await new JournalFileBackend(path).readLogs(0);
    for (const name of ['A', 'B']) {
      const seqs = records.filter((r) => r.worker_id === name).map((r) => (r as unknown as { user_attr: { seq: number } }).user_attr.seq);
      expect(seqs).toEqual(Array.from({ length: n }, (_, i) => i)); // all there, in each writer's order
    }
    // Both writers really interleaved (otherwise this test would prove nothing about locking).
    const switches = records.filter((r, i) => i > 0 && r.worker_id !== records[i - 1].worker_id).length;
    expect(switches).toBeGreaterThan(1);
  });

  it('shares a study between backends on one file, as separate processes would', async () => {
    const path = join(dir, 'shared.jsonl');
    const a = await createStudy({ name: 's', storage: new JournalFileBackend(path), seed: 8 });
    const b = await loadStudy({ name: 's', storage: new JournalFileBackend(path) });
    await Promise.all([
      a.optimize((t) => t.suggestFloat('x', 0, 1), { nTrials: 6, concurrency: 2 }),
      b.optimize((t) => t.suggestFloat('x', 0, 1), { nTrials: 6, concurrency: 2 }),
    ]);
    const c = await loadStudy({ name: 's', storage: new JournalFileBackend(path) });
    expect(c.trials.map((t) => t.number)).toEqual(Array.from({ length: 12 }, (_, i) => i));
    expect(c.trials.every((t) => t.state === 'COMPLETE' && t.value === t.params.x)).toBe(true);
    expect(c.seed).toBe(8n);
  });

  it('rejects a bad path, option or position', () => {
    expect(() => new JournalFileBackend('')).toThrow(TypeError);
    expect(() => new JournalFileBackend('x', { lockStaleMs: 10 })).toThrow(/`lockStaleMs` must be a finite number >= 2000 but got 10\./);
    expect(() => new JournalFileBackend(join(dir, 'p.jsonl')).readLogs(-1)).toThrow(RangeError);
  });

  it('reports an unwritable path as a StorageError', async () => {
    const backend = new JournalFileBackend(join(dir, 'no-such-dir', 'j.jsonl'));
    await expect(backend.appendLogs([{ op_code: 0, worker_id: 'w', study_name: 's', directions: [1] }])).rejects.toThrow(StorageError);
    await expect(backend.appendLogs([{ op_code: 0, worker_id: 'w', study_name: 's', directions: [1] }])).rejects.toThrow(
      /no-such-dir.*ENOENT/,
    );
  });
});

/**
 * A directory whose files cannot be written, really: a read-only bind mount when running as
 * root (root ignores permission bits), else permission bits. Returns the path and an undo.
 */
function makeReadOnly(source: string): { path: string; undo: () => void } {
  if (process.getuid?.() !== 0) {
    for (const f of ['ro.jsonl']) chmodSync(join(source, f), 0o444);
    chmodSync(source, 0o555);
    return { path: source, undo: () => chmodSync(source, 0o755) };
  }
  const target = `${source}-ro`;
  mkdirSync(target);
  execFileSync('mount', ['--bind', source, target]);
  execFileSync('mount', ['-o', 'remount,bind,ro', target]);
  return { path: target, undo: () => execFileSync('umount', [target]) };
}

describe('JournalFileBackend on a read-only file', () => {
  it('opens for loadStudy, show, export and report without writing anything', async () => {
    const source = join(dir, 'ro-source');
    mkdirSync(source);
    const writable = join(source, 'ro.jsonl');
    const study = await createStudy({ name: 'ro', storage: new JournalFileBackend(writable), seed: 3 });
    await study.optimize((t) => t.suggestFloat('x', 0, 1), { nTrials: 3 });
    const ro = makeReadOnly(source);
    try {
      const file = join(ro.path, 'ro.jsonl');
      expect(() => appendFileSync(file, 'x')).toThrow(/EROFS|EACCES/); // the premise: really read-only
      const before = statSync(file);
      const loaded = await loadStudy({ name: 'ro', storage: new JournalFileBackend(file) });
      expect(loaded.trials.map((t) => t.value)).toEqual(study.trials.map((t) => t.value));
      const explicit = await loadStudy({ name: 'ro', storage: new JournalFileBackend(file, { readOnly: true }) });
      expect(explicit.bestValue).toBe(study.bestValue);
      const cli = (args: string[]) =>
        execFileSync(process.execPath, ['--import', 'tsx', 'src/node/cli/bin.ts', ...args], {
          cwd: fileURLToPath(new URL('../../', import.meta.url)),
          encoding: 'utf8',
          stdio: ['ignore', 'pipe', 'pipe'],
        });
      expect(cli(['show', file])).toMatch(/^Study "ro" \(minimize\): 3 trials: 3 complete/);
      expect(JSON.parse(cli(['export', file, '--format', 'json'])).trials).toHaveLength(3);
      const html = join(dir, 'ro-report.html');
      expect(cli(['report', file, '-o', html])).toContain('Wrote the report of study "ro"');
      expect(statSync(file)).toMatchObject({ size: before.size, mtimeMs: before.mtimeMs });
      expect(() => statSync(`${file}.lock`)).toThrow(/ENOENT/);
    } finally {
      ro.undo();
    }
  });
});
