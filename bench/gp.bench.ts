// Gaussian process: MAP fit, batched posterior, and one complete suggestion (fit + acquisition
// optimization), against scikit-learn's GaussianProcessRegressor run side by side on the same
// peer data set by bench/peers/sklearn_gp.py.
import { spawnSync } from 'node:child_process';
import { GaussianProcess } from '../src/core/gp.js';
import { maximizeAcquisition } from '../src/core/acquisition-optimizer.js';
import { coreExports } from '../src/core/loader.js';
import { withScratch } from '../src/core/memory.js';
import { fmt, medians, table } from './helpers.js';

const GAMMA = 0x9e3779b97f4a7c15n;
const MASK = (1n << 64n) - 1n;

/** u_k = (z_k >> 11)·2^-53, z_k the SplitMix64 output from state 1 + k·γ, k = 1, 2, … */
function splitmixUniforms(count: number): Float64Array {
  const out = new Float64Array(count);
  for (let k = 1; k <= count; k++) {
    let z = (1n + BigInt(k) * GAMMA) & MASK;
    z = ((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n) & MASK;
    z = ((z ^ (z >> 27n)) * 0x94d049bb133111ebn) & MASK;
    z ^= z >> 31n;
    out[k - 1] = Number(z >> 11n) * 2 ** -53;
  }
  return out;
}

/** The peer data: X from the stream, y = Σ sin(2πx_j + j)/√d + 0.1ε, then candidates. */
export function peerData(n: number, d: number, candidates = 0): { X: Float64Array; y: Float64Array; Xc: Float64Array } {
  const u = splitmixUniforms(n * d + 2 * n + candidates * d);
  const X = u.slice(0, n * d);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const a = u[n * d + 2 * i];
    const b = u[n * d + 2 * i + 1];
    const eps = Math.sqrt(-2 * Math.log(1 - a)) * Math.cos(2 * Math.PI * b);
    let s = 0;
    for (let j = 0; j < d; j++) s += Math.sin(2 * Math.PI * X[i * d + j] + j) / Math.sqrt(d);
    y[i] = s + 0.1 * eps;
  }
  return { X, y, Xc: u.slice(n * d + 2 * n) };
}

interface SklearnFigures {
  sklearn: string;
  fit: { d: number; n: number; ms: number; nit: number; nfev: number; lml: number }[];
  predict: { ms: number };
}

// Issue 3's figures for scikit-learn 1.2 on this machine, used when Python or scikit-learn is missing.
const QUOTED: SklearnFigures = {
  sklearn: '1.2 (quoted from an earlier run of bench/peers/sklearn_gp.py)',
  fit: [
    { d: 5, n: 200, ms: 131, nit: NaN, nfev: NaN, lml: NaN },
    { d: 5, n: 500, ms: 1160, nit: NaN, nfev: NaN, lml: NaN },
    { d: 20, n: 200, ms: 560, nit: NaN, nfev: NaN, lml: NaN },
    { d: 20, n: 500, ms: 8500, nit: NaN, nfev: NaN, lml: NaN },
  ],
  predict: { ms: 300 },
};

function runSklearn(): { figures: SklearnFigures; measured: boolean } {
  const script = new URL('./peers/sklearn_gp.py', import.meta.url).pathname;
  const env = { ...process.env, OPENBLAS_NUM_THREADS: '1', OMP_NUM_THREADS: '1', MKL_NUM_THREADS: '1' };
  // The pyenv python3 may lack scikit-learn where Debian's python3-sklearn is installed.
  for (const python of ['python3', '/usr/bin/python3']) {
    if (spawnSync(python, ['-c', 'import sklearn'], { env }).status !== 0) continue;
    const run = spawnSync(python, [script], { env, encoding: 'utf8', maxBuffer: 1 << 20 });
    if (run.status === 0) return { figures: JSON.parse(run.stdout) as SklearnFigures, measured: true };
    process.stderr.write(`bench gp: ${python} ${script} failed:\n${run.stderr}\n`);
  }
  return { figures: QUOTED, measured: false };
}

/** Median ms of one objective evaluation (K, Cholesky, K⁻¹, traces) at the default start. */
function objectiveMs(X: Float64Array, y: Float64Array, n: number, d: number): Promise<number> {
  const ex = coreExports();
  const mean = y.reduce((a, b) => a + b, 0) / n;
  const sd = Math.sqrt(y.reduce((a, b) => a + (b - mean) ** 2, 0) / n);
  return medians(
    {
      eval: () =>
        withScratch((s) => {
          const g = s.f64(d + 2);
          ex.gp_objective(
            s.f64(n * d, X),
            n,
            d,
            0,
            s.f64(
              n,
              Array.from(y, (v) => (v - mean) / sd),
            ),
            s.f64(d + 2, new Float64Array(d + 2)),
            1e-6,
            1,
            s.f64(ex.gp_objective_work(n, d)),
            g,
          );
        }),
    },
    { time: 300, iterations: 3 },
  ).then((m) => m.eval!);
}

