// Batched limited-memory BFGS by reverse communication: k independent starts advance together,
// and between two `lbfgs_tell` calls the caller evaluates f and ∇f at every start's query point in
// ONE batched call (the GP posterior + logEI for the acquisition, the MAP objective for the fit).
//
// Why reverse communication rather than the whole loop in wasm: the objectives differ (MAP
// objective of the hyperparameters; logEI in lengthscale-scaled coordinates with the discrete
// dimensions held fixed), and the loop stays testable on any function, including plain TypeScript
// ones. Each round costs two boundary crossings, negligible beside an O(n²) or O(n³) evaluation,
// and all arithmetic, the line searches included, still runs here, so results are bit-identical in
// every engine.
//
// Two modes share the state machine:
// - unbounded (lo == 0): L-BFGS with a strong-Wolfe line search, bracketing then zoom with
//   safeguarded cubic interpolation (J. Nocedal, S. J. Wright, "Numerical Optimization", 2nd ed.,
//   algorithms 3.5, 3.6 and 7.4);
// - box-bounded: projected L-BFGS. The two-loop direction is computed with the gradient's active
//   components (at a bound, pointing out) masked, those components of the step are zeroed, and an
//   Armijo backtracking search runs along the projection path P(x + αp), as in D. Kim, S. Sra,
//   I. Dhillon, "Tackling box-constrained optimization via a new projected quasi-Newton approach",
//   SIAM J. Sci. Comput. 32 (2010). Convergence is measured on the projected gradient.
//
// Memory (f64 slots, all caller-owned; `lbfgs_size` gives the total):
//   XQ[k·n]  query points; when a start has finished, its best point
//   GQ[k·n]  gradients at XQ, written by the caller
//   FQ[k]    objective values at XQ, written by the caller
//   ST[k]    status per start (LBFGS_* in codes.ts)
//   IT[k]    accepted iterations per start
//   then one record per start (see the R_* offsets).

import { dotSerial } from './dot';
import { ld, st } from './memory';
import {
  LBFGS_BAD_START, LBFGS_FTOL, LBFGS_GTOL, LBFGS_INIT, LBFGS_LINE_SEARCH_FAILED, LBFGS_MAX_ITERATIONS, LBFGS_SEARCH,
} from './codes';

const C1: f64 = 1e-4;
const C2: f64 = 0.9;
const MAX_LS: i32 = 25;
const EPS: f64 = 2.220446049250313e-16;

// Header slots inside a record, after its vectors.
const H_F: i32 = 0; // objective at the accepted point
const H_ALPHA: i32 = 1; // current trial step
const H_DPHI0: i32 = 2; // directional derivative at step 0
const H_APREV: i32 = 3; // previous trial (bracketing phase)
const H_FPREV: i32 = 4;
const H_DPREV: i32 = 5;
const H_ALO: i32 = 6; // zoom bracket: lo is the best point that satisfies Armijo
const H_FLO: i32 = 7;
const H_DLO: i32 = 8;
const H_AHI: i32 = 9;
const H_FHI: i32 = 10;
const H_DHI: i32 = 11;
const H_LSCOUNT: i32 = 12;
const H_ZOOM: i32 = 13; // 0 bracketing, 1 zooming
const H_HEAD: i32 = 14; // slot of the newest correction pair
const H_COUNT: i32 = 15; // correction pairs held
const H_FACC: i32 = 16; // objective at the point a line search accepted
const H_STEP0: i32 = 17; // max-norm length of a step taken without curvature pairs
const H_SIZE: i32 = 18;

function vcopy(dst: usize, src: usize, n: i32): void {
  memory.copy(dst, src, <usize>n << 3);
}

function allFinite(p: usize, n: i32): bool {
  for (let i = 0; i < n; i++) if (!isFinite(ld(p, i))) return false;
  return true;
}

/** f64 slots of one start's record: X, G, P, LO_G, PREV_G, S (m·n), Y (m·n), RHO, ATMP, header. */
// @ts-ignore: decorator
@inline function recordSize(n: i32, m: i32): i32 {
  return 5 * n + 2 * m * n + 2 * m + H_SIZE;
}

/** Number of f64 slots `lbfgs_start`/`lbfgs_tell` need for k starts in n dimensions, memory m. */
export function lbfgs_size(k: i32, n: i32, m: i32): i32 {
  return 2 * k * n + 3 * k + k * recordSize(n, m);
}

