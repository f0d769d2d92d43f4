import { coreExports } from './loader.js';
import {
  LBFGS_BAD_START,
  LBFGS_FTOL,
  LBFGS_GTOL,
  LBFGS_INIT,
  LBFGS_LINE_SEARCH_FAILED,
  LBFGS_MAX_ITERATIONS,
  LBFGS_SEARCH,
} from './exports.js';
import type { Scratch } from './memory.js';
import { runSteps, type Steps } from './steps.js';

/**
 * Evaluates `count` points: rows of the matrix at `x` (count × n) in, objective values to `f` and
 * gradients to `g` (count × n) out; row r belongs to start `starts[r]`. Pointers are into wasm
 * memory and valid for this call only; temporaries belong in a nested `withScratch`.
 * @internal
 */
export type BatchObjective = (x: number, count: number, f: number, g: number, starts: readonly number[]) => void;

/** @internal */
export interface BatchMinimizeOptions {
  /** Correction pairs kept. @defaultValue 10 */
  memory?: number;
  /** Stop when the (projected) gradient's max-norm is at most this. */
  gtol: number;
  /** Stop when the relative decrease of one iteration is at most this. */
  ftol: number;
  maxIterations: number;
  /** Box bounds (n values each); omitted: unbounded L-BFGS with a strong-Wolfe line search. */
  lower?: ArrayLike<number>;
  upper?: ArrayLike<number>;
  /**
   * Max-norm length of the first step (taken before any curvature is known): shorter for a start
   * already near a minimum. @defaultValue 1
   */
  firstStep?: number;
}

/** Why a start stopped (or `'running'`), by the status code assembly/lbfgs.ts writes. @internal */
export const LBFGS_STATUS = {
  [LBFGS_INIT]: 'running',
  [LBFGS_SEARCH]: 'running',
  [LBFGS_GTOL]: 'gtol',
  [LBFGS_FTOL]: 'ftol',
  [LBFGS_MAX_ITERATIONS]: 'max-iterations',
  [LBFGS_LINE_SEARCH_FAILED]: 'line-search',
  [LBFGS_BAD_START]: 'bad-start',
} as const;

/** @internal */
export type LbfgsStatus = (typeof LBFGS_STATUS)[keyof typeof LBFGS_STATUS];

/** @internal */
export interface BatchMinimizeResult {
  /** k × n final points. */
  x: Float64Array;
  f: Float64Array;
  status: LbfgsStatus[];
  iterations: Float64Array;
  /** Batched evaluations made (rounds). */
  rounds: number;
}

/**
 * Minimizes from k starts at once with the reverse-communication L-BFGS of assembly/lbfgs.ts:
 * every round evaluates all running starts in one `evaluate` call. Runs inside the caller's
 * scratch scope, which must stay open until this returns.
 * @internal
 */
export function minimizeBatch(
  s: Scratch,
  x0: ArrayLike<number>,
  k: number,
  n: number,
  evaluate: BatchObjective,
  options: BatchMinimizeOptions,
): BatchMinimizeResult {
  return runSteps(minimizeBatchSteps(s, x0, k, n, evaluate, options));
}

/**
 * `minimizeBatch` as a stepped computation (steps.ts): pauses after every round, so a long fit
 * can give the event loop back between likelihood evaluations.
 * @internal
 */
export function* minimizeBatchSteps(
  s: Scratch,
  x0: ArrayLike<number>,
  k: number,
  n: number,
  evaluate: BatchObjective,
  options: BatchMinimizeOptions,
): Steps<BatchMinimizeResult> {
  const ex = coreExports();
  const m = options.memory ?? 10;
  const state = s.f64(ex.lbfgs_size(k, n, m));
  const lo = options.lower ? s.f64(n, options.lower) : 0;
  const hi = options.upper ? s.f64(n, options.upper) : 0;
  const xq = state;
  const gq = state + 8 * k * n;
  const fq = state + 16 * k * n;
  const statusPtr = fq + 8 * k;
  const itersPtr = statusPtr + 8 * k;
  // Compact buffers for rounds where only some starts still run.
  const cx = s.f64(k * n);
  const cf = s.f64(k);
  const cg = s.f64(k * n);
  ex.lbfgs_start(state, k, n, m, s.f64(k * n, x0), lo, hi, options.firstStep ?? 1);
  const all = Array.from({ length: k }, (_, i) => i);
  let running = k;
  let rounds = 0;
  while (running > 0) {
    rounds++;
    if (running === k) {
      evaluate(xq, k, fq, gq, all);
    } else {
      const active: number[] = [];
      const st = s.viewF64(statusPtr, k);
      for (let i = 0; i < k; i++) if (st[i] <= 1) active.push(i);
      let view = s.viewF64(xq, k * n);
      let compact = s.viewF64(cx, k * n);
      active.forEach((i, r) => compact.set(view.subarray(i * n, (i + 1) * n), r * n));
      evaluate(cx, active.length, cf, cg, active);
      // The evaluation may have grown memory: views are made again.
      const f = s.viewF64(fq, k);
      const cfv = s.viewF64(cf, k);
      view = s.viewF64(gq, k * n);
      compact = s.viewF64(cg, k * n);
      active.forEach((i, r) => {
        f[i] = cfv[r];
        view.set(compact.subarray(r * n, (r + 1) * n), i * n);
      });
    }
    running = ex.lbfgs_tell(state, k, n, m, lo, hi, options.gtol, options.ftol, options.maxIterations);
    if (running > 0) yield;
  }
  return {
    x: s.takeF64(xq, k * n),
    f: s.takeF64(fq, k),
    status: Array.from(s.viewF64(statusPtr, k), (c) => LBFGS_STATUS[c as keyof typeof LBFGS_STATUS]),
    iterations: s.takeF64(itersPtr, k),
    rounds,
  };
}
