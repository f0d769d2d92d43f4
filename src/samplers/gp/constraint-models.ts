import { GaussianProcess, gaussianProcessState, type GaussianProcessFitOptions } from '../../core/gp.js';
import type { Steps } from '../../core/steps.js';
import { SYSTEM_ATTR, type FrozenTrial, type StudyView } from '../../trial/index.js';

/**
 * The constraints of the modelled trials, as the GP sampler uses them (Optuna's GPSampler scheme:
 * one GP per constraint, the acquisition times the probability of feasibility).
 * @internal
 */

/** The constraint vector a trial recorded (system attribute `constraints`), or null when it has none. */
export function recordedConstraints(trial: FrozenTrial): readonly number[] | null {
  const c = trial.systemAttrs[SYSTEM_ATTR.constraints];
  return Array.isArray(c) && c.length > 0 && c.every((v) => typeof v === 'number') ? (c as number[]) : null;
}

/**
 * Whether a trial counts as feasible for the incumbent: it recorded constraints and every value is
 * ≤ 0 (NaN is a violation). A trial without constraints, in a study whose other trials have
 * them, is not known to be feasible.
 */
export function isKnownFeasible(trial: FrozenTrial): boolean {
  const c = recordedConstraints(trial);
  return c?.every((v) => v <= 0) === true;
}

/**
 * Fits one GP per constraint to the rows of `x` (one per trial of `modelled`) whose trial recorded
 * that many constraint values; the number of constraints is the length of the latest recorded
 * vector. NaN rows are left out and ±Infinity is clipped (`clipInfinities`). Constraint k's fit
 * starts from `warmStart(k)` when given (`options.warmStartTheta` is ignored). Returns no models
 * when no trial recorded constraints.
 */
export function* fitConstraintModels(
  x: Float64Array,
  modelled: readonly FrozenTrial[],
  d: number,
  options: GaussianProcessFitOptions,
  warmStart: (k: number) => number[] | undefined = () => undefined,
): Steps<GaussianProcess[]> {
  const vectors = modelled.map(recordedConstraints);
  let count = 0;
  for (let i = vectors.length - 1; i >= 0 && count === 0; i--) count = vectors[i]?.length ?? 0;
  const models: GaussianProcess[] = [];
  for (let k = 0; k < count; k++) {
    const rows: number[] = [];
    const values: number[] = [];
    vectors.forEach((v, i) => {
      if (v !== null && v.length === count && !Number.isNaN(v[k])) {
        rows.push(i);
        values.push(v[k]!);
      }
    });
    if (rows.length === 0) continue;
    const y = Float64Array.from(values, clipInfinities(values));
    const xs = new Float64Array(rows.length * d);
    rows.forEach((i, r) => xs.set(x.subarray(i * d, (i + 1) * d), r * d));
    yield;
    models.push(yield* GaussianProcess.fitSteps(xs, y, { ...options, warmStartTheta: warmStart(k) }));
  }
  return models;
}

/**
 * Maps ±Infinity to finite values on the right side of 0 (a violated or a satisfied constraint
 * stays so): one span of the finite values (1 when they do not vary) beyond both the finite range
 * and 0. Clipping to the finite range alone would make +Infinity feasible when every finite value is.
 */
export function clipInfinities(values: readonly number[]): (v: number) => number {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (Number.isFinite(v)) {
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
  }
  if (lo > hi) lo = hi = 0;
  const span = hi > lo ? hi - lo : 1;
  const upper = Math.max(hi, 0) + span;
  const lower = Math.min(lo, 0) - span;
  return (v) => (v === Infinity ? upper : v === -Infinity ? lower : v);
}

/**
 * The θ (d + 2 finite log-hyperparameters) of model k that the latest of `observed` stored under the
 * system attribute `key` (one θ per model: constraints, objectives), the warm start of model k's
 * next fit; undefined when no trial has one. (The single-objective GP reads its one θ with its own
 * `lastFit`: this module loads on demand, and the core bundle has no room for the shared form.)
 */
export function storedTheta(observed: readonly FrozenTrial[], d: number, key: string, k: number): number[] | undefined {
  for (let i = observed.length - 1; i >= 0; i--) {
    const all = observed[i]!.systemAttrs[key];
    const theta = Array.isArray(all) ? all[k] : undefined;
    if (Array.isArray(theta) && theta.length === d + 2 && theta.every((v) => typeof v === 'number' && Number.isFinite(v))) {
      return theta as number[];
    }
  }
  return undefined;
}

/** What to store for the next fits: each model's θ (null for a fixed or fallback fit). */
export function constraintThetas(models: readonly GaussianProcess[]): (number[] | null)[] {
  return models.map((m) => {
    const theta = gaussianProcessState(m).theta;
    return theta === null ? null : Array.from(theta);
  });
}

/**
 * The constraint models of one single-objective GP ask: each fitted warm from the θ the latest
 * observed trial stored for it, their θ then stored on `trial` (`gp:constraint_log_hyperparameters`)
 * for the next ask. No models when no modelled trial recorded constraints.
 */
export function* askConstraintModels(
  study: StudyView,
  trial: FrozenTrial,
  x: Float64Array,
  modelled: readonly FrozenTrial[],
  observed: readonly FrozenTrial[],
  d: number,
  options: GaussianProcessFitOptions,
): Steps<GaussianProcess[]> {
  const models = yield* fitConstraintModels(x, modelled, d, options, (k) =>
    storedTheta(observed, d, SYSTEM_ATTR.gpConstraintLogHyperparameters, k),
  );
  if (models.length > 0) study.setTrialSystemAttr?.(trial, SYSTEM_ATTR.gpConstraintLogHyperparameters, constraintThetas(models));
  return models;
}
