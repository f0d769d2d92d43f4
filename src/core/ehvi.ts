/**
 * Log expected hypervolume improvement over the posteriors of several GPs (one per objective), as
 * an acquisition surface for the batched local search: the posteriors and the closed-form EHVI
 * over a box decomposition both run in wasm (assembly/ehvi.ts). Loaded only by multi-objective
 * GP studies (not re-exported by src/core/index.ts or the root module).
 * @internal
 */
import { coreExports } from './loader.js';
import { withScratch, withScratchSteps, type Scratch } from './memory.js';
import { localSearchSteps, type AcquisitionSurface } from './acquisition-local-search.js';
import { conditionedModel, logFeasibilitySurface, sumSurfaces, type ModelInMemory } from './posterior-surface.js';
import { gaussianProcessState, inputs, type GaussianProcess } from './gp.js';
import { chooseStarts, searchSpace, snap, sobolCandidates } from './acquisition-optimizer.js';
import { deriveSeed } from './rng.js';
import type { Steps } from './steps.js';

/** The box decomposition the kernel sums over (see src/pareto/boxes.ts), maximization units. @internal */
export interface EHVIBoxes {
  readonly k: number;
  readonly grid: Float64Array;
  readonly gridStart: Int32Array;
  readonly boxes: Int32Array;
  readonly count: number;
}

/**
 * log EHVI of the k models (standardized, maximized: the caller negates minimized objectives
 * before the fit) over `boxes`, whose coordinates are in each model's standardized units. The
 * decomposition is copied into `s` once; each evaluation computes every model's posterior.
 * @internal
 */
export function logEHVISurface(s: Scratch, models: readonly ModelInMemory[], boxes: EHVIBoxes): AcquisitionSurface {
  const k = models.length;
  const d = models[0]!.d;
  const grid = s.f64(boxes.grid.length, boxes.grid);
  const gridStart = s.i32(k + 1, boxes.gridStart);
  const rows = s.i32(boxes.boxes.length, boxes.boxes);
  const count = boxes.count;
  return {
    evaluate(points, m, withGradient) {
      const ex = coreExports();
      return withScratch((t) => {
        const mean = t.f64(k * m);
        const variance = t.f64(k * m);
        const gm = withGradient ? t.f64(k * m * d) : 0;
        const gv = withGradient ? t.f64(k * m * d) : 0;
        const xc = t.f64(m * d, points);
        const work = t.f64(Math.max(...models.map((md) => ex.gp_posterior_work(md.n))));
        models.forEach((md, j) => {
          const at = j * m * 8;
          ex.gp_posterior(
            md.x,
            md.n,
            d,
            md.kp,
            md.signal,
            md.l,
            md.alpha,
            xc,
            m,
            mean + at,
            variance + at,
            withGradient ? gm + at * d : 0,
            withGradient ? gv + at * d : 0,
            work,
          );
        });
        const value = t.f64(m);
        const grad = withGradient ? t.f64(m * d) : 0;
        const ehviWork = t.f64(ex.ehvi_log_work(k, boxes.grid.length, count));
        ex.ehvi_log(k, m, d, mean, variance, gm, gv, grid, gridStart, rows, count, value, grad, ehviWork);
        return { value: t.takeF64(value, m), grad: withGradient ? t.takeF64(grad, m * d) : undefined };
      });
    },
  };
}

/**
 * log EHVI at the rows of `points` from given posterior means and variances (k × m,
 * objective-major, standardized maximization units), without gradients: the kernel on its own,
 * for tests and references. @internal
 */
export function logEHVIOfPosterior(mean: Float64Array, variance: Float64Array, boxes: EHVIBoxes, m: number): Float64Array {
  const ex = coreExports();
  const { k } = boxes;
  return withScratch((t) => {
    const value = t.f64(m);
    ex.ehvi_log(
      k,
      m,
      0,
      t.f64(k * m, mean),
      t.f64(k * m, variance),
      0,
      0,
      t.f64(boxes.grid.length, boxes.grid),
      t.i32(k + 1, boxes.gridStart),
      t.i32(boxes.boxes.length, boxes.boxes),
      boxes.count,
      value,
      0,
      t.f64(ex.ehvi_log_work(k, boxes.grid.length, boxes.count)),
    );
    return t.takeF64(value, m);
  });
}