// Pointers into the record of the start being advanced (wasm globals: the stub runtime must never
// allocate, because the JavaScript arena owns everything above __heap_base).
let xq: usize = 0;
let gq: usize = 0;
let vx: usize = 0;
let vg: usize = 0;
let vp: usize = 0;
let loG: usize = 0;
let prevG: usize = 0;
let vs: usize = 0;
let vy: usize = 0;
let rho: usize = 0;
let atmp: usize = 0;
let hd: usize = 0;

function bind(state: usize, k: i32, n: i32, m: i32, i: i32): void {
  const base = state + ((<usize>(2 * k * n + 3 * k) + <usize>i * <usize>recordSize(n, m)) << 3);
  xq = state + ((<usize>i * n) << 3);
  gq = state + ((<usize>(k * n + i * n)) << 3);
  vx = base;
  vg = base + (<usize>n << 3);
  vp = base + (<usize>(2 * n) << 3);
  loG = base + (<usize>(3 * n) << 3);
  prevG = base + (<usize>(4 * n) << 3);
  vs = base + (<usize>(5 * n) << 3);
  vy = base + (<usize>(5 * n + m * n) << 3);
  rho = base + (<usize>(5 * n + 2 * m * n) << 3);
  atmp = base + (<usize>(5 * n + 2 * m * n + m) << 3);
  hd = base + (<usize>(5 * n + 2 * m * n + 2 * m) << 3);
}

/**
 * Starts k runs from the rows of `x0` (k × n). With bounds (`lo` != 0), starting points are
 * clamped into [lo, hi]. `firstStep` (> 0) is the max-norm length of the first trial step (and of
 * any step taken after the curvature pairs are dropped): 1 in general, shorter from a start known
 * to be near a minimum (a warm start), where a long first step only buys line-search backtracking.
 * After this, the caller evaluates every row of XQ.
 */
export function lbfgs_start(state: usize, k: i32, n: i32, m: i32, x0: usize, lo: usize, hi: usize, firstStep: f64): void {
  memory.fill(state, 0, <usize>lbfgs_size(k, n, m) << 3);
  for (let i = 0; i < k; i++) {
    bind(state, k, n, m, i);
    st(hd, H_STEP0, firstStep);
    for (let j = 0; j < n; j++) {
      let xj = ld(x0, i * n + j);
      if (lo != 0) xj = min(max(xj, ld(lo, j)), ld(hi, j));
      st(xq, j, xj);
    }
  }
}

/**
 * Consumes FQ/GQ for every running start, advances it, and writes its next query point to XQ.
 * Returns the number of starts still running (0: every row of XQ/FQ/GQ holds a final point).
 * `lo`/`hi` are n bounds each, or `lo` == 0 for the unbounded strong-Wolfe mode.
 */
export function lbfgs_tell(
  state: usize, k: i32, n: i32, m: i32, lo: usize, hi: usize, gtol: f64, ftol: f64, maxIter: i32,
): i32 {
  const fq = state + (<usize>(2 * k * n) << 3);
  const status = fq + (<usize>k << 3);
  const iters = status + (<usize>k << 3);
  let running = 0;
  for (let i = 0; i < k; i++) {
    let code = <i32>ld(status, i);
    if (code > LBFGS_SEARCH) continue;
    bind(state, k, n, m, i);
    const f = ld(fq, i);
    if (code == LBFGS_INIT) {
      if (!isFinite(f) || !allFinite(gq, n)) {
        st(status, i, <f64>LBFGS_BAD_START);
        continue;
      }
      vcopy(vx, xq, n);
      vcopy(vg, gq, n);
      st(hd, H_F, f);
      code = converged(n, lo, hi, gtol) ? LBFGS_GTOL : beginIteration(n, m, lo, hi);
    } else {
      const verdict = lo == 0 ? wolfeStep(n, f) : armijoStep(n, f, lo, hi);
      if (verdict == 1) {
        code = accept(n, m, lo, hi, gtol, ftol, maxIter, iters, i);
      } else if (verdict == 2) {
        code = LBFGS_LINE_SEARCH_FAILED;
      } else {
        code = LBFGS_SEARCH;
      }
    }
    st(status, i, <f64>code);
    if (code > LBFGS_SEARCH) {
      // Finished: publish the best accepted point.
      vcopy(xq, vx, n);
      vcopy(gq, vg, n);
      st(fq, i, ld(hd, H_F));
    } else {
      running++;
    }
  }
  return running;
}

