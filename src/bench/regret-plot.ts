// The regret-vs-trials chart of a sampler comparison as plain Vega-Lite JSON: per sampler, the
// median simple regret over seeds as a line and its q1–q3 band as an area, with optional
// reference medians as points. `bonito benchmark` and bench/plot.ts render it.
import { quartiles } from './regret.js';
import { describeValue } from '../errors.js';

/** One sampler's runs on one function: per seed, simple regret after each trial. */
export interface RegretRuns {
  readonly fn: string;
  readonly curves: readonly ArrayLike<number>[];
}

/** Median [q1, q3] at a trial count, for reference figures quoted from elsewhere. */
export interface ReferencePoint {
  readonly trials: number;
  readonly median: number;
  readonly q1: number;
  readonly q3: number;
}

/** What `regretCurveSpec` draws. */
export interface RegretComparison {
  /** Sampler name → its runs, one per function. */
  readonly samplers: Readonly<Record<string, readonly RegretRuns[]>>;
  /** Reference name → function name → checkpoints, drawn as points. */
  readonly reference?: Readonly<Record<string, Readonly<Record<string, readonly ReferencePoint[]>>>>;
}

/** Options of `regretCurveSpec`. */
export interface RegretCurveOptions {
  /** Samplers to draw, in legend order. @defaultValue every sampler in the comparison */
  readonly samplers?: readonly string[];
  /** Sampler name → colour. @defaultValue a categorical palette */
  readonly palette?: Readonly<Record<string, string>>;
  /** Font family of the chart. @defaultValue vega's default */
  readonly font?: string;
  readonly width?: number;
  readonly height?: number;
}

/** Tableau 10, vega's default categorical scheme. */
const SCHEME = ['#4c78a8', '#f58518', '#e45756', '#72b7b2', '#54a24b', '#eeca3b', '#b279a2', '#ff9da6', '#9d755d', '#bab0ac'];
/** A log axis once the medians span more than this ratio (two decades). */
const LOG_SPAN = 100;
/** Decade labels: plain between 0.001 and 1000, "1e-6" style beyond. */
const LOG_LABEL = "datum.value >= 0.001 && datum.value <= 1000 ? format(datum.value, '~g') : format(datum.value, '.0e')";

function decades(lo: number, hi: number): number[] {
  const out: number[] = [];
  for (let e = Math.floor(Math.log10(lo)); e <= Math.ceil(Math.log10(hi)); e++) out.push(10 ** e);
  return out;
}

/**
 * The Vega-Lite spec of one function's regret chart.
 * @param comparison - sampler curves (and optional reference points).
 * @param fn - the function name, as in the runs.
 * @param options - samplers, palette, font, size.
 * @returns the spec and whether its y axis is logarithmic.
 * @throws RangeError when no drawn sampler has a run on `fn`.
 * @example
 * ```ts
 * const { spec } = regretCurveSpec({ samplers: { GP: [gp], Random: [random] } }, 'Branin');
 * ```
 */
export function regretCurveSpec(
  comparison: RegretComparison,
  fn: string,
  options: RegretCurveOptions = {},
): { spec: Record<string, unknown>; log: boolean } {
  const names = (options.samplers ?? Object.keys(comparison.samplers)).filter((n) => n in comparison.samplers);
  const data: { series: string; trials: number; median: number; q1: number; q3: number }[] = [];
  for (const series of names) {
    const run = comparison.samplers[series].find((r) => r.fn === fn);
    if (run === undefined || run.curves.length === 0) continue;
    let n = Infinity;
    for (const c of run.curves) n = Math.min(n, c.length);
    for (let t = 1; t <= n; t++) data.push({ series, trials: t, ...quartiles(run.curves.map((c) => c[t - 1])) });
  }
  if (data.length === 0)
    throw new RangeError(`regretCurveSpec: \`fn\` must have a run of ${names.join('/')} but got ${describeValue(fn)}.`);
  const refs = Object.entries(comparison.reference ?? {}).flatMap(([series, byFn]) => (byFn[fn] ?? []).map((p) => ({ series, ...p })));
  const all = [...data, ...refs];
  let lo = Infinity;
  let hi = -Infinity;
  let loMedian = Infinity;
  let hiMedian = -Infinity;
  for (const r of all) {
    for (const v of [r.q1, r.median, r.q3]) if (v > 0 && Number.isFinite(v)) [lo, hi] = [Math.min(lo, v), Math.max(hi, v)];
    if (r.median > 0 && Number.isFinite(r.median)) [loMedian, hiMedian] = [Math.min(loMedian, r.median), Math.max(hiMedian, r.median)];
  }
  const log = hiMedian / loMedian > LOG_SPAN;
  // A log axis cannot show 0 (an exact hit): such values sit at the smallest positive one shown.
  const lift = (v: number) => (log && v <= 0 ? lo : v);
  const values = [...data.map((r) => ({ ...r, kind: 'run' })), ...refs.map((r) => ({ ...r, kind: 'ref' }))].map((r) => ({
    ...r,
    median: lift(r.median),
    q1: lift(r.q1),
    q3: lift(r.q3),
  }));
  const domain = [...names, ...refs.map((r) => r.series).filter((s, i, a) => a.indexOf(s) === i)];
  const range = domain.map((s, i) => options.palette?.[s] ?? (i < names.length ? SCHEME[i % SCHEME.length] : '#000000'));
  const seeds = comparison.samplers[names[0]].find((r) => r.fn === fn)?.curves.length ?? 0;
  const color = {
    field: 'series',
    type: 'nominal',
    title: null,
    scale: { domain, range },
    legend: { symbolType: 'square', symbolOpacity: 1, labelLimit: 300 },
  };
  const x = { field: 'trials', type: 'quantitative', title: 'Trials', scale: { domainMin: 1, nice: false } };
  const y = {
    field: 'median',
    type: 'quantitative',
    title: `Simple regret${log ? ' (log scale)' : ''}`,
    scale: log ? { type: 'log' } : { type: 'linear', zero: true },
    axis: log ? { values: decades(lo, hi), labelExpr: LOG_LABEL } : {},
  };
  const spec: Record<string, unknown> = {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: {
      text: `${fn}: simple regret vs trials`,
      subtitle: `median line, q1–q3 band over ${seeds} seeds${refs.length ? '; points: reference medians' : ''}`,
    },
    width: options.width ?? 520,
    height: options.height ?? 300,
    background: 'white',
    config: { ...(options.font === undefined ? {} : { font: options.font }), legend: { orient: 'right' } },
    data: { values },
    layer: [
      {
        transform: [{ filter: "datum.kind === 'run'" }],
        mark: { type: 'area', opacity: 0.18 },
        encoding: { x, y: { ...y, field: 'q1' }, y2: { field: 'q3' }, color },
      },
      { transform: [{ filter: "datum.kind === 'run'" }], mark: { type: 'line', strokeWidth: 2 }, encoding: { x, y, color } },
      ...(refs.length
        ? [
            {
              transform: [{ filter: "datum.kind === 'ref'" }],
              mark: { type: 'point', shape: 'diamond', filled: true, size: 70 },
              encoding: { x, y, color },
            },
          ]
        : []),
    ],
  };
  return { spec, log };
}
