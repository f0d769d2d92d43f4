// TPE benchmark (issue 14): simple regret of TPESampler (independent and multivariate) next to
// Optuna 4.9's TPE medians quoted from the issue; ask+tell CPU time at 100/500/1,000 trials next to
// Optuna 3.1's TPESampler run side by side (bench/peers/optuna_tpe_latency.py); and the
// measurement behind keeping the Parzen estimator in TypeScript with batched wasm special functions.
import { spawn } from 'node:child_process';
import { TPESampler } from '../src/index.js';
import { BENCHMARK_FUNCTIONS, ackley, levy, rosenbrock, runRegret } from '../src/bench/index.js';
import type { RegretResult, TestFunction } from '../src/bench/index.js';
import { coreExports } from '../src/core/loader.js';
import { floatDistribution, intDistribution } from '../src/space/distributions.js';
import { ParzenEstimator } from '../src/samplers/tpe/parzen-estimator.js';
import { defaultWeights } from '../src/samplers/tpe/options.js';
import { logIntervalMass } from '../src/samplers/tpe/truncnorm.js';
import { fmt, medians, table } from './helpers.js';
import { median, timedStudy } from './sampler-latency.bench.js';

const SEEDS = 10;
const N_TRIALS = 100;
const CHECKPOINTS = [50, 100];
const LATENCY_MARKS = [100, 500, 1000];
/**
 * Marks Optuna's loop runs to. Its 1,000-trial study costs minutes of CPU, more than a run on the
 * shared machine can spare: at 1,000 only bonito is measured unless BONITO_BENCH_PEER_MARKS says
 * otherwise (e.g. "100,500,1000").
 */
const PEER_MARKS = (process.env.BONITO_BENCH_PEER_MARKS ?? '100,500').split(',').map(Number);
const WINDOW = 20;

/** Optuna 4.9 medians @100 over 10 seeds on this machine, quoted from issue 14: [TPE, TPE multivariate]. */
const OPTUNA_49: Record<string, [number, number]> = {
  Branin: [0.0457, 0.118],
  Hartmann6: [0.307, 0.318],
  'Ackley-10': [17.3, 18.2],
  'Rosenbrock-5': [352, 257],
  'Styblinski-Tang-8': [87.9, 101],
  'Ackley-20': [19.4, 19.7],
  'Rosenbrock-20': [215_000, 179_000],
  'Levy-20': [56.0, 70.4],
};

/** What issue 14 asks for that this bench does not run (yet). */
const NOT_RUN =
  'Not run here: @1,000 trials on the 20-D functions (the CPU budget of a shared machine); the Optuna 4.9 quartiles ' +
  '(the issue quotes medians only), so every target is judged on the median. The mixed categorical/conditional space ' +
  'of issue 14 has its own section (`npm run bench -- mixed`).';

const FUNCTIONS: TestFunction[] = [...BENCHMARK_FUNCTIONS, ackley(20), rosenbrock(20), levy(20)];

interface PeerLatency {
  optuna: string;
  medians: Record<string, number>;
}