function converged(n: i32, lo: usize, hi: usize, gtol: f64): bool {
  let worst = 0.0;
  for (let j = 0; j < n; j++) {
    const gj = ld(vg, j);
    let pg = gj;
    if (lo != 0) {
      const xj = ld(vx, j);
      pg = xj - min(max(xj - gj, ld(lo, j)), ld(hi, j));
    }
    worst = max(worst, Math.abs(pg));
  }
  return worst <= gtol;
}

/** Gradient component j points out of the box at a bound: the variable is held there. */
// @ts-ignore: decorator
@inline function isActive(j: i32, lo: usize, hi: usize): bool {
  if (lo == 0) return false;
  const xj = ld(vx, j);
  const gj = ld(vg, j);
  return (xj <= ld(lo, j) && gj > 0.0) || (xj >= ld(hi, j) && gj < 0.0);
}

/**
 * Two-loop recursion for p = −H g (masked to the free variables in bounded mode), then the first
 * trial point of the line search. Returns the new status.
 */
function beginIteration(n: i32, m: i32, lo: usize, hi: usize): i32 {
  const count = <i32>ld(hd, H_COUNT);
  const head = <i32>ld(hd, H_HEAD);
  const q = vp;
  for (let j = 0; j < n; j++) st(q, j, isActive(j, lo, hi) ? 0.0 : ld(vg, j));
  for (let t = 0; t < count; t++) {
    const slot = (head - t + m) % m;
    const sj = vs + ((<usize>slot * n) << 3);
    const yj = vy + ((<usize>slot * n) << 3);
    const a = ld(rho, slot) * dotSerial(sj, q, n);
    st(atmp, slot, a);
    for (let j = 0; j < n; j++) st(q, j, ld(q, j) - a * ld(yj, j));
  }
  if (count > 0) {
    const yh = vy + ((<usize>head * n) << 3);
    const gamma = 1.0 / (ld(rho, head) * dotSerial(yh, yh, n));
    for (let j = 0; j < n; j++) st(q, j, ld(q, j) * gamma);
  }
  for (let t = count - 1; t >= 0; t--) {
    const slot = (head - t + m) % m;
    const sj = vs + ((<usize>slot * n) << 3);
    const yj = vy + ((<usize>slot * n) << 3);
    const b = ld(rho, slot) * dotSerial(yj, q, n);
    const c = ld(atmp, slot) - b;
    for (let j = 0; j < n; j++) st(q, j, ld(q, j) + c * ld(sj, j));
  }
  for (let j = 0; j < n; j++) st(q, j, isActive(j, lo, hi) ? 0.0 : -ld(q, j));
  let dphi0 = dotSerial(q, vg, n);
  if (!(dphi0 < 0.0)) {
    // Curvature information went stale: restart from steepest descent on the free variables.
    st(hd, H_COUNT, 0.0);
    for (let j = 0; j < n; j++) st(q, j, isActive(j, lo, hi) ? 0.0 : -ld(vg, j));
    dphi0 = dotSerial(q, vg, n);
    if (!(dphi0 < 0.0)) return LBFGS_GTOL;
  }
  let alpha = 1.0;
  if (<i32>ld(hd, H_COUNT) == 0) {
    // No curvature yet: a first step of length `firstStep` in the max norm (at most a unit step of
    // −g), as a unit step of −g could be arbitrarily long.
    let pmax = 0.0;
    for (let j = 0; j < n; j++) pmax = max(pmax, Math.abs(ld(q, j)));
    alpha = min(1.0, ld(hd, H_STEP0) / pmax);
  }
  st(hd, H_DPHI0, dphi0);
  st(hd, H_ALPHA, alpha);
  st(hd, H_APREV, 0.0);
  st(hd, H_FPREV, ld(hd, H_F));
  st(hd, H_DPREV, dphi0);
  vcopy(prevG, vg, n);
  st(hd, H_LSCOUNT, 0.0);
  st(hd, H_ZOOM, 0.0);
  setTrial(n, alpha, lo, hi);
  return LBFGS_SEARCH;
}

