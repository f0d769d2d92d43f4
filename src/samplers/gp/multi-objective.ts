import { GaussianProcess, gaussianProcessState, type GaussianProcessFitOptions } from '../../core/gp.js';
import { maximizeLogEHVISteps } from '../../core/ehvi.js';
import type { Steps } from '../../core/steps.js';
import { nonDominatedBoxes } from '../../pareto/boxes.js';
import type { SearchSpaceTransform } from '../../space/transform.js';
import { SYSTEM_ATTR, type FrozenTrial, type StudyView } from '../../trial/index.js';
import { askConstraintModels, constraintThetas, isKnownFeasible, storedTheta } from './constraint-models.js';
import { decodeRow, discreteColumns, encodeTrials, fitsTransform, modelTargets, type OutputWarping } from './model-data.js';
import type { ParamValue } from '../../space/distributions.js';

// The constraint models travel in this module's on-demand chunk (the sampler reaches them here).
export { askConstraintModels, isKnownFeasible } from './constraint-models.js';
export { observedRows } from './observations.js';
export { unlessTaken } from './taken.js';

/**
 * The GP sampler's proposal for a study of several objectives: one GP per objective and log
 * expected hypervolume improvement (assembly/ehvi.ts). Reached only through a dynamic import from
 * the GP sampler (not re-exported anywhere), so single-objective bundles do not carry it; it also
 * brings the constraint models (constraint-models.ts) to studies with constraints.
 * @internal
 */

/** The GP sampler's options this module reads (not the class: that import would be a cycle). @internal */
export interface MultiObjectiveSampler {
  readonly nCandidates: number;
  readonly nLocalSearch: number;
}

/**
 * The GP sampler's relative sample for a study of several objectives: the model's rows (COMPLETE
 * trials with every value and every modelled parameter), the proposal, decoded and stored for
 * workers elsewhere (`gp:relative_params`), as the single-objective path does.
 * @param context - the derived seed, the running trials (pending points), the output warping and the sampler's fit schedule.
 * @internal
 */
export function* sampleMultiObjective(
  sampler: MultiObjectiveSampler,
  study: StudyView,
  trial: FrozenTrial,
  transform: SearchSpaceTransform,
  context: {
    seed: bigint;
    running: readonly Pick<FrozenTrial, 'number' | 'params'>[];
    warping: OutputWarping;
    fit: (observed: readonly FrozenTrial[]) => GaussianProcessFitOptions;
  },
): Steps<Record<string, ParamValue>> {
  const k = study.directions!.length;
  const observed = study.getTrials(['COMPLETE']).filter((t) => t.values !== null && t.values.length === k && fitsTransform(transform, t));
  const proposal = yield* proposeMultiObjective({
    study,
    trial,
    transform,
    observed,
    pending: encodeTrials(transform, context.running),
    fit: context.fit(observed),
    warping: context.warping,
    seed: context.seed,
    nCandidates: sampler.nCandidates,
    nLocalSearch: sampler.nLocalSearch,
  });
  const params = decodeRow(transform, proposal);
  study.setTrialSystemAttr?.(trial, SYSTEM_ATTR.gpRelativeParams, params);
  return params;
}

/** What the proposal needs from the sampler (its options and the trials it prepared). @internal */
export interface MultiObjectiveInput {
  readonly study: StudyView;
  readonly trial: FrozenTrial;
  readonly transform: SearchSpaceTransform;
  /** COMPLETE trials holding every value and every modelled parameter: the rows of every model. */
  readonly observed: readonly FrozenTrial[];
  /** Encoded parameters of the running trials (pending points). */
  readonly pending: Float64Array;
  /** The fit options of the sampler's schedule; the warm start is replaced per model. */
  readonly fit: GaussianProcessFitOptions;
  readonly warping: OutputWarping;
  readonly seed: bigint;
  readonly nCandidates: number;
  readonly nLocalSearch: number;
}

