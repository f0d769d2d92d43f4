// The tfjs Pareto example (examples/pareto-mlp) on a small budget: 8 trials of 5 epochs. Checked
// against plain-TS references kept here: the Pareto front by pairwise dominance, the parameter
// count of a dense network by its formula, and the report's SVG marks counted by colour.
import { describe, expect, it } from 'vitest';
import { tuneParetoMlp } from '../../examples/pareto-mlp/pareto-mlp.js';
import { studyReportHtml } from '../../src/node/report/html.js';
import type { FrozenTrial } from '../../src/trial/index.js';

/** Weights and biases of Dense layers 4 → units... → 3 (Iris: 4 features, 3 classes). */
function denseParameters(units: readonly number[]): number {
  const sizes = [4, ...units, 3];
  let n = 0;
  for (let i = 1; i < sizes.length; i++) n += sizes[i - 1] * sizes[i] + sizes[i];
  return n;
}

/** a dominates b when minimizing both: no worse in each, better in one. */
const dominates = (a: readonly number[], b: readonly number[]) => a.every((v, k) => v <= b[k]) && a.some((v, k) => v < b[k]);

describe('examples/pareto-mlp', () => {
  it('tunes loss vs size with the default sampler (the GP), reports the true front, and plots one mark per front trial', async () => {
    const study = await tuneParetoMlp({ trials: 8, epochs: 5, seed: 42 });
    // The default sampler for two objectives is the GP (Sobol start-up, then log-EHVI).
    // (by name: the example imports the built package, this test the sources)
    expect(study.sampler.constructor.name).toBe('GPSampler');
    const trials = study.trials;
    expect(trials).toHaveLength(8);
    const complete = trials.filter((t) => t.state === 'COMPLETE') as (FrozenTrial & { values: number[] })[];
    expect(complete).toHaveLength(8);

    for (const t of complete) {
      const units = Array.from({ length: t.params.layers as number }, (_, i) => t.params[`units_${i}`] as number);
      expect(t.values[1]).toBe(denseParameters(units));
      expect(t.userAttrs.parameters).toBe(t.values[1]);
      expect(t.values[0]).toBeGreaterThan(0);
      expect(Number.isFinite(t.values[0])).toBe(true);
    }
    // Different architectures were tried, so the trade-off is real.
    expect(new Set(complete.map((t) => t.values[1])).size).toBeGreaterThan(3);

    const front = study.bestTrials;
    const expected = complete.filter((t) => !complete.some((o) => dominates(o.values, t.values)));
    expect(front.map((t) => t.number).sort((a, b) => a - b)).toEqual(expected.map((t) => t.number).sort((a, b) => a - b));
    for (const a of front) for (const b of front) expect(dominates(a.values!, b.values!)).toBe(false);
    expect(front.length).toBeGreaterThan(0);

    const html = await studyReportHtml(study);
    expect(html).toContain(`<h2>Pareto front: ${front.length} trial${front.length === 1 ? '' : 's'}</h2>`);
    const plotAt = html.indexOf('<h2>Pareto front</h2>');
    expect(plotAt).toBeGreaterThan(0);
    const plot = html.slice(plotAt, html.indexOf('<h2>', plotAt + 1));
    expect(plot).toContain(`${front.length} of 8 complete trials on the front`);
    // The point layer: one symbol per complete trial, red (#d62728) for those on the front.
    const start = plot.indexOf('<g class="mark-symbol role-mark layer_1_marks"');
    const points = plot.slice(start, plot.indexOf('</g>', start));
    const symbols = points.match(/<path [^>]*>/g) ?? [];
    expect(symbols).toHaveLength(8);
    expect(symbols.filter((p) => p.includes('fill="#d62728"'))).toHaveLength(front.length);
  });
});
