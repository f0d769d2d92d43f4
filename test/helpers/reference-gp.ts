// A deliberately plain Gaussian process in TypeScript: the oracle the wasm GP is checked against.
// It shares no code with assembly/ and takes the textbook route everywhere the core takes a
// shortcut: kernel through r (not r²) with an explicit Hamming branch, unblocked Cholesky, the
// MLL gradient from full ∂K/∂θ matrices and an explicit inverse (not the O(n²d) trace sums), and
// the posterior variance from K⁻¹.

export interface RefHyper {
  lengthscales: number[];
  signalVariance: number;
  noiseVariance: number;
}

const SQRT5 = Math.sqrt(5);

/** Matérn-5/2 correlation at distance r. */
export function refMatern(r: number): number {
  return (1 + SQRT5 * r + (5 / 3) * r * r) * Math.exp(-SQRT5 * r);
}

/** Scaled distance r between rows a and b. */
export function refDistance(a: ArrayLike<number>, b: ArrayLike<number>, ls: ArrayLike<number>, cat: boolean[]): number {
  let r2 = 0;
  for (let j = 0; j < ls.length; j++) {
    const dj = cat[j] ? (a[j] === b[j] ? 0 : 1) : (a[j] - b[j]) ** 2;
    r2 += dj / (ls[j] * ls[j]);
  }
  return Math.sqrt(r2);
}

export function refKernel(a: ArrayLike<number>, b: ArrayLike<number>, h: RefHyper, cat: boolean[]): number {
  return h.signalVariance * refMatern(refDistance(a, b, h.lengthscales, cat));
}

export function rows(x: ArrayLike<number>, d: number): number[][] {
  const out: number[][] = [];
  for (let i = 0; i < x.length / d; i++) out.push(Array.from({ length: d }, (_, j) => x[i * d + j]));
  return out;
}

export function refGram(X: number[][], h: RefHyper, cat: boolean[], withNoise = true): number[][] {
  return X.map((a, i) => X.map((b, k) => refKernel(a, b, h, cat) + (withNoise && i === k ? h.noiseVariance : 0)));
}

/** Lower Cholesky factor (textbook column loop); throws when not positive definite. */
export function refCholesky(A: number[][]): number[][] {
  const n = A.length;
  const L = A.map(() => new Array<number>(n).fill(0));
  for (let j = 0; j < n; j++) {
    let s = A[j][j];
    for (let k = 0; k < j; k++) s -= L[j][k] * L[j][k];
    if (!(s > 0)) throw new Error(`refCholesky: not positive definite at pivot ${j}`);
    L[j][j] = Math.sqrt(s);
    for (let i = j + 1; i < n; i++) {
      let t = A[i][j];
      for (let k = 0; k < j; k++) t -= L[i][k] * L[j][k];
      L[i][j] = t / L[j][j];
    }
  }
  return L;
}

export function refSolveSpd(L: number[][], b: number[]): number[] {
  const n = L.length;
  const z = b.slice();
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < i; k++) z[i] -= L[i][k] * z[k];
    z[i] /= L[i][i];
  }
  for (let i = n - 1; i >= 0; i--) {
    for (let k = i + 1; k < n; k++) z[i] -= L[k][i] * z[k];
    z[i] /= L[i][i];
  }
  return z;
}

export function refInverse(L: number[][]): number[][] {
  const n = L.length;
  return Array.from({ length: n }, (_, j) =>
    refSolveSpd(
      L,
      Array.from({ length: n }, (_, i) => (i === j ? 1 : 0)),
    ),
  );
}

/** log p(y | X, h) with the 2π constant, as scikit-learn reports it. */
export function refLogMarginalLikelihood(X: number[][], y: number[], h: RefHyper, cat: boolean[]): number {
  const L = refCholesky(refGram(X, h, cat));
  const alpha = refSolveSpd(L, y);
  let v = 0;
  for (let i = 0; i < y.length; i++) v += -0.5 * y[i] * alpha[i] - Math.log(L[i][i]);
  return v - 0.5 * y.length * Math.log(2 * Math.PI);
}

