// Vega-Lite specs of a study's plots, as plain JSON: the browser and edge builds can hand them to
// vega-embed, and `bonito/node` renders them to SVG for the HTML report. Nothing here imports
// vega, so the core stays small.
import type { Distribution } from '../space/distributions.js';
import { directionSign } from '../trial/index.js';
import { parallelSpec } from './parallel.js';
import { paretoSpec } from './pareto.js';
import { reportData, type ReportData, type ReportSource, type ReportTrial } from './trials.js';

/** A Vega-Lite specification (a JSON object; see https://vega.github.io/vega-lite/). */
export type VegaLiteSpec = Record<string, unknown>;

/** The plots of a study report. */
export interface StudyPlotSpecs {
  /** Objective value of each finished trial and the best so far. */
  history: VegaLiteSpec;
  /** One plot per parameter of the completed trials: parameter value against objective value. */
  slices: { name: string; spec: VegaLiteSpec }[];
  /** Intermediate values per step of each trial that reported any (learning curves), else null. */
  curves: VegaLiteSpec | null;
  /** Completed trials across the objective and every parameter; null with no completed trial or under two parameters. */
  parallel: VegaLiteSpec | null;
  /** Several objectives: the first two objectives of every COMPLETE trial and the Pareto front; else null. */
  pareto: VegaLiteSpec | null;
}

const WIDTH = 560;
const HEIGHT = 260;
const SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';
const INTEGER_AXIS = { tickMinStep: 1, format: 'd' };
const STATE_COLORS = { domain: ['COMPLETE', 'PRUNED'], range: ['#1f77b4', '#ff7f0e'] };

/**
 * Vega-Lite specs for a study: optimization history, one slice plot per parameter, learning
 * curves, parallel coordinates. COMPLETE trials are plotted with their value; PRUNED trials with
 * the last intermediate value they reported (drawn in another colour, and left out of the
 * best-so-far line); FAIL, RUNNING and WAITING trials have no value and are counted in the
 * subtitle instead.
 * The objective axis turns logarithmic when every value is positive and they span over 100×.
 * Parameter axes follow the distributions: log for `log` parameters, nominal for categoricals.
 * `study.toJSON()` data has no distributions, so there strings, booleans and null are nominal and
 * numbers get the objective's rule (log when positive and spanning over 100×).
 *
 * @param source - a `Study`, `{ name, direction, trials }` with FrozenTrials, or `study.toJSON()`
 *   data (for example fetched from a server).
 * @returns the specs; render them with vega-embed in a page, or with `writeStudyReport` from
 *   `bonito/node`.
 * @example
 * ```ts
 * const { history } = studyPlotSpecs(study);
 * await vegaEmbed('#history', history); // in a browser page that loads vega-embed
 * ```
 */
export function studyPlotSpecs(source: ReportSource): StudyPlotSpecs {
  const study = reportData(source);
  const plotted = study.trials.filter(
    (t) => (t.state === 'COMPLETE' || t.state === 'PRUNED') && t.value !== null && Number.isFinite(t.value),
  );
  const yScale = valueScale(plotted.map((t) => t.value as number));
  const left = study.trials.length - plotted.length;
  const subtitle = left > 0 ? `${left} trial${left === 1 ? '' : 's'} without a finite value (failed, running or ±Infinity) not shown` : '';
  return {
    history: historySpec(study, plotted, yScale, subtitle),
    slices: sliceSpecs(study, plotted, yScale),
    curves: curvesSpec(study),
    parallel: parallelSpec(study, SCHEMA, WIDTH, HEIGHT),
    pareto: paretoSpec(study, SCHEMA, WIDTH, HEIGHT),
  };
}

/** Linear, or log when all values are positive and span more than 100×. */
function valueScale(values: number[]): { type: 'linear' | 'log'; zero?: boolean } {
  // A loop, not Math.max(...values): spreading a long study would overflow the call stack.
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
  }
  if (values.length > 1 && lo > 0 && hi / lo > 100) return { type: 'log' };
  return { type: 'linear', zero: false };
}

