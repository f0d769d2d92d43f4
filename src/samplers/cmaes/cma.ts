import { symmetricEigen } from './eigen.js';

/** Floor of an eigenvalue of C (a negative one from rounding is replaced by it). */
const EPS = 1e-8;
/** Caps on |mean| and σ, as in the `cmaes` library, so a diverging run fails loudly instead of overflowing. */
const SIGMA_MAX = 1e32;

/**
 * The strategy parameters of (μ/μ_w, λ)-CMA-ES for n dimensions and population λ, with the
 * default recombination weights including the negative ones of active CMA (Hansen 2016, "The
 * CMA Evolution Strategy: A Tutorial", https://arxiv.org/abs/1604.00772, eqs. 48–55).
 * @internal
 */
export interface CmaParameters {
  readonly n: number;
  readonly lambda: number;
  readonly mu: number;
  /** λ weights: positive for the best μ (sum 1), negative after them. */
  readonly weights: Float64Array;
  readonly muEff: number;
  readonly cc: number;
  readonly c1: number;
  readonly cmu: number;
  readonly cSigma: number;
  readonly dSigma: number;
  /** E‖N(0, I)‖. */
  readonly chiN: number;
  /** Generations of best/worst values kept for the tolfun stopping test. */
  readonly funHistory: number;
}

/** The default population size 4 + ⌊3 ln n⌋ (tutorial eq. 48). @internal */
export function defaultPopulationSize(n: number): number {
  return 4 + Math.floor(3 * Math.log(n));
}

/** Strategy parameters for `n` dimensions and population `lambda` (tutorial eqs. 48–55). @internal */
export function cmaParameters(n: number, lambda: number): CmaParameters {
  const mu = Math.floor(lambda / 2);
  const prime = Float64Array.from({ length: lambda }, (_, i) => Math.log((lambda + 1) / 2) - Math.log(i + 1));
  const sum = (a: Float64Array, from: number, to: number, f: (v: number) => number) => {
    let s = 0;
    for (let i = from; i < to; i++) s += f(a[i]);
    return s;
  };
  const muEff = sum(prime, 0, mu, (v) => v) ** 2 / sum(prime, 0, mu, (v) => v * v);
  const muEffMinus = sum(prime, mu, lambda, (v) => v) ** 2 / sum(prime, mu, lambda, (v) => v * v);
  const alphaCov = 2;
  const c1 = alphaCov / ((n + 1.3) ** 2 + muEff);
  // The 1e-8 keeps 1 − c1 − cμ positive for very large populations.
  const cmu = Math.min(1 - c1 - 1e-8, (alphaCov * (muEff - 2 + 1 / muEff)) / ((n + 2) ** 2 + (alphaCov * muEff) / 2));
  const minAlpha = Math.min(1 + c1 / cmu, 1 + (2 * muEffMinus) / (muEff + 2), (1 - c1 - cmu) / (n * cmu));
  const positive = sum(prime, 0, lambda, (v) => Math.max(v, 0));
  const negative = sum(prime, 0, lambda, (v) => (v < 0 ? -v : 0));
  const weights = prime.map((v) => (v >= 0 ? v / positive : (minAlpha / negative) * v));
  const cSigma = (muEff + 2) / (n + muEff + 5);
  const dSigma = 1 + 2 * Math.max(0, Math.sqrt((muEff - 1) / (n + 1)) - 1) + cSigma;
  const cc = (4 + muEff / n) / (n + 4 + (2 * muEff) / n);
  const chiN = Math.sqrt(n) * (1 - 1 / (4 * n) + 1 / (21 * n * n));
  const funHistory = 10 + Math.ceil((30 * n) / lambda);
  return { n, lambda, mu, weights, muEff, cc, c1, cmu, cSigma, dSigma, chiN, funHistory };
}

/**
 * The search distribution N(m, σ²C) of CMA-ES and its evolution paths, with the ask-and-tell
 * update of the tutorial (rank-one and rank-μ updates with negative weights, cumulative step-size
 * adaptation). Mutable; the sampler rebuilds it from the journal by replaying every update.
 * @internal
 */
