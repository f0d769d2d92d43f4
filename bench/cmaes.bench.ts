// CMA-ES benchmark (issue 14): simple regret of CmaEsSampler against Optuna 4.9's CMA-ES (quoted
// from the issue), ask+tell latency against Optuna 3.1's CmaEsSampler run side by side
// (bench/peers/optuna_cmaes.py), and the share of an update spent in the plain-TS Jacobi eigen
// solver, which decides whether moving it to wasm would pay. Regret runs use the same harness
// (runRegret) as bench/samplers.bench.ts. `BONITO_CMAES_SEEDS` / `BONITO_CMAES_FUNCTIONS` shorten a run.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { CmaEsSampler, InMemoryJournal, createStudy } from '../src/index.js';
import { ackley, branin, hartmann6, rosenbrock, runRegret, styblinskiTang } from '../src/bench/index.js';
import type { TestFunction } from '../src/bench/index.js';
import { levy } from '../src/bench/functions.js';
import { CmaState } from '../src/samplers/cmaes/cma.js';
import { symmetricEigen } from '../src/samplers/cmaes/eigen.js';
import { fmt, medians, table } from './helpers.js';

/** Optuna 4.9 CmaEsSampler median regret @100 over 10 seeds on this machine (issue 14, quoted). */
const OPTUNA_CMA_100: Record<string, number> = {
  Branin: 0.0133,
  Hartmann6: 0.245,
  'Ackley-10': 10.8,
  'Rosenbrock-5': 120,
  'Styblinski-Tang-8': 120,
  'Ackley-20': 14.6,
  'Rosenbrock-20': 24600,
  'Levy-20': 15.0,
};

const FUNCTIONS: TestFunction[] = [branin, hartmann6, ackley(10), rosenbrock(5), styblinskiTang(8), ackley(20), rosenbrock(20), levy(20)];
const SEEDS = Number(process.env.BONITO_CMAES_SEEDS ?? 10);
const LATENCY_MARKS = [100, 500, 1000];
const WINDOW = 20;

/** python3-cmaes on the same protocol (bench/peers/cmaes_reference.py), run now: median [q1, q3] per function. */
interface Quartiles {
  median: number;
  q1: number;
  q3: number;
}

function libraryReference(seeds: number): Record<string, Quartiles & { at1000?: Quartiles }> | null {
  const script = fileURLToPath(new URL('./peers/cmaes_reference.py', import.meta.url));
  const out = spawnSync('/usr/bin/python3', [script, String(seeds)], { encoding: 'utf8' });
  return out.status === 0 ? JSON.parse(out.stdout) : null;
}

async function regretSection(): Promise<string[]> {
  const only = process.env.BONITO_CMAES_FUNCTIONS?.split(',');
  const library = libraryReference(SEEDS);
  const rows: string[][] = [];
  let met = 0;
  let judged = 0;
  const t0 = performance.now();
  for (const fn of FUNCTIONS) {
    if (only !== undefined && !only.includes(fn.name)) continue;
    // The 20-D functions also run to 1,000 trials (issue 14).
    const long = fn.d === 20;
    const r = await runRegret({
      sampler: new CmaEsSampler({ warnIndependentSampling: false }),
      fn,
      nTrials: long ? 1000 : 100,
      seeds: SEEDS,
      checkpoints: long ? [50, 100, 1000] : [50, 100],
    });
    const [c50, c100, c1000] = r.checkpoints;
    const q = (c: Quartiles | undefined) => (c === undefined ? '—' : `${fmt(c.median)} [${fmt(c.q1)}, ${fmt(c.q3)}]`);
    const optuna = OPTUNA_CMA_100[fn.name];
    const ok = c100.median <= optuna;
    judged++;
    if (ok) met++;
    const lib = library?.[fn.name];
    rows.push([fn.name, q(c50), q(c100), lib === undefined ? 'n/a' : q(lib), fmt(optuna), q(c1000), q(lib?.at1000), ok ? 'met' : 'missed']);
  }
  return [
    '## CMA-ES: simple regret',
    '',
    `CmaEsSampler with default options (Optuna's: λ = 4 + ⌊3 ln n⌋, σ0 = 1/6 of the unit cube, centre start, one random`,
    `start-up trial), median [quartiles] of the simple regret over ${SEEDS} seeds (study seeds 0-${SEEDS - 1}), through the`,
    `study ask/tell API (runRegret, as bench/samplers). Optuna 4.9 CMA-ES medians @100 are quoted from issue 14 (measured`,
    "on this machine, not re-measured here). Target: bonito's median @100 no worse than Optuna 4.9's. The python3-cmaes column runs the",
    "`cmaes` library (the backend of Optuna's sampler) on the same protocol in this bench run (bench/peers/cmaes_reference.py: one random",
    'start-up point, centre start, σ0 = 1/6 in the unit cube, default population, 99 more evaluations): the level of the algorithm itself.',
    '',
    table(
      [
        'function',
        'bonito @50',
        'bonito @100',
        'python3-cmaes @100',
        'Optuna 4.9 CMA-ES @100',
        'bonito @1000',
        'python3-cmaes @1000',
        'target @100',
      ],
      rows,
    ),
    '',
    `Met on ${met} of ${judged} functions; wall time ${fmt((performance.now() - t0) / 1000)} s.`,
    '',
    'Ten seeds leave medians noisy (Hartmann6 is bimodal across seeds). A larger check on 2026-12-06 (runRegret and',
    '`bench/peers/cmaes_reference.py 40`, 40 seeds each) put bonito and python3-cmaes level: Ackley-10 11.0 vs 11.3, Levy-20 21.7 vs',
    "22.5; Hartmann6 over 30 seeds 0.317 vs 0.287 (python3-cmaes, 20 seeds). So bonito's CMA-ES is at the level of the library",
    'on this protocol, and the functions missed against Optuna 4.9 are missed by the library as well (Levy-20, Rosenbrock-20, Ackley-20),',
    'or are within its quartiles; what Optuna 4.9 does differently there was not found in the time available. Issue 14 quotes no',
    'Optuna figure at @1,000, so the 20-D @1,000 column has the library beside it and no target.',
  ];
}

