import { describe, expect, it } from 'vitest';
import { studyPlotSpecs, type VegaLiteSpec } from '../../src/report/specs.js';
import { RandomSampler } from '../../src/samplers/random.js';
import { createStudy } from '../../src/study/create.js';

type Row = Record<string, unknown>;
const layerRows = (spec: VegaLiteSpec, i: number) => ((spec.layer as Row[])[i].data as { values: Row[] }).values;

describe('parallel coordinates', () => {
  it('draws each completed trial through the objective and every parameter, log parameters in log space', async () => {
    const s = await createStudy({ seed: 6, sampler: new RandomSampler(), onWarning: () => {} });
    await s.optimize(
      (t) => {
        const lr = t.suggestFloat('lr', 1e-4, 1, { log: true });
        const act = t.suggestCategorical('act', ['relu', 'tanh', null]);
        if (t.number === 2) throw new RangeError('boom');
        return Math.abs(Math.log10(lr) + 2) + (act === null ? 1 : 0);
      },
      { nTrials: 10, catch: [RangeError] },
    );
    const spec = studyPlotSpecs(s).parallel!;
    const lines = layerRows(spec, 0);
    const done = s.getTrials(['COMPLETE']);
    expect(new Set(lines.map((r) => r.trial))).toEqual(new Set(done.map((t) => t.number)));
    expect(lines).toHaveLength(done.length * 3);
    const at = (trial: number, axis: string) => lines.find((r) => r.trial === trial && r.axis === axis)!.position as number;
    const lrs = done.map((t) => Math.log(t.params.lr as number));
    const [lo, hi] = [Math.min(...lrs), Math.max(...lrs)];
    for (const t of done) {
      expect(at(t.number, 'lr')).toBeCloseTo((Math.log(t.params.lr as number) - lo) / (hi - lo), 12);
      expect(at(t.number, 'act')).toBe(['relu', 'tanh', null].indexOf(t.params.act as string | null) / 2);
    }
    expect(
      layerRows(spec, 1)
        .filter((r) => r.axis === 'act')
        .map((r) => r.label),
    ).toEqual(['relu', 'tanh', 'null']);
  });

  it('is left out with a single parameter or no completed trial', async () => {
    const s = await createStudy({ seed: 1, sampler: new RandomSampler() });
    await s.optimize((t) => t.suggestFloat('x', 0, 1), { nTrials: 3 });
    expect(studyPlotSpecs(s).parallel).toBeNull();
    const empty = await createStudy({ seed: 1, sampler: new RandomSampler() });
    expect(studyPlotSpecs(empty).parallel).toBeNull();
  });
});
