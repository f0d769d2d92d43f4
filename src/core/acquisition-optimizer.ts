import { coreExports } from './loader.js';
import { withScratch, withScratchSteps } from './memory.js';
import { runSteps, type Steps } from './steps.js';
import { Rng, deriveSeed, checkSeed, type Seed } from './rng.js';
import { Sobol } from './sobol.js';
import { gaussianProcessState, inputs, type GaussianProcess, type GaussianProcessState } from './gp.js';
import { localSearchSteps, type SearchBox } from './acquisition-local-search.js';
import { conditionedModel, logEISurface, logFeasibilitySurface, posteriorOf, sumSurfaces } from './posterior-surface.js';
import { logExpectedImprovement } from './acquisition.js';
import { describeValue } from '../errors.js';

/** Options of {@link maximizeAcquisition}. */
export interface MaximizeAcquisitionOptions {
  /**
   * The incumbent, in the units of y: expected improvement is E[max(f(x) − best, 0)], or
   * E[max(best − f(x), 0)] with `direction: 'minimize'`. With `constraints`, the best feasible
   * value, or null when no observation is feasible yet: the search then maximizes the
   * probability of feasibility alone (as Optuna's GPSampler does).
   */
  best: number | null;
  /**
   * Models of constraints c_k, each fitted on the same inputs as the objective (any subset of
   * rows), feasible where c_k(x) ≤ 0 in the units of its outputs. The search maximizes
   * logEI(x) + Σ_k log P(c_k(x) ≤ 0), P from each model's posterior (Gardner et al. 2014).
   * Pending points condition every constraint model at its posterior mean.
   * @defaultValue none
   */
  constraints?: readonly GaussianProcess[];
  /** Whether larger or smaller y is better. @defaultValue 'maximize' */
  direction?: 'maximize' | 'minimize';
  /**
   * Box of each continuous dimension, d pairs [low, high]; ignored for discrete dimensions.
   * @defaultValue [0, 1] for every dimension
   */
  bounds?: ReadonlyArray<readonly [number, number]>;
  /**
   * d entries: the allowed values of a discrete dimension (sorted or not, duplicates removed), or
   * null/undefined for a continuous one. Categorical dimensions of the model must list their
   * category codes here.
   */
  discrete?: ReadonlyArray<ArrayLike<number> | null | undefined>;
  /**
   * k × d points being evaluated elsewhere (running trials): the model is conditioned on them at
   * the values `pendingBelief` chooses, so the next proposal keeps away from them.
   */
  pending?: ArrayLike<number>;
  /**
   * What the model believes a pending point returns: `'posterior-mean'` (kriging believer: only
   * the variance shrinks there, so a point the mean favours can still be proposed again right
   * beside it), `'worst'` (constant liar at the worst observed value, per `direction`: the mean
   * drops around pending points too, which spreads concurrent proposals) or `'mean'` (constant
   * liar at the average observed value). @defaultValue 'posterior-mean'
   */
  pendingBelief?: PendingBelief;
  /** Seed of the candidates and of the choice of starts. */
  seed: Seed;
  /** Scrambled Sobol candidates scored before the local search. @defaultValue 2048 */
  nCandidates?: number;
  /** Local searches: the best candidate, roulette picks, and the best observed point. @defaultValue 10 */
  nLocalSearch?: number;
  /** Receives the milliseconds spent scoring candidates and in the local searches (for profiling). @internal */
  timings?: { candidatesMs: number; localSearchMs: number };
}

/** How `maximizeAcquisition` treats pending points (see its `pendingBelief` option). */
export type PendingBelief = 'posterior-mean' | 'worst' | 'mean';

/** The maximizer found and its log expected improvement (natural log, units of y). */
export interface AcquisitionResult {
  x: Float64Array;
  /** log EI at x (NaN when `best` was null). */
  logEI: number;
  /** Σ_k log P(c_k(x) ≤ 0) at x under the pending-conditioned constraint models (0 without constraints). */
  logFeasibility: number;
}