export default async function run(): Promise<string> {
  const { figures: sk, measured } = runSklearn();
  const fitRows: (string | number)[][] = [];
  let gp500: GaussianProcess | null = null;
  for (const ref of sk.fit) {
    const { d, n } = ref;
    const { X, y } = peerData(n, d);
    let last: GaussianProcess | null = null;
    const big = n * d > 2000;
    const ms = await medians(
      { fit: () => (last = GaussianProcess.fit(X, y, { d })) },
      { time: big ? 0 : 500, iterations: big ? 1 : 5, warmupIterations: big ? 0 : 1 },
    );
    const gp = last! as GaussianProcess;
    if (d === 5 && n === 500) gp500 = gp;
    const evalMs = await objectiveMs(X, y, n, d);
    fitRows.push([
      d,
      n,
      fmt(ms.fit!),
      `${gp.fitIterations} (${gp.fitStatus})`,
      fmt(evalMs),
      fmt(n ** 3 / evalMs / 1e6),
      fmt(ref.ms),
      Number.isNaN(ref.nit) ? '' : `${ref.nit} / ${ref.nfev}`,
      `${fmt(ref.ms / ms.fit!)}x`,
    ]);
  }

  const { Xc } = peerData(500, 5, 10000);
  const predictMs = (await medians({ predict: () => gp500!.predict(Xc) }, { time: 1000, iterations: 5 })).predict!;

  const s = peerData(100, 10);
  const best = Math.max(...s.y);
  let warm: GaussianProcess | null = null;
  const suggest = await medians(
    {
      'fit + maximizeAcquisition': () => {
        const gp = GaussianProcess.fit(s.X, s.y, { d: 10 });
        maximizeAcquisition(gp, { best, seed: 1 });
      },
      'fit alone': () => (warm = GaussianProcess.fit(s.X, s.y, { d: 10 })),
      'maximizeAcquisition alone': () => maximizeAcquisition(warm ?? GaussianProcess.fit(s.X, s.y, { d: 10 }), { best, seed: 1 }),
      'warm-started fit + maximizeAcquisition': () => {
        const gp = GaussianProcess.fit(s.X, s.y, { d: 10, warmStart: warm!.hyperparameters });
        maximizeAcquisition(gp, { best, seed: 1 });
      },
    },
    { time: 1500, iterations: 10 },
  );

  const source = measured
    ? `scikit-learn ${sk.sklearn} measured in this run by \`bench/peers/sklearn_gp.py\` (one BLAS thread)`
    : `scikit-learn figures quoted from an earlier run (no Python with scikit-learn found, so not measured in this run)`;
  return [
    '## Gaussian process (Matérn-5/2 ARD, MAP fit, logEI)',
    '',
    `Peer data of \`bench/peers/sklearn_gp.py\` (SplitMix64 stream from state 1). Baseline: ${source}: ConstantKernel ·`,
    'Matern(ν=2.5, ARD) + WhiteKernel, normalize_y, default L-BFGS-B, no restarts (maximum likelihood).',
    "bonito fits MAP with its default prior and Optuna's gradient tolerance (1e-2), so iteration",
    'counts differ; one objective evaluation (K, Cholesky, K⁻¹, all d + 2 gradient traces) costs n³',
    'flops, whose rate is given as "eval GF/s".',
    '',
    table(
      ['d', 'n', 'bonito fit ms', 'iterations', 'eval ms', 'eval GF/s', 'scikit-learn fit ms', 'sklearn nit / nfev', 'speed-up'],
      fitRows,
    ),
    '',
    `Predict mean + latent variance of 10,000 candidates at n = 500, d = 5: bonito ${fmt(predictMs)} ms,`,
    `scikit-learn (predict with return_std) ${fmt(sk.predict.ms)} ms: ${fmt(sk.predict.ms / predictMs)}x. The variance needs`,
    `‖L⁻¹k‖² per candidate, 2.5 Gflop here, so ${fmt(2.5e3 / predictMs)} GF/s.`,
    '',
    'One complete suggestion at n = 100, d = 10 (median; target < 30 ms):',
    '',
    table(
      ['task', 'median ms'],
      Object.entries(suggest).map(([k, v]) => [k, fmt(v)]),
    ),
    '',
    'Targets: fit and predict >= 5x faster than scikit-learn. Wasm SIMD here peaks near',
    "20-28 GF/s (see the Cholesky section) against OpenBLAS's 256-bit FMA, so fits win mostly by",
    'needing no n × n × (d + 2) gradient tensor and fewer, cheaper evaluations.',
  ].join('\n');
}
