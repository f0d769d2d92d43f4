// Two processes × 20 GP trials on one file journal: each process's GP proposals reach the other
// through the journal (gp:relative_params) and count there as pending points, so the two never
// propose the same point (before, only same-process trials were pending: 2 × 50 trials on one file
// proposed 3 identical pairs).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { JournalFileBackend } from '../../src/node/file-journal.js';
import { createStudy, loadStudy } from '../../src/study/create.js';
import { SYSTEM_ATTR } from '../../src/trial/index.js';

const worker = fileURLToPath(new URL('../helpers/gp-pending-worker.ts', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'bonito-gp-pending-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(args: string[]): Promise<number | null> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', worker, ...args], { stdio: ['ignore', 'ignore', 'inherit'] });
    child.once('error', reject);
    child.once('exit', (code) => resolve(code));
  });
}

describe('GP pending points across processes', () => {
  it('2 processes × 20 GP trials on one file journal propose no identical pair, and the journal holds each proposal', async () => {
    const path = join(dir, 'gp.jsonl');
    await createStudy({ name: 'gp', storage: new JournalFileBackend(path), seed: 21 });
    expect(await Promise.all([run([path, '20', '50', 'a']), run([path, '20', '50', 'b'])])).toEqual([0, 0]);

    const study = await loadStudy({ name: 'gp', storage: new JournalFileBackend(path, { readOnly: true }) });
    const trials = study.getTrials();
    expect(trials.length).toBe(40);
    expect(trials.every((t) => t.state === 'COMPLETE')).toBe(true);
    expect(new Set(trials.map((t) => t.userAttrs.worker))).toEqual(new Set(['a', 'b']));
    const identical: string[] = [];
    for (let i = 0; i < trials.length; i++) {
      for (let j = i + 1; j < trials.length; j++) {
        if (trials[i].params.x === trials[j].params.x && trials[i].params.y === trials[j].params.y) identical.push(`${i}/${j}`);
      }
    }
    expect(identical).toEqual([]);
    // Every model-based trial stored the proposal it ran with (the first 5+ are the start-up design).
    const proposed = trials.filter((t) => t.systemAttrs[SYSTEM_ATTR.gpRelativeParams] !== undefined);
    expect(proposed.length).toBeGreaterThanOrEqual(30);
    for (const t of proposed) expect(t.systemAttrs[SYSTEM_ATTR.gpRelativeParams]).toEqual(t.params);
  }, 60_000);
});