function setTrial(n: i32, alpha: f64, lo: usize, hi: usize): void {
  for (let j = 0; j < n; j++) {
    let xj = ld(vx, j) + alpha * ld(vp, j);
    if (lo != 0) xj = min(max(xj, ld(lo, j)), ld(hi, j));
    st(xq, j, xj);
  }
}

/**
 * Strong-Wolfe line search, one trial per call. Returns 0 to evaluate the next trial, 1 when XQ/GQ
 * hold the accepted point, 2 on failure.
 */
function wolfeStep(n: i32, phi: f64): i32 {
  const h = hd;
  const alpha = ld(h, H_ALPHA);
  const f0 = ld(h, H_F);
  const dphi0 = ld(h, H_DPHI0);
  const ok = isFinite(phi) && allFinite(gq, n);
  const dphi = ok ? dotSerial(gq, vp, n) : NaN;
  const count = <i32>ld(h, H_LSCOUNT) + 1;
  st(h, H_LSCOUNT, <f64>count);
  const armijo = ok && phi <= f0 + C1 * alpha * dphi0;
  st(h, H_FACC, phi);
  if (ld(h, H_ZOOM) == 0.0) {
    if (!armijo || (count > 1 && phi >= ld(h, H_FPREV))) {
      setLo(n, ld(h, H_APREV), ld(h, H_FPREV), ld(h, H_DPREV), prevG);
      setHi(h, alpha, phi, dphi);
    } else if (Math.abs(dphi) <= -C2 * dphi0) {
      return 1;
    } else if (dphi >= 0.0) {
      setHi(h, ld(h, H_APREV), ld(h, H_FPREV), ld(h, H_DPREV));
      setLo(n, alpha, phi, dphi, gq);
    } else {
      if (count >= MAX_LS) return 1; // sufficient decrease holds; curvature may not
      st(h, H_APREV, alpha);
      st(h, H_FPREV, phi);
      st(h, H_DPREV, dphi);
      vcopy(prevG, gq, n);
      const next = alpha * 2.0;
      st(h, H_ALPHA, next);
      setTrial(n, next, 0, 0);
      return 0;
    }
    st(h, H_ZOOM, 1.0);
  } else {
    if (!armijo || phi >= ld(h, H_FLO)) {
      setHi(h, alpha, phi, dphi);
    } else {
      if (Math.abs(dphi) <= -C2 * dphi0) return 1;
      if (dphi * (ld(h, H_AHI) - ld(h, H_ALO)) >= 0.0) {
        setHi(h, ld(h, H_ALO), ld(h, H_FLO), ld(h, H_DLO));
      }
      setLo(n, alpha, phi, dphi, gq);
    }
  }
  const alo = ld(h, H_ALO);
  const ahi = ld(h, H_AHI);
  if (count >= MAX_LS || Math.abs(ahi - alo) <= EPS * max(alo, ahi)) return settleOnLo(n);
  const next = cubicStep(alo, ld(h, H_FLO), ld(h, H_DLO), ahi, ld(h, H_FHI), ld(h, H_DHI));
  st(h, H_ALPHA, next);
  setTrial(n, next, 0, 0);
  return 0;
}

function setLo(n: i32, a: f64, f: f64, d: f64, g: usize): void {
  st(hd, H_ALO, a);
  st(hd, H_FLO, f);
  st(hd, H_DLO, d);
  if (g != loG) vcopy(loG, g, n);
}

function setHi(h: usize, a: f64, f: f64, d: f64): void {
  st(h, H_AHI, a);
  st(h, H_FHI, f);
  st(h, H_DHI, d);
}

/** Out of trials: take the best Armijo point found, if it moved at all. */
function settleOnLo(n: i32): i32 {
  const alo = ld(hd, H_ALO);
  if (!(alo > 0.0) || !(ld(hd, H_FLO) < ld(hd, H_F))) return 2;
  setTrial(n, alo, 0, 0);
  vcopy(gq, loG, n);
  st(hd, H_FACC, ld(hd, H_FLO));
  return 1;
}

/**
 * Minimizer of the cubic through (a, fa, da) and (b, fb, db), kept at least a tenth of the
 * interval away from both ends; bisection when the cubic is unusable (N&W eq. 3.59).
 */
