// The dashboard over a journal that Optuna 3.1 (Debian's python3-optuna) wrote: every state,
// None among categorical choices, an infinite value.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { startDashboard } from '../../../src/node/dashboard/server.js';
import { optuna } from '../../helpers/optuna.js';

const dir = mkdtempSync(join(tmpdir(), 'bonito-dashboard-optuna-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('serves a journal written by Optuna: the same trials, states and values', async () => {
  const path = join(dir, 'optuna.jsonl');
  const [py] = optuna('write', path);
  const dashboard = await startDashboard({ storage: path, port: 0 });
  try {
    const { studies } = await (await fetch(new URL('/api/studies', dashboard.url))).json();
    const count = (s: string) => py.trials.filter((t) => t.state === s).length;
    expect(studies).toEqual([
      {
        name: py.name,
        directions: ['maximize'],
        counts: {
          COMPLETE: count('COMPLETE'),
          PRUNED: count('PRUNED'),
          FAIL: count('FAIL'),
          RUNNING: count('RUNNING'),
          WAITING: count('WAITING'),
        },
        total: py.trials.length,
        best: 'Infinity', // trial 4 returned inf, which Optuna keeps as a COMPLETE value
      },
    ]);
    const detail = await (await fetch(new URL(`/api/study?name=${encodeURIComponent(py.name)}`, dashboard.url))).json();
    expect(detail.study.trials.map((t: { state: string }) => t.state)).toEqual(py.trials.map((t) => t.state));
    expect(detail.study.trials.map((t: { params: unknown }) => t.params)).toEqual(py.trials.map((t) => t.params));
    const values = py.trials.map((t) => (t.value === null ? null : Number.isFinite(t.value) ? t.value : String(t.value)));
    expect(detail.study.trials.map((t: { value: unknown }) => t.value)).toEqual(values);
    expect(detail.plots.curves).not.toBeNull();
  } finally {
    await dashboard.close();
  }
});
