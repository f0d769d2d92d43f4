import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TrialPruned } from '../../src/errors.js';
import { MedianPruner } from '../../src/pruners/median.js';
import { studyPlotSpecs, type VegaLiteSpec } from '../../src/report/specs.js';
import { RandomSampler } from '../../src/samplers/random.js';
import { createStudy } from '../../src/study/create.js';

type Row = Record<string, unknown>;
const rows = (spec: VegaLiteSpec) => (spec.data as { values: Row[] }).values;

async function study(direction: 'minimize' | 'maximize' = 'minimize') {
  const s = await createStudy({
    direction,
    seed: 4,
    sampler: new RandomSampler(),
    pruner: new MedianPruner({ nStartupTrials: 3 }),
    onWarning: () => {},
  });
  await s.optimize(
    (t) => {
      const lr = t.suggestFloat('lr', 1e-4, 1, { log: true });
      const act = t.suggestCategorical('act', ['relu', 'tanh']);
      if (t.number === 5) throw new Error('boom');
      const floor = Math.abs(Math.log10(lr) + 2) + (act === 'relu' ? 0 : 0.5);
      for (let step = 0; step < 4; step++) {
        t.report(floor + 1 / (step + 1), step);
        if (t.shouldPrune()) throw new TrialPruned();
      }
      return floor + 0.25;
    },
    { nTrials: 16, catch: [Error] },
  );
  return s;
}

describe('studyPlotSpecs', () => {
  it('plots every finished trial with a value, and the best so far over COMPLETE trials only', async () => {
    for (const direction of ['minimize', 'maximize'] as const) {
      const s = await study(direction);
      const history = rows(studyPlotSpecs(s).history);
      const withValue = s.trials.filter((t) => (t.state === 'COMPLETE' || t.state === 'PRUNED') && t.value !== null);
      expect(history.map((r) => r.trial)).toEqual(withValue.map((t) => t.number));
      expect(history.some((r) => r.state === 'PRUNED')).toBe(true);
      const better = direction === 'minimize' ? Math.min : Math.max;
      let best: number | null = null;
      for (const r of history) {
        if (r.state === 'COMPLETE') best = best === null ? (r.value as number) : better(best, r.value as number);
        expect(r.best).toBe(best);
      }
      expect(best).toBe(s.bestValue);
      expect((studyPlotSpecs(s).history.title as { subtitle: string }).subtitle).toMatch(/^1 trial without a finite value/);
    }
  });

  it('makes one slice plot per parameter: a log axis for log parameters, the choices in order for categoricals', async () => {
    const { slices } = studyPlotSpecs(await study());
    expect(slices.map((s) => s.name)).toEqual(['act', 'lr']);
    const [act, lr] = slices.map((s) => (s.spec.encoding as { x: Row }).x);
    expect(act).toMatchObject({ type: 'nominal', sort: ['relu', 'tanh'] });
    expect(lr).toMatchObject({ type: 'quantitative', scale: { type: 'log' } });
  });

  it('draws one learning curve per trial that reported, with every reported point', async () => {
    const s = await study();
    const curves = rows(studyPlotSpecs(s).curves!);
    const reported = s.trials.reduce((n, t) => n + t.intermediateValues.size, 0);
    expect(curves).toHaveLength(reported);
    expect(new Set(curves.map((r) => r.trial)).size).toBe(s.trials.filter((t) => t.intermediateValues.size > 0).length);
  });

  it('gives empty plots without failing for a study with no finished trial, and no curves without reports', async () => {
    const empty = await createStudy({ seed: 1, sampler: new RandomSampler() });
    await empty.ask();
    const plots = studyPlotSpecs(empty);
    expect(rows(plots.history)).toEqual([]);
    expect(plots.slices).toEqual([]);
    expect(plots.curves).toBeNull();
  });

  it('reads study.toJSON() data like the study itself, guessing axes without distributions', async () => {
    const s = await study();
    const live = studyPlotSpecs(s);
    const json = studyPlotSpecs(JSON.parse(s.export('json')));
    expect(json.history).toEqual(live.history);
    expect(json.curves).toEqual(live.curves);
    const x = (spec: VegaLiteSpec) => (spec.encoding as { x: Row }).x;
    // lr spans over 100x, so it keeps its log axis; categorical choices sort alphabetically.
    expect(x(json.slices[1].spec)).toMatchObject({ type: 'quantitative', scale: { type: 'log' } });
    expect(x(json.slices[0].spec)).toMatchObject({ type: 'nominal', sort: 'ascending' });
    expect(rows(json.slices[0].spec)).toEqual(rows(live.slices[0].spec));
  });

  it('switches the objective axis to log only for positive values spanning over 100x', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 2, maxLength: 20 }), (values) => {
        const trials = values.map((value, number) => ({
          number,
          trialId: number,
          state: 'COMPLETE' as const,
          value,
          values: [value],
          params: {},
          distributions: {},
          intermediateValues: new Map(),
          userAttrs: {},
          systemAttrs: {},
          datetimeStart: null,
          datetimeComplete: null,
        }));
        const layer = (studyPlotSpecs({ name: 'p', direction: 'minimize', trials }).history.layer as Row[])[0];
        const scale = ((layer.encoding as Row).y as { scale: { type: string } }).scale.type;
        const log = values.every((v) => v > 0) && Math.max(...values) / Math.min(...values) > 100;
        expect(scale).toBe(log ? 'log' : 'linear');
      }),
    );
  });
});

describe('studyPlotSpecs axes', () => {
  it('labels trial numbers and steps with whole numbers only, even on a three-trial study', async () => {
    const { compile } = await import('vega-lite');
    const { parse, View } = await import('vega');
    const s = await createStudy({ seed: 1, sampler: new RandomSampler() });
    await s.optimize(
      (t) => {
        const x = t.suggestFloat('x', 0, 1);
        t.report(x, 0);
        t.report(x / 2, 1);
        return x;
      },
      { nTrials: 3 },
    );
    const specs = studyPlotSpecs(s);
    for (const spec of [specs.history, specs.curves]) {
      const svg = await new View(parse(compile(spec as never).spec), { renderer: 'none' }).toSVG();
      // The x axis is the first axis Vega draws: its visible tick labels are in the first label group.
      const start = svg.indexOf('role-axis-label');
      const xLabels = svg.slice(start, svg.indexOf('role-axis-domain', start));
      const labels = [...xLabels.matchAll(/<text[^>]*opacity="1"[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);
      expect(labels.length).toBeGreaterThan(1);
      for (const label of labels) expect(label).toMatch(/^-?\d+$/);
    }
  });
});