/**
 * Maximizes log expected improvement of a fitted {@link GaussianProcess}, as Optuna's GPSampler
 * does: `nCandidates` scrambled Sobol points scored in one batched call; local searches from the
 * best of them, from `nLocalSearch − 2` more drawn by roulette (probability ∝ EI), and from the
 * best observed point, all advancing together. Each local search alternates projected L-BFGS-B on
 * the continuous dimensions (in lengthscale-scaled coordinates, so one step means the same to every
 * dimension) with exact search over each discrete dimension (every choice when there are at most
 * 16, a shrinking grid over the sorted choices otherwise). Deterministic for a seed. With
 * `constraints`, every stage maximizes logEI + Σ_k log P(c_k ≤ 0) instead (or the sum alone when
 * `best` is null), the log probabilities and their gradients in wasm (assembly/gp-log-pof.ts).
 *
 * @param gp - the model.
 * @param options - see {@link MaximizeAcquisitionOptions}.
 * @returns `{ x, logEI }`; x lies in the bounds and uses only allowed discrete values.
 * @throws TypeError / RangeError on malformed options, naming the option.
 * @example
 * ```ts
 * const gp = GaussianProcess.fit(X, y, { d: 2 });
 * const { x, logEI } = maximizeAcquisition(gp, { best: Math.max(...y), seed: 7 });
 * // With a constraint c(x) ≤ 0 observed at the same points (c), incumbent among feasible ones:
 * const cgp = GaussianProcess.fit(X, c, { d: 2 });
 * maximizeAcquisition(gp, { best: bestFeasible, constraints: [cgp], seed: 7 });
 * ```
 */
export function maximizeAcquisition(gp: GaussianProcess, options: MaximizeAcquisitionOptions): AcquisitionResult {
  return runSteps(maximizeAcquisitionSteps(gp, options));
}

/**
 * Candidates scored per wasm call when stepping: a multiple of the posterior kernel's block of 8
 * candidates, so the scores are the same as in one call, and small enough (≈ 3 ms at n = 300)
 * to keep each step short.
 */
const CANDIDATE_CHUNK = 256;

/**
 * `maximizeAcquisition` as a stepped computation (core/steps.ts) that pauses between candidate
 * batches and local-search rounds. Same results, bit for bit.
 * @internal
 */
export function* maximizeAcquisitionSteps(gp: GaussianProcess, options: MaximizeAcquisitionOptions): Steps<AcquisitionResult> {
  const where = 'maximizeAcquisition';
  const st = gaussianProcessState(gp);
  if (options === null || typeof options !== 'object') {
    throw new TypeError(`${where}: \`options\` must be an object with \`best\` and \`seed\` but got ${describeValue(options)}.`);
  }
  const { best } = options;
  const constraints = constraintStates(where, st, options.constraints);
  if (best === null ? constraints.length === 0 : typeof best !== 'number' || !Number.isFinite(best)) {
    const allowed = constraints.length === 0 ? 'a finite number' : 'a finite number or null';
    throw new RangeError(`${where}: \`best\` must be ${allowed} but got ${describeValue(best)}.`);
  }
  const direction = options.direction ?? 'maximize';
  if (direction !== 'maximize' && direction !== 'minimize') {
    throw new TypeError(`${where}: \`direction\` must be 'maximize' or 'minimize' but got ${describeValue(direction)}.`);
  }
  const sign = direction === 'maximize' ? 1 : -1;
  const seed = checkSeed(where, options.seed);
  const nCandidates = count(where, 'nCandidates', options.nCandidates ?? 2048);
  const nLocalSearch = count(where, 'nLocalSearch', options.nLocalSearch ?? 10);
  const space = searchSpace(where, st, options.bounds, options.discrete);
  const pending = options.pending === undefined ? new Float64Array(0) : inputs(where, 'pending', options.pending, st.d, st.cat);
  const lie = pendingLie(where, st, options.pendingBelief ?? 'posterior-mean', sign);

  return yield* withScratchSteps(function* (s) {
    const t0 = options.timings ? performance.now() : 0;
    const model = conditionedModel(s, st, pending, lie);
    const objective = best === null ? [] : [logEISurface(model, (best - st.yMean) / st.yScale, sign)];
    const feasibility = constraints.map((c) => logFeasibilitySurface(conditionedModel(s, c, pending, NaN), -c.yMean / c.yScale));
    const surface = sumSurfaces([...objective, ...feasibility]);
    const candidates = sobolCandidates(space, nCandidates, deriveSeed(seed, 0));
    const scores = new Float64Array(nCandidates);
    for (let c0 = 0; c0 < nCandidates; c0 += CANDIDATE_CHUNK) {
      const width = Math.min(CANDIDATE_CHUNK, nCandidates - c0);
      scores.set(surface.evaluate(candidates.subarray(c0 * st.d, (c0 + width) * st.d), width, false).value, c0);
      yield;
    }
    const t1 = options.timings ? performance.now() : 0;
    const starts = chooseStarts(scores, Math.max(0, nLocalSearch - 2), deriveSeed(seed, 1));
    const withObserved = nLocalSearch >= 2 ? 1 : 0;
    const k = starts.length + withObserved;
    const x0 = new Float64Array(k * st.d);
    starts.forEach((c, r) => x0.set(candidates.subarray(c * st.d, (c + 1) * st.d), r * st.d));
    if (withObserved) x0.set(snap(space, bestObserved(st, sign)), starts.length * st.d);
    const found = yield* localSearchSteps(surface, space, x0, k);
    if (options.timings) {
      options.timings.candidatesMs = t1 - t0;
      options.timings.localSearchMs = performance.now() - t1;
    }
    let winner = 0;
    for (let r = 1; r < found.value.length; r++) if (found.value[r] > found.value[winner]) winner = r;
    const x = found.x.slice(winner * st.d, (winner + 1) * st.d);
    // Reported in the units of y, through the public logEI on the (pending-conditioned) posterior,
    // so it equals logExpectedImprovement(mean, variance, best) of that model at x.
    const post = posteriorOf(model, x);
    const mean = post.mean[0] * st.yScale + st.yMean;
    const variance = post.variance[0] * st.yScale * st.yScale;
    let logFeasibility = 0;
    for (const f of feasibility) logFeasibility += f.evaluate(x, 1, false).value[0]!;
    const logEI = best === null ? NaN : logExpectedImprovement(mean, variance, best, { direction });
    return { x, logEI, logFeasibility };
  });
}