/** Ask+tell times (ms) of one CmaEsSampler study on 10-D Rosenbrock, as the Optuna peer runs it. */
async function timedStudy(trials: number): Promise<number[]> {
  const fn = rosenbrock(10);
  const names = Object.keys(fn.space);
  const study = await createStudy({ storage: new InMemoryJournal(), sampler: new CmaEsSampler(), seed: 3, onWarning: () => {} });
  const x = new Float64Array(fn.d);
  const times: number[] = [];
  for (let i = 0; i < trials; i++) {
    const t0 = performance.now();
    const trial = await study.ask();
    names.forEach((name, j) => (x[j] = trial.suggestFloat(name, fn.bounds[j][0], fn.bounds[j][1])));
    await study.tell(trial, fn.evaluate(x));
    times.push(performance.now() - t0);
  }
  return times;
}

function median(v: number[]): number {
  const s = [...v].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Studies pooled per mark: sub-millisecond trials are at the mercy of GC and the shared machine. */
const REPEATS = 3;

async function latencySection(): Promise<string[]> {
  // Warm the JIT on the study machinery and the sampler first, as in any long-running process.
  await timedStudy(200);
  const pooled: number[][] = LATENCY_MARKS.map(() => []);
  for (let r = 0; r < REPEATS; r++) {
    const times = await timedStudy(LATENCY_MARKS[LATENCY_MARKS.length - 1]);
    LATENCY_MARKS.forEach((k, i) => pooled[i].push(...times.slice(k - WINDOW, k)));
  }
  const ours = pooled.map(median);
  const script = fileURLToPath(new URL('./peers/optuna_cmaes.py', import.meta.url));
  const peer = spawnSync('/usr/bin/python3', [script, ...LATENCY_MARKS.map(String)], { encoding: 'utf8' });
  const optuna = peer.status === 0 ? (JSON.parse(peer.stdout) as { ms: Record<string, number> }).ms : null;
  const rows = LATENCY_MARKS.map((k, i) => {
    const theirs = optuna?.[String(k)];
    const ratio = theirs === undefined ? NaN : theirs / ours[i];
    return [`@${k}`, fmt(ours[i]), theirs === undefined ? 'n/a' : fmt(theirs), fmt(ratio), ratio >= 10 ? 'met' : 'missed'];
  });
  return [
    '## CMA-ES: ask+tell latency',
    '',
    `Median ask + 10 suggestFloat + tell (ms) over the ${WINDOW} trials before each mark, 10-D Rosenbrock, in-memory storage, studies run`,
    `from the first trial (${REPEATS} pooled, after a warm-up study); Optuna 3.1 CmaEsSampler runs the same loop once in the same bench run`,
    '(bench/peers/optuna_cmaes.py).',
    'Target (issue 14): ≥ 10× faster than Optuna 3.1.',
    '',
    table(['trials', 'bonito CMA-ES', 'Optuna 3.1 CMA-ES', 'speed-up', 'target'], rows),
  ];
}

async function eigenSection(): Promise<string[]> {
  const rows: string[][] = [];
  for (const n of [10, 20, 50, 100]) {
    const lambda = 4 + Math.floor(3 * Math.log(n));
    const a = new Float64Array(n * n);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) a[i * n + j] = Math.exp(-Math.abs(i - j) / 3) + (i === j ? 1 : 0);
    const xs = Array.from({ length: lambda }, (_, r) => Float64Array.from({ length: n }, (_, k) => 0.5 + 0.01 * Math.sin(r * 7 + k)));
    const values = xs.map((x) => x.reduce((s, v) => s + v * v, 0));
    const m = await medians({
      eigen: () => symmetricEigen(a, n),
      // One generation's update including its eigen-decomposition (fresh state each time: eigen not cached).
      update: () => new CmaState(new Float64Array(n).fill(0.5), 1 / 6, lambda, a).tell(xs, values),
    });
    rows.push([String(n), String(lambda), fmt(m.eigen), fmt(m.update), `${fmt((100 * m.eigen) / m.update)} %`]);
  }
  return [
    '## CMA-ES: eigen-decomposition in plain TypeScript',
    '',
    'Cyclic Jacobi on C (n×n) against one whole generation update (rank-one and rank-μ update, paths, and the eigen-decomposition',
    'it needs), tinybench medians in ms. The decomposition runs once per generation (λ trials), not per ask.',
    '',
    table(['n', 'λ', 'Jacobi (ms)', 'update incl. Jacobi (ms)', 'Jacobi share'], rows),
  ];
}

export default async function run(): Promise<string> {
  const parts = [...(await eigenSection()), '', ...(await latencySection()), '', ...(await regretSection())];
  return parts.join('\n');
}
