import type { Task } from '../data/dataset.js';
import { describeValue } from '../errors.js';

/** Built-in validation metrics. */
export type MetricName = 'accuracy' | 'logLoss' | 'mse' | 'rmse' | 'mae' | 'r2';

/** A validation metric: how to compute it from targets and predictions, and which way is better. */
export interface Metric {
  readonly name: string;
  readonly direction: 'minimize' | 'maximize';
  /**
   * @param yTrue - targets (class indices or real values), one per row.
   * @param yPred - predictions, `outputs` per row (class probabilities or a real value).
   * @param outputs - number of prediction columns.
   */
  compute(yTrue: Float32Array, yPred: Float32Array, outputs: number): number;
}

// Probabilities are clipped away from 0 and 1 before the log, as scikit-learn's log_loss does.
const PROB_EPS = 1e-7;

const METRICS: Readonly<Record<MetricName, Metric & { task: Task }>> = {
  accuracy: {
    name: 'accuracy',
    direction: 'maximize',
    task: 'classification',
    compute: (t, p, k) => {
      let hits = 0;
      for (let i = 0; i < t.length; i++) if (argmax(p, i * k, k) === t[i]) hits++;
      return hits / t.length;
    },
  },
  logLoss: {
    name: 'logLoss',
    direction: 'minimize',
    task: 'classification',
    compute: (t, p, k) => {
      let sum = 0;
      for (let i = 0; i < t.length; i++) sum -= Math.log(Math.min(1 - PROB_EPS, Math.max(PROB_EPS, p[i * k + t[i]])));
      return sum / t.length;
    },
  },
  mse: { name: 'mse', direction: 'minimize', task: 'regression', compute: (t, p) => meanOf(t, (v, i) => (p[i] - v) ** 2) },
  rmse: { name: 'rmse', direction: 'minimize', task: 'regression', compute: (t, p) => Math.sqrt(meanOf(t, (v, i) => (p[i] - v) ** 2)) },
  mae: { name: 'mae', direction: 'minimize', task: 'regression', compute: (t, p) => meanOf(t, (v, i) => Math.abs(p[i] - v)) },
  r2: {
    name: 'r2',
    direction: 'maximize',
    task: 'regression',
    compute: (t, p) => {
      const mean = meanOf(t, (v) => v);
      const total = meanOf(t, (v) => (v - mean) ** 2);
      return 1 - meanOf(t, (v, i) => (p[i] - v) ** 2) / total;
    },
  },
};

/**
 * The {@link Metric} for a name or a custom metric, checked against the task.
 * @param metric - a built-in name, a custom metric, or undefined for the task's default
 *   (`accuracy` for classification, `mse` for regression).
 * @param task - the data set's task.
 * @returns the metric.
 * @throws TypeError on an unknown name, or a built-in metric of the other task.
 * @example
 * ```ts
 * resolveMetric('r2', 'regression').direction; // 'maximize'
 * ```
 */
export function resolveMetric(metric: MetricName | Metric | undefined, task: Task): Metric {
  if (metric === undefined) return METRICS[task === 'classification' ? 'accuracy' : 'mse'];
  if (typeof metric === 'object' && metric !== null && typeof metric.compute === 'function') {
    if (metric.direction !== 'minimize' && metric.direction !== 'maximize') {
      throw new TypeError(`resolveMetric: \`direction\` must be 'minimize' or 'maximize' but got ${describeValue(metric.direction)}.`);
    }
    return metric;
  }
  const known = METRICS[metric as MetricName];
  if (known === undefined || !Object.hasOwn(METRICS, metric as string)) {
    throw new TypeError(
      `resolveMetric: \`metric\` must be one of ${Object.keys(METRICS).join(', ')} or a Metric object but got ${describeValue(metric)}.`,
    );
  }
  if (known.task !== task) throw new TypeError(`resolveMetric: \`metric\` ${known.name} is for ${known.task} but the data is ${task}.`);
  return known;
}

function argmax(p: Float32Array, at: number, k: number): number {
  let best = 0;
  for (let j = 1; j < k; j++) if (p[at + j] > p[at + best]) best = j;
  return best;
}

function meanOf(t: Float32Array, f: (v: number, i: number) => number): number {
  let sum = 0;
  for (let i = 0; i < t.length; i++) sum += f(t[i], i);
  return sum / t.length;
}
