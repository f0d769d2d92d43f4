// The parameter-importance bar chart of the report, the dashboard and the browser app. Apart from
// `studyPlotSpecs` because the forest costs far more than every other plot (~0.5 s at 1,000
// trials): callers decide when to pay for it, and a bundle that never draws it never carries it.
import { paramImportances, type ParamImportancesOptions } from '../importance/index.js';
import type { FrozenTrial } from '../trial/index.js';
import type { VegaLiteSpec } from './specs.js';
import type { ReportSource } from './trials.js';

const SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';

/** Options of {@link importanceSpec}: those of `paramImportances` but `target` (every objective is drawn). */
export type ImportanceSpecOptions = Omit<ParamImportancesOptions, 'target'>;

/**
 * A horizontal bar chart of `paramImportances` (fANOVA, Optuna's default evaluator): one bar per
 * parameter, most important on top; with several objectives, one bar per objective and parameter.
 * @param source - a `Study` or `{ name, direction, directions?, trials }` with FrozenTrials.
 * @returns the spec, or null when importances cannot be computed: fewer than two COMPLETE
 *   trials, no parameter with more than one value, nothing varies, or `study.toJSON()` data
 *   (which has no distributions).
 * @example
 * ```ts
 * const spec = importanceSpec(study);
 * if (spec) await vegaEmbed('#importances', spec);
 * ```
 */
export function importanceSpec(source: ReportSource, options: ImportanceSpecOptions = {}): VegaLiteSpec | null {
  const trials = source.trials as readonly FrozenTrial[];
  if (!trials.every((t) => t.intermediateValues instanceof Map)) return null;
  const directions = source.directions ?? [source.direction];
  const rows: { parameter: string; importance: number; objective: string }[] = [];
  try {
    directions.forEach((_, k) => {
      const target = (t: FrozenTrial) => (t.values?.[k] ?? Number.NaN) as number;
      for (const p of paramImportances({ trials, directions }, { ...options, target })) {
        rows.push({ parameter: p.name, importance: p.importance, objective: `objective ${k}` });
      }
    });
  } catch (e) {
    // Too few trials or nothing to split: a study that has just started has no chart yet.
    if (e instanceof RangeError) return null;
    throw e;
  }
  if (rows.length === 0) return null;
  const complete = trials.filter((t) => t.state === 'COMPLETE').length;
  const several = directions.length > 1;
  const order = rows.filter((r) => r.objective === 'objective 0').map((r) => r.parameter);
  return {
    $schema: SCHEMA,
    title: {
      text: `${source.name}: parameter importances`,
      subtitle: `fANOVA (random forest) over ${complete} COMPLETE trials: the share of the variance each parameter explains alone`,
    },
    width: 560,
    height: { step: several ? 12 * directions.length : 22 },
    data: { values: rows },
    mark: { type: 'bar', tooltip: true },
    encoding: {
      y: { field: 'parameter', type: 'nominal', title: null, sort: order },
      x: { field: 'importance', type: 'quantitative', title: 'importance', scale: { domain: [0, 1] }, axis: { format: '.0%' } },
      ...(several
        ? { color: { field: 'objective', type: 'nominal', title: null }, yOffset: { field: 'objective', type: 'nominal' } }
        : { color: { value: '#1f77b4' } }),
    },
  };
}
