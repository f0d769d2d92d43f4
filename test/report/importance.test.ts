import { describe, expect, it } from 'vitest';
import { paramImportances } from '../../src/importance/param-importances.js';
import { importanceSpec } from '../../src/report/importance.js';
import { RandomSampler } from '../../src/samplers/random.js';
import { createStudy } from '../../src/study/create.js';

type Bar = { parameter: string; importance: number; objective: string };
const bars = (spec: Record<string, unknown> | null) => (spec === null ? [] : (spec.data as { values: Bar[] }).values);

describe('importanceSpec', () => {
  it('draws one bar per parameter with the importances of paramImportances, most important first', async () => {
    const study = await createStudy({ name: 's', seed: 1, sampler: new RandomSampler() });
    expect(importanceSpec(study)).toBeNull(); // no trial yet
    await study.optimize(
      (t) => 5 * t.suggestFloat('a', 0, 1) + t.suggestFloat('b', 0, 1) + (t.suggestCategorical('c', [1, 2]) === 1 ? 0 : 0.1),
      {
        nTrials: 1,
      },
    );
    expect(importanceSpec(study)).toBeNull(); // one COMPLETE trial is not enough
    await study.optimize(
      (t) => 5 * t.suggestFloat('a', 0, 1) + t.suggestFloat('b', 0, 1) + (t.suggestCategorical('c', [1, 2]) === 1 ? 0 : 0.1),
      {
        nTrials: 40,
      },
    );
    const spec = importanceSpec(study);
    const expected = paramImportances(study);
    expect(bars(spec).map((b) => [b.parameter, b.importance])).toEqual(expected.map((p) => [p.name, p.importance]));
    expect(bars(spec)[0].parameter).toBe('a');
    expect((spec?.encoding as { y: { sort: string[] } } | undefined)?.y.sort).toEqual(['a', 'b', 'c']);
    expect(importanceSpec(study.toJSON())).toBeNull(); // exported data has no distributions
    expect(importanceSpec(study, { seed: 3 })).not.toEqual(spec);
  });

  it('draws every objective of a study of several, one bar per objective and parameter', async () => {
    const study = await createStudy({ name: 'mo', seed: 2, directions: ['minimize', 'maximize'], sampler: new RandomSampler() });
    await study.optimize(
      (t) => {
        const a = t.suggestFloat('a', 0, 1);
        const b = t.suggestFloat('b', 0, 1);
        return [a + 0.1 * b, b + 0.1 * a];
      },
      { nTrials: 40 },
    );
    const rows = bars(importanceSpec(study));
    expect(rows).toHaveLength(4);
    const top = (objective: string) =>
      rows.filter((r) => r.objective === objective).sort((x, y) => y.importance - x.importance)[0].parameter;
    expect(top('objective 0')).toBe('a');
    expect(top('objective 1')).toBe('b');
  });
});