function historySpec(study: ReportData, plotted: ReportTrial[], yScale: object, subtitle: string): VegaLiteSpec {
  const sign = directionSign(study.direction);
  let best = sign * Infinity;
  const rows = plotted.map((t) => {
    const value = t.value as number;
    if (t.state === 'COMPLETE' && sign * value < sign * best) best = value;
    return { trial: t.number, value, state: t.state, best: Number.isFinite(best) ? best : null };
  });
  return {
    $schema: SCHEMA,
    title: { text: `${study.name}: optimization history`, subtitle },
    width: WIDTH,
    height: HEIGHT,
    data: { values: rows },
    layer: [
      {
        mark: { type: 'point', filled: true, size: 40 },
        encoding: {
          // Trial numbers and steps are integers: no fractional ticks on a short study.
          x: { field: 'trial', type: 'quantitative', title: 'trial', axis: INTEGER_AXIS },
          y: { field: 'value', type: 'quantitative', title: 'objective value', scale: yScale },
          color: { field: 'state', type: 'nominal', scale: STATE_COLORS, title: 'state' },
        },
      },
      {
        transform: [{ filter: 'datum.best !== null' }],
        mark: { type: 'line', interpolate: 'step-after', color: '#d62728' },
        encoding: {
          x: { field: 'trial', type: 'quantitative' },
          y: { field: 'best', type: 'quantitative', scale: yScale },
        },
      },
    ],
  };
}

function sliceSpecs(study: ReportData, plotted: ReportTrial[], yScale: object): { name: string; spec: VegaLiteSpec }[] {
  const names = [...new Set(plotted.flatMap((t) => Object.keys(t.params)))].sort();
  return names.map((name) => {
    const has = plotted.filter((t) => t.params[name] !== undefined);
    const x = paramAxis(
      name,
      has.find((t) => t.distributions?.[name] !== undefined)?.distributions?.[name],
      has.map((t) => t.params[name]),
    );
    // Nominal values as text: vega drops null and would not match booleans to the `sort` list.
    const nominal = x.type === 'nominal';
    const rows = has.map((t) => ({
      trial: t.number,
      param: nominal ? String(t.params[name]) : t.params[name],
      value: t.value,
      state: t.state,
    }));
    return {
      name,
      spec: {
        $schema: SCHEMA,
        title: `${study.name}: ${name}`,
        width: WIDTH / 2,
        height: HEIGHT * 0.8,
        data: { values: rows },
        mark: { type: 'point', filled: true, size: 40, opacity: 0.8 },
        encoding: {
          x,
          y: { field: 'value', type: 'quantitative', title: 'objective value', scale: yScale },
          color: { field: 'state', type: 'nominal', scale: STATE_COLORS, legend: null },
          tooltip: [{ field: 'trial' }, { field: 'param', title: name }, { field: 'value' }],
        },
      },
    };
  });
}

/** The x encoding of a slice plot: from the distribution, else guessed from the values. */
function paramAxis(name: string, distribution: Distribution | undefined, values: unknown[]): { type: 'nominal' | 'quantitative' } {
  const numeric = distribution === undefined ? values.every((v) => typeof v === 'number') : distribution.kind !== 'categorical';
  if (!numeric) {
    const sort = distribution?.kind === 'categorical' ? distribution.choices.map(String) : 'ascending';
    return { field: 'param', type: 'nominal', title: name, sort, axis: { labelAngle: 0 } } as { type: 'nominal' };
  }
  const log =
    distribution === undefined ? valueScale(values as number[]).type === 'log' : distribution.kind !== 'categorical' && distribution.log;
  return { field: 'param', type: 'quantitative', title: name, scale: log ? { type: 'log' } : { zero: false } } as { type: 'quantitative' };
}

function curvesSpec(study: ReportData): VegaLiteSpec | null {
  const rows = study.trials.flatMap((t) =>
    t.steps.filter(([, v]) => Number.isFinite(v)).map(([step, value]) => ({ trial: t.number, step, value, state: t.state })),
  );
  if (rows.length === 0) return null;
  const yScale = valueScale(rows.map((r) => r.value));
  return {
    $schema: SCHEMA,
    title: { text: `${study.name}: intermediate values`, subtitle: 'one line per trial, as reported to trial.report(value, step)' },
    width: WIDTH,
    height: HEIGHT,
    data: { values: rows },
    mark: { type: 'line', point: false, opacity: 0.7 },
    encoding: {
      x: { field: 'step', type: 'quantitative', title: 'step', axis: INTEGER_AXIS },
      y: { field: 'value', type: 'quantitative', title: 'intermediate value', scale: yScale },
      detail: { field: 'trial', type: 'nominal' },
      color: { field: 'state', type: 'nominal', title: 'state', scale: STATE_COLORS },
    },
  };
}