/**
 * Fits a GP to each objective (standardized, larger is better) and to each constraint, then
 * maximizes log EHVI over the feasible observed front (+ Σ log P(c_k ≤ 0) with constraints;
 * feasibility alone until a trial is feasible). Each objective's fit warm-starts from the θ the
 * latest trial stored in `gp:objective_log_hyperparameters`; the θ of this fit are stored with the
 * trial. Returns the proposal in model coordinates.
 * @internal
 */
export function* proposeMultiObjective(input: MultiObjectiveInput): Steps<Float64Array> {
  const { study, trial, transform, observed } = input;
  const directions = study.directions!;
  const d = transform.d;
  const x = encodeTrials(transform, observed);
  const models: GaussianProcess[] = [];
  for (let j = 0; j < directions.length; j++) {
    const y = modelTargets(
      observed.map((t) => t.values![j]!),
      directions[j]!,
      input.warping,
    );
    yield;
    models.push(
      yield* GaussianProcess.fitSteps(x, y, {
        ...input.fit,
        warmStartTheta: storedTheta(observed, d, SYSTEM_ATTR.gpObjectiveLogHyperparameters, j),
      }),
    );
  }
  study.setTrialSystemAttr?.(trial, SYSTEM_ATTR.gpObjectiveLogHyperparameters, constraintThetas(models));
  const constraints = yield* askConstraintModels(study, trial, x, observed, observed, d, input.fit);

  // The feasible observed points in each model's standardized units: the front to improve on.
  const states = models.map(gaussianProcessState);
  const feasible: number[][] = [];
  const rows: number[] = [];
  observed.forEach((t, i) => {
    if (constraints.length > 0 && !isKnownFeasible(t)) return;
    feasible.push(states.map((st) => st.y[i]!));
    rows.push(i);
  });
  const front = paretoFront(feasible);
  const boxes =
    feasible.length === 0
      ? null
      : nonDominatedBoxes(
          front.map((i) => feasible[i]!),
          referencePoint(feasible),
        );
  // One local search also starts from a front point (which one turns with the trial number).
  const startRow = front.length === 0 ? -1 : rows[front[trial.number % front.length]!]!;
  const start = startRow < 0 ? null : x.slice(startRow * d, (startRow + 1) * d);
  const { x: proposal } = yield* maximizeLogEHVISteps(models, {
    boxes,
    constraints,
    discrete: discreteColumns(transform),
    pending: input.pending,
    start,
    seed: input.seed,
    nCandidates: input.nCandidates,
    nLocalSearch: input.nLocalSearch,
  });
  return proposal;
}

/**
 * Optuna's reference point for log-EHVI, in maximization units: per objective the worst feasible
 * value w pushed 10 % of |w| further out (min(1.1·w, 0.9·w)), then one ulp more, so the worst
 * point still adds volume.
 */
export function referencePoint(points: readonly (readonly number[])[]): number[] {
  const k = points[0]!.length;
  return Array.from({ length: k }, (_, j) => {
    let worst = Infinity;
    for (const p of points) worst = Math.min(worst, p[j]!);
    return nextDown(Math.min(1.1 * worst, 0.9 * worst));
  });
}

function nextDown(v: number): number {
  if (v === 0) return -Number.MIN_VALUE;
  const f = new Float64Array([v]);
  const bits = new BigInt64Array(f.buffer);
  bits[0] = bits[0]! + (v > 0 ? -1n : 1n);
  return f[0]!;
}

/** Indices of the points no other point weakly dominates (maximization; of equal points the first). */
export function paretoFront(points: readonly (readonly number[])[]): number[] {
  const out: number[] = [];
  points.forEach((p, i) => {
    const dominated = points.some((q, r) => {
      if (r === i) return false;
      let ge = true;
      let gt = false;
      for (let j = 0; j < p.length && ge; j++) {
        ge = q[j]! >= p[j]!;
        gt ||= q[j]! > p[j]!;
      }
      return ge && (gt || r < i);
    });
    if (!dominated) out.push(i);
  });
  return out;
}