export class CmaState {
  readonly p: CmaParameters;
  readonly mean: Float64Array;
  sigma: number;
  /** Row-major n×n covariance. */
  readonly C: Float64Array;
  readonly pSigma: Float64Array;
  readonly pc: Float64Array;
  /** Updates applied so far. */
  generation = 0;
  /** Stop when every coordinate's step is below this: 1e-12 σ0, as the `cmaes` library has it. */
  readonly tolX: number;
  /** Best and worst value of each of the last `funHistory` generations (tolfun). */
  readonly #funHistory: Float64Array;
  /** B (eigenvectors, columns) and D (square roots of the eigenvalues) of C, or null when stale. */
  #eigen: { B: Float64Array; D: Float64Array } | null = null;

  constructor(mean: ArrayLike<number>, sigma: number, lambda: number, cov?: ArrayLike<number>) {
    const n = mean.length;
    this.p = cmaParameters(n, lambda);
    this.mean = Float64Array.from(mean);
    this.sigma = sigma;
    this.tolX = 1e-12 * sigma;
    this.C = new Float64Array(n * n);
    if (cov === undefined) for (let i = 0; i < n; i++) this.C[i * n + i] = 1;
    else this.C.set(cov);
    this.pSigma = new Float64Array(n);
    this.pc = new Float64Array(n);
    this.#funHistory = new Float64Array(2 * this.p.funHistory);
  }

  /** A deep copy (the replay cache continues from copies). */
  clone(): CmaState {
    const copy = new CmaState(this.mean, this.sigma, this.p.lambda, this.C);
    copy.pSigma.set(this.pSigma);
    copy.pc.set(this.pc);
    copy.generation = this.generation;
    copy.#funHistory.set(this.#funHistory);
    (copy as { tolX: number }).tolX = this.tolX;
    copy.#eigen = this.#eigen;
    return copy;
  }