/**
 * ∂ log p(y|X,h)/∂θ for θ = (log ℓ_1..log ℓ_d, log σ², log σ_n²), as ½ tr((ααᵀ − K⁻¹) ∂K/∂θ) with
 * every ∂K/∂θ formed in full.
 */
export function refLogMarginalLikelihoodGrad(X: number[][], y: number[], h: RefHyper, cat: boolean[]): number[] {
  const n = X.length;
  const d = h.lengthscales.length;
  const L = refCholesky(refGram(X, h, cat));
  const alpha = refSolveSpd(L, y);
  const Kinv = refInverse(L);
  const W = Kinv.map((row, i) => row.map((v, k) => alpha[i] * alpha[k] - v));
  const dK: number[][][] = [];
  for (let j = 0; j < d; j++) {
    dK.push(
      X.map((a, i) =>
        X.map((b, k) => {
          if (i === k) return 0;
          const r = refDistance(a, b, h.lengthscales, cat);
          const dj = cat[j] ? (a[j] === b[j] ? 0 : 1) : (a[j] - b[j]) ** 2;
          // dk/dr · dr/dlog ℓ_j with dk/dr = −(5/3)σ² r (1 + √5 r) e^{−√5 r}, dr/dlog ℓ_j = −Δ²/(ℓ² r).
          return h.signalVariance * (5 / 3) * (1 + SQRT5 * r) * Math.exp(-SQRT5 * r) * (dj / h.lengthscales[j] ** 2);
        }),
      ),
    );
  }
  dK.push(refGram(X, h, cat, false));
  dK.push(X.map((_, i) => X.map((_, k) => (i === k ? h.noiseVariance : 0))));
  return dK.map((D) => {
    let t = 0;
    for (let i = 0; i < n; i++) for (let k = 0; k < n; k++) t += W[i][k] * D[k][i];
    return 0.5 * t;
  });
}

/** Posterior mean and latent variance at the rows of Xc, through an explicit K⁻¹. */
export function refPosterior(
  X: number[][],
  y: number[],
  h: RefHyper,
  cat: boolean[],
  Xc: number[][],
): { mean: number[]; variance: number[] } {
  const L = refCholesky(refGram(X, h, cat));
  const alpha = refSolveSpd(L, y);
  const Kinv = refInverse(L);
  const mean: number[] = [];
  const variance: number[] = [];
  for (const x of Xc) {
    const k = X.map((b) => refKernel(x, b, h, cat));
    mean.push(k.reduce((s, v, i) => s + v * alpha[i], 0));
    let q = 0;
    for (let i = 0; i < k.length; i++) for (let j = 0; j < k.length; j++) q += k[i] * Kinv[i][j] * k[j];
    variance.push(h.signalVariance - q);
  }
  return { mean, variance };
}

/**
 * Log prior density (without constants) of bonito's priors, in the hyperparameters' own
 * parameterization; `minNoise` is the noise floor that σ_n² includes.
 */
export function refLogPrior(h: RefHyper, kind: 'default' | 'dim-scaled' | 'gamma'): number {
  const d = h.lengthscales.length;
  // log of a Gamma(a, rate) density without its constant.
  const gamma = (v: number, a: number, rate: number) => (a - 1) * Math.log(v) - rate * v;
  if (kind === 'gamma') {
    return h.lengthscales.reduce((lp, l) => lp + gamma(l, 3, 6), 0) + gamma(h.signalVariance, 2, 0.15) + gamma(h.noiseVariance, 1.1, 0.05);
  }
  let lp = 0;
  for (const l of h.lengthscales) {
    if (kind === 'default') {
      const lambda = 1 / (l * l);
      lp += -0.1 / lambda - 0.1 * lambda;
    } else {
      const mu = Math.SQRT2 + 0.5 * Math.log(d);
      lp += -((Math.log(l) - mu) ** 2) / (2 * 3) - Math.log(l);
    }
  }
  const s = h.signalVariance;
  lp += Math.log(s) - s; // Gamma(2, 1)
  const v = h.noiseVariance;
  lp += kind === 'default' ? 0.1 * Math.log(v) - 30 * v : -((Math.log(v) + 4) ** 2) / 2 - Math.log(v);
  return lp;
}
