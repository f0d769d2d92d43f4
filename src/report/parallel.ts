// Parallel coordinates: one polyline per COMPLETE trial across the objective and every parameter.
// Each axis is scaled to [0, 1] here rather than with vega transforms, so log parameters are spaced
// in log space and categorical ones by their choice order; the axis ends carry the real values.
import type { Distribution } from '../space/distributions.js';
import type { ReportData, ReportTrial } from './trials.js';

const OBJECTIVE = 'objective';

interface Axis {
  readonly name: string;
  /** Position in [0, 1] of a trial on this axis, or null when the trial has no value there. */
  readonly position: (t: ReportTrial) => number | null;
  /** Labels at the two ends (and for categoricals, at each choice). */
  readonly ticks: readonly { position: number; label: string }[];
}

function label(v: unknown): string {
  return typeof v === 'number' ? String(Number(v.toPrecision(4))) : String(v);
}

function numericAxis(name: string, values: readonly number[], log: boolean, read: (t: ReportTrial) => unknown): Axis {
  const map = (v: number) => (log ? Math.log(v) : v);
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
  }
  const span = map(hi) - map(lo);
  const position = (t: ReportTrial) => {
    const v = read(t);
    if (typeof v !== 'number') return null;
    return span > 0 ? (map(v) - map(lo)) / span : 0.5;
  };
  const ticks =
    span > 0
      ? [
          { position: 0, label: label(lo) },
          { position: 1, label: label(hi) },
        ]
      : [{ position: 0.5, label: label(lo) }];
  return { name, position, ticks };
}

function categoricalAxis(name: string, choices: readonly string[]): Axis {
  const at = (i: number) => (choices.length > 1 ? i / (choices.length - 1) : 0.5);
  const position = (t: ReportTrial) => {
    const i = name in t.params ? choices.indexOf(String(t.params[name])) : -1;
    return i < 0 ? null : at(i);
  };
  return { name, position, ticks: choices.map((c, i) => ({ position: at(i), label: c })) };
}

function paramAxis(name: string, trials: readonly ReportTrial[]): Axis {
  const values = trials.filter((t) => name in t.params).map((t) => t.params[name]);
  const d: Distribution | undefined = trials.find((t) => t.distributions?.[name] !== undefined)?.distributions?.[name];
  const numeric = d === undefined ? values.every((v) => typeof v === 'number') : d.kind !== 'categorical';
  if (!numeric) {
    const choices = d?.kind === 'categorical' ? d.choices.map(String) : [...new Set(values.map(String))].sort();
    return categoricalAxis(name, choices);
  }
  const log = d !== undefined && d.kind !== 'categorical' && d.log;
  return numericAxis(name, values as number[], log, (t) => t.params[name]);
}

/**
 * The parallel-coordinates spec of the COMPLETE trials with a finite value, or null when there are
 * none or fewer than two parameters. Lines are coloured by objective value.
 * @internal
 */
export function parallelSpec(study: ReportData, schema: string, width: number, height: number): Record<string, unknown> | null {
  const trials = study.trials.filter((t) => t.state === 'COMPLETE' && t.value !== null && Number.isFinite(t.value));
  const names = [...new Set(trials.flatMap((t) => Object.keys(t.params)))].sort();
  if (trials.length === 0 || names.length < 2) return null;
  const axes = [
    numericAxis(
      OBJECTIVE,
      trials.map((t) => t.value as number),
      false,
      (t) => t.value,
    ),
    ...names.map((n) => paramAxis(n, trials)),
  ];
  const order = axes.map((a) => a.name);
  const lines = trials.flatMap((t) =>
    axes.flatMap((a) => {
      const position = a.position(t);
      return position === null ? [] : [{ trial: t.number, axis: a.name, position, value: t.value }];
    }),
  );
  const ticks = axes.flatMap((a) => a.ticks.map((tick) => ({ axis: a.name, ...tick })));
  const x = { field: 'axis', type: 'nominal', sort: order, title: null, axis: { labelAngle: 0, domain: false, ticks: false, grid: true } };
  const y = { field: 'position', type: 'quantitative', axis: null, scale: { domain: [0, 1] } };
  return {
    $schema: schema,
    title: {
      text: `${study.name}: parallel coordinates`,
      subtitle: 'completed trials; each axis spans its observed range (log parameters in log scale)',
    },
    width,
    height,
    layer: [
      {
        data: { values: lines },
        mark: { type: 'line', opacity: 0.6, strokeWidth: 1.5 },
        encoding: {
          x,
          y,
          detail: { field: 'trial', type: 'nominal' },
          color: {
            field: 'value',
            type: 'quantitative',
            title: 'objective value',
            scale: { scheme: 'viridis', reverse: study.direction === 'maximize' },
          },
        },
      },
      {
        data: { values: ticks },
        mark: { type: 'text', align: 'left', dx: 4, fontSize: 10, color: '#444' },
        encoding: { x, y, text: { field: 'label' } },
      },
    ],
  };
}
