import { describe, expect, it } from 'vitest';
import { studyPlotSpecs } from '../../src/report/specs.js';
import { studyReportTables } from '../../src/report/tables.js';
import { RandomSampler } from '../../src/samplers/random.js';
import { createStudy } from '../../src/study/create.js';

type Row = Record<string, unknown>;

async function twoObjectives() {
  const study = await createStudy({
    directions: ['minimize', 'maximize'],
    seed: 3,
    sampler: new RandomSampler(),
    constraints: (t) => [(t.params.x as number) - 0.9],
  });
  await study.optimize(
    (t) => {
      const x = t.suggestFloat('x', 0, 1);
      return [x, x + t.suggestFloat('y', 0, 0.5)];
    },
    { nTrials: 25 },
  );
  return study;
}

describe('the Pareto front in reports', () => {
  it('marks exactly the study\u2019s bestTrials as the front, infeasible trials apart', async () => {
    const study = await twoObjectives();
    const spec = studyPlotSpecs(study).pareto as Row;
    const points = ((spec.layer as Row[])[1].data as { values: { trial: number; kind: string }[] }).values;
    expect(points).toHaveLength(25);
    expect(points.filter((p) => p.kind === 'Pareto front').map((p) => p.trial)).toEqual(study.bestTrials.map((t) => t.number));
    const infeasible = study.trials.filter((t) => (t.params.x as number) > 0.9).map((t) => t.number);
    expect(points.filter((p) => p.kind === 'infeasible').map((p) => p.trial)).toEqual(infeasible);
    // The same from the study's JSON export (as a browser would fetch it).
    const fromJson = studyPlotSpecs(JSON.parse(JSON.stringify(study.toJSON()))).pareto as Row;
    expect(((fromJson.layer as Row[])[1].data as { values: unknown[] }).values).toEqual(points);
  });

  it('the tables list the front instead of a best trial', async () => {
    const study = await twoObjectives();
    const tables = studyReportTables(study, 100);
    expect(tables.best).toBeNull();
    expect(tables.directions).toEqual(['minimize', 'maximize']);
    expect(tables.top.map((t) => t.number)).toEqual(study.bestTrials.map((t) => t.number));
    expect(tables.top.every((t) => t.values.length === 2)).toBe(true);
  });

  it('is null for one objective', async () => {
    const study = await createStudy({ seed: 1, sampler: new RandomSampler() });
    await study.optimize((t) => t.suggestFloat('x', 0, 1), { nTrials: 3 });
    expect(studyPlotSpecs(study).pareto).toBeNull();
  });
});
