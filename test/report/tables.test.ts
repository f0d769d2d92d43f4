import { describe, expect, it } from 'vitest';
import { RandomSampler } from '../../src/samplers/random.js';
import { studyReportTables } from '../../src/report/tables.js';
import { createStudy } from '../../src/study/create.js';

async function study(direction: 'minimize' | 'maximize') {
  const s = await createStudy({ direction, seed: 8, sampler: new RandomSampler(), onWarning: () => {} });
  const values = [3, 1, Number.NaN, 1, 7, 2];
  await s.optimize(
    (t) => {
      t.suggestFloat('x', 0, 1);
      if (t.number === 5) t.suggestCategorical('extra', ['a', 'b']);
      if (t.number === 4) throw new RangeError('diverged');
      return values[t.number];
    },
    { nTrials: values.length, catch: [RangeError] },
  );
  await s.ask(); // left RUNNING
  return s;
}

describe('studyReportTables', () => {
  it('counts every state, ranks COMPLETE trials best first with ties by number, and agrees with bestTrial', async () => {
    for (const direction of ['minimize', 'maximize'] as const) {
      const s = await study(direction);
      const tables = studyReportTables(s, 3);
      expect(tables.counts).toEqual({ RUNNING: 1, COMPLETE: 4, PRUNED: 0, FAIL: 2, WAITING: 0 });
      expect(tables.total).toBe(7);
      expect(tables.top.map((t) => t.number)).toEqual(direction === 'minimize' ? [1, 3, 5] : [0, 5, 1]);
      expect(tables.best).toEqual({ number: s.bestTrial!.number, value: s.bestValue, values: [s.bestValue], params: s.bestParams });
      expect(tables.paramNames).toEqual(['x', 'extra']);
    }
  });

  it('gives the same tables from a Study and from its JSON export', async () => {
    const s = await study('minimize');
    expect(studyReportTables(JSON.parse(s.export('json')), 4)).toEqual(studyReportTables(s, 4));
  });

  it('has no best trial and an empty top table when nothing completed, and rejects a bad `top`', async () => {
    const s = await createStudy({ seed: 1, sampler: new RandomSampler() });
    await s.ask();
    const tables = studyReportTables(s);
    expect(tables.best).toBeNull();
    expect(tables.top).toEqual([]);
    expect(tables.counts.RUNNING).toBe(1);
    expect(() => studyReportTables(s, 1.5)).toThrow(new RangeError('studyReportTables: `top` must be a positive integer but got 1.5.'));
  });
});