function cubicStep(a: f64, fa: f64, da: f64, b: f64, fb: f64, db: f64): f64 {
  const lo = min(a, b);
  const hi = max(a, b);
  const margin = 0.1 * (hi - lo);
  const d1 = da + db - 3.0 * (fa - fb) / (a - b);
  const disc = d1 * d1 - da * db;
  let t = NaN;
  if (isFinite(fb) && isFinite(db) && disc >= 0.0) {
    const d2 = (b > a ? 1.0 : -1.0) * Math.sqrt(disc);
    t = b - (b - a) * ((db + d2 - d1) / (db - da + 2.0 * d2));
  }
  if (!(t >= lo + margin && t <= hi - margin)) t = 0.5 * (a + b);
  return t;
}

/**
 * Projected Armijo backtracking, one trial per call. Returns 0 to evaluate the next trial, 1 when
 * XQ/GQ hold the accepted point, 2 on failure.
 */
function armijoStep(n: i32, phi: f64, lo: usize, hi: usize): i32 {
  const h = hd;
  const f0 = ld(h, H_F);
  let decrease = 0.0;
  let moved = false;
  for (let j = 0; j < n; j++) {
    const dx = ld(xq, j) - ld(vx, j);
    decrease += ld(vg, j) * dx;
    moved = moved || dx != 0.0;
  }
  if (!moved) return 2;
  if (isFinite(phi) && allFinite(gq, n) && phi <= f0 + C1 * decrease) {
    st(h, H_FACC, phi);
    return 1;
  }
  const count = <i32>ld(h, H_LSCOUNT) + 1;
  st(h, H_LSCOUNT, <f64>count);
  if (count >= MAX_LS) return 2;
  const alpha = ld(h, H_ALPHA);
  // Minimizer of the quadratic through φ(0), φ'(0) and φ(α) on the path, kept in [0.1α, 0.5α].
  let next = 0.5 * alpha;
  if (isFinite(phi) && decrease < 0.0) {
    const curv = phi - f0 - decrease;
    if (curv > 0.0) next = min(max(-decrease * alpha / (2.0 * curv), 0.1 * alpha), 0.5 * alpha);
  }
  st(h, H_ALPHA, next);
  setTrial(n, next, lo, hi);
  return 0;
}

/** The trial in XQ/GQ is accepted: store the correction pair, move, test for convergence. */
function accept(
  n: i32, m: i32, lo: usize, hi: usize, gtol: f64, ftol: f64, maxIter: i32,
  iters: usize, i: i32,
): i32 {
  const h = hd;
  let sy = 0.0;
  let yy = 0.0;
  let moved = false;
  for (let j = 0; j < n; j++) {
    const s = ld(xq, j) - ld(vx, j);
    const y = ld(gq, j) - ld(vg, j);
    sy += s * y;
    yy += y * y;
    moved = moved || s != 0.0;
  }
  // Keep the pair only if it carries positive curvature (the test of L-BFGS-B's Fortran code).
  // It goes to the slot after the newest, which holds the oldest pair once the memory is full, so
  // a rejected pair must not be written at all.
  if (sy > EPS * yy) {
    const head = (<i32>ld(h, H_HEAD) + 1) % m;
    const sj = vs + ((<usize>head * n) << 3);
    const yj = vy + ((<usize>head * n) << 3);
    for (let j = 0; j < n; j++) {
      st(sj, j, ld(xq, j) - ld(vx, j));
      st(yj, j, ld(gq, j) - ld(vg, j));
    }
    st(rho, head, 1.0 / sy);
    st(h, H_HEAD, <f64>head);
    st(h, H_COUNT, <f64>min(<i32>ld(h, H_COUNT) + 1, m));
  }
  const fOld = ld(h, H_F);
  // XQ may hold the lo point recomputed by settleOnLo; GQ its gradient.
  vcopy(vx, xq, n);
  vcopy(vg, gq, n);
  const fNew = ld(h, H_FACC);
  st(h, H_F, fNew);
  const it = ld(iters, i) + 1.0;
  st(iters, i, it);
  if (converged(n, lo, hi, gtol)) return LBFGS_GTOL;
  if (!moved || fOld - fNew <= ftol * max(max(Math.abs(fOld), Math.abs(fNew)), 1.0)) return LBFGS_FTOL;
  if (<i32>it >= maxIter) return LBFGS_MAX_ITERATIONS;
  return beginIteration(n, m, lo, hi);
}