/** Options of {@link maximizeLogEHVISteps}. @internal */
export interface MaximizeLogEHVIOptions {
  /** The decomposition of the region the feasible front does not dominate (standardized units of each model), or null when no trial is feasible yet: the search then maximizes feasibility alone. */
  boxes: EHVIBoxes | null;
  /** Constraint models fitted on the same inputs (feasible where c ≤ 0). */
  constraints: readonly GaussianProcess[];
  /** d entries: allowed values of a discrete dimension, null for a continuous one. */
  discrete: ReadonlyArray<ArrayLike<number> | null>;
  /** k × d points of running trials: every model is conditioned on them at its posterior mean (kriging believer, as Optuna 4.x's multi-objective GP). */
  pending: Float64Array;
  /** One more start of the local search (e.g. a point of the front), or null. */
  start: Float64Array | null;
  seed: bigint;
  nCandidates: number;
  nLocalSearch: number;
}

/** Candidates scored per wasm call when stepping, as in the single-objective search. */
const CANDIDATE_CHUNK = 256;

/**
 * Maximizes log EHVI (+ Σ log P(c_k ≤ 0) with constraints) over the inputs of the objective
 * models: scrambled Sobol candidates, the best and roulette-picked ones refined by the batched
 * local search (core/acquisition-local-search.ts), continuous coordinates scaled by the mean of
 * the objectives' lengthscales (as Optuna does). Deterministic for a seed.
 * @returns the maximizer and the acquisition value there.
 * @internal
 */
export function* maximizeLogEHVISteps(
  objectives: readonly GaussianProcess[],
  options: MaximizeLogEHVIOptions,
): Steps<{ x: Float64Array; value: number }> {
  const where = 'GPSampler';
  const states = objectives.map(gaussianProcessState);
  const first = states[0]!;
  const d = first.d;
  const space = searchSpace(where, first, undefined, options.discrete);
  space.lengthscales.fill(0);
  for (const st of states) for (let j = 0; j < d; j++) space.lengthscales[j]! += st.hyper.lengthscales[j]! / states.length;
  const pending = inputs(where, 'pending', options.pending, d, first.cat);
  const { nCandidates, nLocalSearch, seed } = options;
  return yield* withScratchSteps(function* (s) {
    const terms: AcquisitionSurface[] = [];
    if (options.boxes !== null) {
      terms.push(
        logEHVISurface(
          s,
          states.map((st) => conditionedModel(s, st, pending, NaN)),
          options.boxes,
        ),
      );
    }
    for (const c of options.constraints) {
      const cs = gaussianProcessState(c);
      terms.push(logFeasibilitySurface(conditionedModel(s, cs, pending, NaN), -cs.yMean / cs.yScale));
    }
    const surface = sumSurfaces(terms);
    const candidates = sobolCandidates(space, nCandidates, deriveSeed(seed, 0));
    const scores = new Float64Array(nCandidates);
    for (let c0 = 0; c0 < nCandidates; c0 += CANDIDATE_CHUNK) {
      const width = Math.min(CANDIDATE_CHUNK, nCandidates - c0);
      scores.set(surface.evaluate(candidates.subarray(c0 * d, (c0 + width) * d), width, false).value, c0);
      yield;
    }
    const withStart = options.start !== null && nLocalSearch >= 2 ? 1 : 0;
    const starts = chooseStarts(scores, Math.max(0, nLocalSearch - 1 - withStart), deriveSeed(seed, 1));
    const k = starts.length + withStart;
    const x0 = new Float64Array(k * d);
    starts.forEach((c, r) => x0.set(candidates.subarray(c * d, (c + 1) * d), r * d));
    if (withStart) x0.set(snap(space, options.start!), starts.length * d);
    const found = yield* localSearchSteps(surface, space, x0, k);
    let winner = 0;
    for (let r = 1; r < found.value.length; r++) if (found.value[r]! > found.value[winner]!) winner = r;
    // Every score −Infinity (no box reachable anywhere): the first candidate, a Sobol point.
    if (!(found.value[winner]! > -Infinity) && !(scores[starts[0]!]! > -Infinity)) return { x: candidates.slice(0, d), value: -Infinity };
    return { x: found.x.slice(winner * d, (winner + 1) * d), value: found.value[winner]! };
  });
}