/** The states of the constraint models, checked to take the objective's inputs. */
function constraintStates(where: string, st: GaussianProcessState, constraints: unknown): GaussianProcessState[] {
  if (constraints === undefined) return [];
  if (!Array.isArray(constraints)) {
    throw new TypeError(`${where}: \`constraints\` must be an array of GaussianProcess models but got ${describeValue(constraints)}.`);
  }
  return constraints.map((c: GaussianProcess, k) => {
    const cs = gaussianProcessState(c);
    if (cs.d !== st.d || cs.cat.some((v, j) => v !== st.cat[j])) {
      throw new RangeError(
        `${where}: \`constraints[${k}]\` must model the objective's ${st.d} inputs (same categorical dimensions) but got a model of ${cs.d}.`,
      );
    }
    return cs;
  });
}

/** The standardized value pending points are believed at, or NaN for their posterior mean. */
function pendingLie(where: string, st: GaussianProcessState, belief: unknown, sign: number): number {
  if (belief === 'posterior-mean') return NaN;
  if (belief === 'mean') return 0; // y is standardized to mean 0
  if (belief === 'worst') {
    let worst = sign > 0 ? Infinity : -Infinity;
    for (const v of st.y) worst = sign > 0 ? Math.min(worst, v) : Math.max(worst, v);
    return worst;
  }
  throw new TypeError(`${where}: \`pendingBelief\` must be 'posterior-mean', 'worst' or 'mean' but got ${describeValue(belief)}.`);
}

function count(where: string, name: string, v: number): number {
  if (!Number.isSafeInteger(v) || v < 1) throw new RangeError(`${where}: \`${name}\` must be a positive integer but got ${v}.`);
  return v;
}

