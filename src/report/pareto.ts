// The Pareto front plot of a study of several objectives: every COMPLETE trial in the plane of the
// first two objectives, the front (feasible, non-dominated over all objectives) drawn apart and
// joined in order, infeasible trials hollow. Plain Vega-Lite JSON, like every report plot.
import { directionSign } from '../trial/index.js';
import { paretoFrontIndices, totalViolation } from '../pareto/index.js';
import type { ReportData } from './trials.js';

type Spec = Record<string, unknown>;

/**
 * @returns the spec, or null for a study of one objective or with no COMPLETE trial.
 * @internal
 */
export function paretoSpec(study: ReportData, schema: string, width: number, height: number): Spec | null {
  const m = study.directions.length;
  if (m < 2) return null;
  const complete = study.trials.filter(
    (t) => t.state === 'COMPLETE' && t.values !== null && t.values.length === m && t.values.every(Number.isFinite),
  );
  if (complete.length === 0) return null;
  const feasible = complete.filter((t) => t.constraints === null || totalViolation(t.constraints) === 0);
  const signs = study.directions.map(directionSign);
  const onFront = new Set(
    paretoFrontIndices(feasible.map((t) => signs.map((s, k) => s * (t.values as number[])[k]))).map((i) => feasible[i].number),
  );
  const rows = complete.map((t) => ({
    trial: t.number,
    f0: (t.values as number[])[0],
    f1: (t.values as number[])[1],
    kind: onFront.has(t.number) ? 'Pareto front' : feasible.includes(t) ? 'dominated' : 'infeasible',
  }));
  const front = rows.filter((r) => r.kind === 'Pareto front').sort((a, b) => a.f0 - b.f0 || a.f1 - b.f1);
  const axis = (k: number) => `objective ${k} (${study.directions[k]})`;
  const more = m > 2 ? ` (first two of ${m} objectives; the front is over all ${m})` : '';
  return {
    $schema: schema,
    title: { text: 'Pareto front', subtitle: `${onFront.size} of ${complete.length} complete trials on the front${more}` },
    width,
    height,
    layer: [
      {
        data: { values: m === 2 ? front : [] },
        mark: { type: 'line', interpolate: 'step-after', color: '#d62728', opacity: 0.6 },
        encoding: { x: { field: 'f0', type: 'quantitative' }, y: { field: 'f1', type: 'quantitative' } },
      },
      {
        data: { values: rows },
        mark: { type: 'point', filled: true, size: 50 },
        encoding: {
          x: { field: 'f0', type: 'quantitative', title: axis(0), scale: { zero: false } },
          y: { field: 'f1', type: 'quantitative', title: axis(1), scale: { zero: false } },
          color: {
            field: 'kind',
            type: 'nominal',
            title: null,
            scale: { domain: ['Pareto front', 'dominated', 'infeasible'], range: ['#d62728', '#1f77b4', '#bbbbbb'] },
          },
          tooltip: [
            { field: 'trial', type: 'quantitative' },
            { field: 'f0', title: axis(0) },
            { field: 'f1', title: axis(1) },
          ],
        },
      },
    ],
  };
}