/** Runs Optuna 3.1's TPE latency loop in a child process (concurrently with the regret runs). */
function optunaLatency(multivariate: boolean): Promise<PeerLatency | string> {
  if (multivariate && process.env.BONITO_BENCH_PEER_MULTIVARIATE === undefined)
    return Promise.resolve('not run (set BONITO_BENCH_PEER_MULTIVARIATE=1)');
  const script = new URL('./peers/optuna_tpe_latency.py', import.meta.url).pathname;
  const env = { ...process.env, OPENBLAS_NUM_THREADS: '1', OMP_NUM_THREADS: '1' };
  return new Promise((resolve) => {
    const child = spawn('/usr/bin/python3', [script, PEER_MARKS.join(','), String(WINDOW), multivariate ? 'multivariate' : 'independent'], {
      env,
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('close', (code) => resolve(code === 0 ? (JSON.parse(out) as PeerLatency) : `failed (${code}): ${err.slice(-300)}`));
  });
}

function cell(r: RegretResult, trials: number): string {
  const c = r.checkpoints.find((k) => k.trials === trials)!;
  return `${fmt(c.median)} [${fmt(c.q1)}, ${fmt(c.q3)}]`;
}

async function regretSection(): Promise<string[]> {
  const variants: [string, (seed: number) => TPESampler, number][] = [
    ['TPE', () => new TPESampler(), 0],
    ['TPE multivariate', () => new TPESampler({ multivariate: true }), 1],
  ];
  const rows: string[][] = [];
  let met = 0;
  let judged = 0;
  const seconds: string[] = [];
  const results = new Map<string, RegretResult[]>();
  for (const [name, make] of variants) {
    const t0 = performance.now();
    const rs: RegretResult[] = [];
    for (const fn of FUNCTIONS) rs.push(await runRegret({ sampler: make, fn, nTrials: N_TRIALS, seeds: SEEDS, checkpoints: CHECKPOINTS }));
    results.set(name, rs);
    seconds.push(`${name} ${fmt((performance.now() - t0) / 1000)} s`);
  }
  FUNCTIONS.forEach((fn, i) => {
    const cells: string[] = [fn.name];
    for (const [name, , col] of variants) {
      const r = results.get(name)![i];
      const ours = r.checkpoints.find((k) => k.trials === N_TRIALS)!.median;
      const ref = OPTUNA_49[fn.name][col];
      const ok = ours <= ref;
      judged++;
      if (ok) met++;
      cells.push(cell(r, 50), cell(r, 100), fmt(ref), ok ? 'met' : 'missed');
    }
    rows.push(cells);
  });
  return [
    '### Simple regret',
    '',
    `Median [quartiles] simple regret over ${SEEDS} seeds (study seeds 0–${SEEDS - 1}) at 50 and 100 trials, default options, through the`,
    'study ask/tell API (`runRegret`). Optuna 4.9 columns are the medians @100 measured on this machine with the same loop and',
    "search spaces, quoted from issue 14 (not re-measured; the issue gives no quartiles). Target: bonito's median @100 no worse.",
    '',
    table(
      [
        'function',
        'TPE @50',
        'TPE @100',
        'Optuna 4.9 TPE @100',
        'target',
        'multivariate @50',
        'multivariate @100',
        'Optuna 4.9 mv @100',
        'target',
      ],
      rows,
    ),
    '',
    `Targets met: ${met} of ${judged}. Wall time: ${seconds.join(', ')}.`,
    '',
    NOT_RUN,
  ];
}

async function latencySection(peers: Promise<[PeerLatency | string, PeerLatency | string]>): Promise<string[]> {
  await timedStudy(new TPESampler(), 200, 'cpu'); // warm the JIT
  const rows: string[][] = [];
  const ours: Record<string, number[]> = {};
  for (const [name, make] of [
    ['TPE', () => new TPESampler()],
    ['TPE multivariate', () => new TPESampler({ multivariate: true })],
  ] as const) {
    const times = await timedStudy(make(), LATENCY_MARKS[LATENCY_MARKS.length - 1], 'cpu');
    ours[name] = LATENCY_MARKS.map((k) => median(times.slice(k - WINDOW, k)));
  }
  const [plain, multi] = await peers;
  const peerOf = { TPE: plain, 'TPE multivariate': multi };
  let version = '3.1';
  for (const [name, at] of Object.entries(ours)) {
    const peer = peerOf[name as keyof typeof peerOf];
    if (typeof peer !== 'string') version = peer.optuna;
    const cells = LATENCY_MARKS.map((k, i) => {
      if (typeof peer === 'string') return `${fmt(at[i])} ms (Optuna: ${peer})`;
      const theirs = peer.medians[String(k)];
      if (theirs === undefined) return `${fmt(at[i])} ms (Optuna not run at ${k})`;
      const ratio = theirs / at[i];
      return `${fmt(at[i])} vs ${fmt(theirs)} ms: ${fmt(ratio)}× ${ratio >= 10 ? 'met' : 'missed'}`;
    });
    rows.push([name, ...cells]);
  }
  return [
    '### Ask+tell latency',
    '',
    `Median CPU time (ms) of the ${WINDOW} trials ending at each mark, one Rosenbrock-10 study per sampler from its first trial,`,
    `bonito (in-memory journal, \`process.cpuUsage\`) vs Optuna ${version}'s TPESampler with the same options (in-memory storage,`,
    '`time.process_time`, one BLAS thread), run side by side in this bench run. CPU time rather than wall time because the',
    'machine is shared: wall time there mostly measures the other processes. Target: bonito ≥ 10× faster (issue 14; Optuna',
    '3.1 TPE measured in the issue: 18 ms @100, 73 ms @500 wall time on a quiet machine).',
    '',
    table(['sampler', ...LATENCY_MARKS.map((k) => `@${k}: bonito vs Optuna, speed-up`)], rows),
  ];
}

/** The TS-vs-wasm question for the Parzen estimator's log-densities. */
async function kernelSection(): Promise<string[]> {
  const n = 1000;
  const m = 24 * (n + 1);
  const lo = Float64Array.from({ length: m }, (_, i) => -3 + ((i * 0.618) % 1) * 6);
  const hi = lo.map((v) => v + 0.05);
  const ex = coreExports();
  const scalar = () => {
    const out = new Float64Array(m);
    for (let i = 0; i < m; i++) {
      const [a, b] = lo[i] >= 0 ? [-lo[i], -hi[i]] : [hi[i], lo[i]];
      const la = ex.special_log_ndtr(a);
      out[i] = la + ex.special_log1mexp(la - ex.special_log_ndtr(b));
    }
    return out;
  };
  const cont = floatDistribution('x', -5, 10);
  const disc = intDistribution('n', -500, 500);
  const obs = Array.from({ length: n }, (_, i) => -5 + 15 * ((i * 0.618) % 1));
  const obsInt = obs.map((v) => Math.round(v * 30));
  const opts = { priorWeight: 1, considerEndpoints: false, considerMagicClip: true, multivariate: false };
  const peCont = new ParzenEstimator([cont], [obs], defaultWeights(n), opts);
  const peDisc = new ParzenEstimator([disc], [obsInt], defaultWeights(n), opts);
  const u = Float64Array.from({ length: 48 }, (_, i) => (i * 0.377) % 1);
  const candCont = peCont.sample(u, 24);
  const candDisc = peDisc.sample(u, 24);
  const t = await medians(
    {
      batched: () => logIntervalMass(lo, hi),
      scalar,
      continuous: () => peCont.logPdf(candCont),
      discrete: () => peDisc.logPdf(candDisc),
      build: () => new ParzenEstimator([cont], [obs], defaultWeights(n), opts),
    },
    { time: 300 },
  );
  return [
    '### Parzen estimator: TypeScript with batched wasm special functions',
    '',
    `One estimator of ${n} observations (+ prior) scored at 24 candidates, as the "above" model of a 1,000-trial study.`,
    '',
    table(
      ['work', 'median ms'],
      [
        [`log interval masses, ${m} pairs: two batched wasm calls (\`logNdtr\`, \`log1mexp\` on arrays)`, fmt(t.batched)],
        [`the same, one wasm call per value from TypeScript`, `${fmt(t.scalar)} (${fmt(t.scalar / t.batched)}× the batched)`],
        ['continuous parameter: logPdf (TS Gaussian terms, exactExp log-sum-exp)', fmt(t.continuous)],
        ['integer parameter: logPdf (batched wasm masses + the same log-sum-exp)', fmt(t.discrete)],
        ['building the estimator (bandwidths, normalizers)', fmt(t.build)],
      ],
    ),
    '',
    'The special functions (log Φ, log(1 − e^−x), erfc, Φ⁻¹) run in wasm, so every engine gets the same bits, batched',
    `over the (candidate, kernel) pairs of a grid parameter (one call per value took ${fmt(t.scalar / t.batched)}× as long in this run).`,
    'Those functions dominate the scoring of a grid parameter, which is why pairs farther than 20 deviations, whose mass is',
    'negligible, skip them; a grid parameter with 1,000 kernels is still the costly case. The rest (Gaussian terms, log-sum-exp with',
    `exact-math) stays in TypeScript: scoring a continuous parameter against ${n} kernels takes ${fmt(t.continuous)} ms and building`,
    `the estimator ${fmt(t.build)} ms, so moving them to wasm could save at most that share of an ask (see the latency table);`,
    'no wasm version was written to measure against.',
  ];
}

export default async function run(): Promise<string> {
  // Optuna's 1,000-trial loops take minutes: they run in child processes during bonito's runs.
  // Their CPU time is their own, so the overlap does not bias the comparison.
  const peers = Promise.all([optunaLatency(false), optunaLatency(true)]);
  const kernel = await kernelSection();
  const regret = await regretSection();
  const latency = await latencySection(peers);
  return ['## TPE sampler (issue 14)', '', ...regret, '', ...latency, '', ...kernel].join('\n');
}