  /** B and D of C = B D² Bᵀ; C is rebuilt from them, so tiny negative eigenvalues become EPS. */
  eigen(): { B: Float64Array; D: Float64Array } {
    if (this.#eigen !== null) return this.#eigen;
    const n = this.p.n;
    const { values, vectors: B } = symmetricEigen(this.C, n);
    const D = values.map((v) => Math.sqrt(v < 0 ? EPS : v));
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        let s = 0;
        for (let k = 0; k < n; k++) s += B[i * n + k] * D[k] * D[k] * B[j * n + k];
        this.C[i * n + j] = s;
      }
    }
    this.#eigen = { B, D };
    return this.#eigen;
  }

  /** m + σ B D z for a standard normal vector z: a draw from N(m, σ²C). */
  sample(z: ArrayLike<number>): Float64Array {
    const n = this.p.n;
    const { B, D } = this.eigen();
    const x = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let k = 0; k < n; k++) s += B[i * n + k] * D[k] * z[k];
      x[i] = this.mean[i] + this.sigma * s;
    }
    return x;
  }

  /**
   * One generation's update from λ solutions and their values (minimized).
   * @param xs - the λ points as sampled (before any rounding of discrete coordinates).
   * @param values - their objective values, smaller is better.
   */
  tell(xs: readonly ArrayLike<number>[], values: readonly number[]): void {
    const { n, lambda, mu, weights, muEff, cc, c1, cmu, cSigma, dSigma, chiN } = this.p;
    if (xs.length !== lambda || values.length !== lambda) {
      throw new RangeError(`CmaState.tell: \`solutions\` must have ${lambda} entries but got ${xs.length}.`);
    }
    this.generation++;
    // Stable sort by value: ties keep the order given, so a replay breaks them the same way.
    const order = Array.from({ length: lambda }, (_, i) => i).sort((a, b) => values[a] - values[b]);
    const slot = 2 * (this.generation % this.p.funHistory);
    this.#funHistory[slot] = values[order[0]];
    this.#funHistory[slot + 1] = values[order[lambda - 1]];
    const { B, D } = this.eigen();
    this.#eigen = null;
    const y = order.map((i) => Float64Array.from({ length: n }, (_, k) => (xs[i][k] - this.mean[k]) / this.sigma));
    const yw = new Float64Array(n);
    for (let i = 0; i < mu; i++) for (let k = 0; k < n; k++) yw[k] += weights[i] * y[i][k];
    for (let k = 0; k < n; k++) this.mean[k] += this.sigma * yw[k]; // c_m = 1
    // C^(-1/2) v = B D⁻¹ Bᵀ v.
    const invSqrt = (v: Float64Array): Float64Array => {
      const t = new Float64Array(n);
      for (let j = 0; j < n; j++) {
        let s = 0;
        for (let k = 0; k < n; k++) s += B[k * n + j] * v[k];
        t[j] = s / D[j];
      }
      const out = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        let s = 0;
        for (let j = 0; j < n; j++) s += B[i * n + j] * t[j];
        out[i] = s;
      }
      return out;
    };
    const whitened = invSqrt(yw);
    const kSigma = Math.sqrt(cSigma * (2 - cSigma) * muEff);
    let norm2 = 0;
    for (let k = 0; k < n; k++) {
      this.pSigma[k] = (1 - cSigma) * this.pSigma[k] + kSigma * whitened[k];
      norm2 += this.pSigma[k] ** 2;
    }
    const normPSigma = Math.sqrt(norm2);
    this.sigma = Math.min(this.sigma * Math.exp((cSigma / dSigma) * (normPSigma / chiN - 1)), SIGMA_MAX);
    // Stall of the rank-one path while σ grows fast (tutorial p. 28); generation + 1 as the `cmaes` library has it.
    const hLeft = normPSigma / Math.sqrt(1 - (1 - cSigma) ** (2 * (this.generation + 1)));
    const hSigma = hLeft < (1.4 + 2 / (n + 1)) * chiN ? 1 : 0;
    const kc = hSigma * Math.sqrt(cc * (2 - cc) * muEff);
    for (let k = 0; k < n; k++) this.pc[k] = (1 - cc) * this.pc[k] + kc * yw[k];
    // Negative weights act on directions rescaled to length √n (tutorial eq. 46).
    const wIo = weights.map((w, i) => {
      if (w >= 0) return w;
      const t = invSqrt(y[i]);
      let s = 0;
      for (let k = 0; k < n; k++) s += t[k] * t[k];
      return (w * n) / (s + EPS);
    });
    let weightSum = 0;
    for (const w of weights) weightSum += w;
    const deltaH = (1 - hSigma) * cc * (2 - cc);
    const keep = 1 + c1 * deltaH - c1 - cmu * weightSum;
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        let rankMu = 0;
        for (let r = 0; r < lambda; r++) rankMu += wIo[r] * y[r][i] * y[r][j];
        this.C[i * n + j] = keep * this.C[i * n + j] + c1 * this.pc[i] * this.pc[j] + cmu * rankMu;
      }
    }
  }

  /**
   * The `cmaes` library's stopping tests (the IPOP/BIPOP restart trigger): flat values (tolfun),
   * tiny or exploding steps (tolx, tolxup), no effect of the mean's move along an axis or
   * coordinate, and a condition number of C above 1e14.
   */
  shouldStop(): boolean {
    const { n, funHistory, funHistory: term } = this.p;
    const { B, D } = this.eigen();
    const dC = Float64Array.from({ length: n }, (_, i) => this.C[i * n + i]);
    if (this.generation > term) {
      let lo = Infinity;
      let hi = -Infinity;
      for (let i = 0; i < 2 * funHistory; i++) {
        lo = Math.min(lo, this.#funHistory[i]);
        hi = Math.max(hi, this.#funHistory[i]);
      }
      if (hi - lo < 1e-12) return true;
    }
    if (dC.every((c) => this.sigma * c < this.tolX) && this.pc.every((v) => this.sigma * v < this.tolX)) return true;
    if (this.sigma * Math.max(...D) > 1e4) return true;
    if (dC.some((c, i) => this.mean[i] === this.mean[i] + 0.2 * this.sigma * Math.sqrt(c))) return true;
    const axis = this.generation % n;
    let noEffect = true;
    for (let i = 0; i < n; i++) {
      if (this.mean[i] !== this.mean[i] + 0.1 * this.sigma * D[axis] * B[i * n + axis]) {
        noEffect = false;
        break;
      }
    }
    if (noEffect) return true;
    return Math.max(...D) / Math.min(...D) > 1e14;
  }
}