/** The search box of the model's inputs, checked (shared with the multi-objective search, core/ehvi.ts). @internal */
export function searchSpace(
  where: string,
  st: GaussianProcessState,
  bounds: MaximizeAcquisitionOptions['bounds'],
  discrete: MaximizeAcquisitionOptions['discrete'],
): SearchBox {
  const d = st.d;
  if (bounds !== undefined && (!Array.isArray(bounds) || bounds.length !== d)) {
    throw new RangeError(`${where}: \`bounds\` must hold d = ${d} pairs [low, high] but got ${describeLength(bounds)}.`);
  }
  if (discrete !== undefined && (!Array.isArray(discrete) || discrete.length !== d)) {
    throw new RangeError(`${where}: \`discrete\` must hold d = ${d} entries but got ${describeLength(discrete)}.`);
  }
  const lower = new Float64Array(d);
  const upper = new Float64Array(d).fill(1);
  const choices: (Float64Array | null)[] = [];
  for (let j = 0; j < d; j++) {
    const values = discrete?.[j];
    if (values !== null && values !== undefined) {
      const sorted = Float64Array.from(new Set(Array.from(values))).sort();
      if (sorted.length === 0 || !sorted.every(Number.isFinite)) {
        throw new RangeError(
          `${where}: \`discrete[${j}]\` must list at least one finite value but got [${Array.from(values).join(', ')}].`,
        );
      }
      if (st.cat[j] && !sorted.every(Number.isInteger)) {
        throw new RangeError(`${where}: \`discrete[${j}]\` must list integer category codes but got [${sorted.join(', ')}].`);
      }
      choices.push(sorted);
      continue;
    }
    if (st.cat[j]) {
      throw new TypeError(
        `${where}: \`discrete[${j}]\` must list the category codes of categorical dimension ${j} but got ${describeValue(values)}.`,
      );
    }
    choices.push(null);
    const pair = bounds?.[j];
    if (pair !== undefined) {
      const [lo, hi] = pair;
      if (!(Number.isFinite(lo) && Number.isFinite(hi) && lo <= hi)) {
        throw new RangeError(`${where}: \`bounds[${j}]\` must be finite with low <= high but got [${lo}, ${hi}].`);
      }
      lower[j] = lo;
      upper[j] = hi;
    }
  }
  return { d, lower, upper, choices, lengthscales: Float64Array.from(st.hyper.lengthscales) };
}

function describeLength(v: unknown): string {
  return Array.isArray(v) ? `${v.length} entries` : String(v);
}

/** Sobol points mapped into the box; a discrete dimension takes choice ⌊u·k⌋. @internal */
export function sobolCandidates(space: SearchBox, n: number, seed: bigint): Float64Array {
  const { d } = space;
  const u = new Sobol(d, { scramble: 'lms', seed, warn: false }).random(n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) {
      const c = space.choices[j];
      const v = u[i * d + j];
      u[i * d + j] = c ? c[Math.min(Math.floor(v * c.length), c.length - 1)] : space.lower[j] + v * (space.upper[j] - space.lower[j]);
    }
  }
  return u;
}

/**
 * Indices of the starts: the best candidate, then up to `extra` more drawn without replacement
 * with probability ∝ exp(logEI − max) (Optuna's roulette). The weights are computed in wasm so
 * that a seed picks the same starts in every engine; drawing stops early when the remaining
 * weight underflows to 0.
 * @internal
 */
export function chooseStarts(scores: Float64Array, extra: number, seed: bigint): number[] {
  const n = scores.length;
  let top = 0;
  for (let i = 1; i < n; i++) if (scores[i] > scores[top]) top = i;
  const weights = withScratch((s) => {
    const out = s.f64(n);
    coreExports().acquisition_roulette_weights(s.f64(n, scores), n, out);
    return s.takeF64(out, n);
  });
  weights[top] = 0;
  const picks = [top];
  const draws = new Rng(seed).uniform(Math.min(extra, n - 1));
  for (const u of draws) {
    let total = 0;
    for (let i = 0; i < n; i++) total += weights[i];
    if (!(total > 0)) break;
    const target = u * total;
    let acc = 0;
    let pick = -1;
    for (let i = 0; i < n; i++) {
      if (weights[i] === 0) continue;
      acc += weights[i];
      pick = i;
      if (acc > target) break;
    }
    picks.push(pick);
    weights[pick] = 0;
  }
  return picks;
}

/** The observed point with the best y in the direction (ties: the first). */
function bestObserved(st: GaussianProcessState, sign: number): Float64Array {
  let top = 0;
  for (let i = 1; i < st.n; i++) if (sign * st.y[i] > sign * st.y[top]) top = i;
  return st.x.slice(top * st.d, (top + 1) * st.d);
}

/** Clamps continuous coordinates into the box and moves discrete ones to the nearest choice. @internal */
export function snap(space: SearchBox, x: Float64Array): Float64Array {
  const out = x.slice();
  for (let j = 0; j < space.d; j++) {
    const c = space.choices[j];
    if (!c) {
      out[j] = Math.min(Math.max(out[j], space.lower[j]), space.upper[j]);
      continue;
    }
    let nearest = c[0];
    for (const v of c) if (Math.abs(v - out[j]) < Math.abs(nearest - out[j])) nearest = v;
    out[j] = nearest;
  }
  return out;
}
