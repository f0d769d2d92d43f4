// Sampler benchmark (issue 4): simple regret of each sampler on the five test functions, and
// ask+tell latency per trial, next to Optuna 3.1's figures measured on this machine (quoted from
// the issue). Raw regret curves go to bench/results/samplers.json.
import { mkdirSync, writeFileSync } from 'node:fs';
import {
  BENCHMARK_FUNCTIONS,
  GPSampler,
  InMemoryJournal,
  RandomSampler,
  SobolSampler,
  createStudy,
  loadStudy,
  rosenbrock,
  runRegret,
} from '../src/index.js';
import type { RegretResult, Sampler, Study } from '../src/index.js';
import { fmt, table } from './helpers.js';

const SEEDS = 10;
const N_TRIALS = 100;
const CHECKPOINTS = [25, 50, 100];
const LATENCY_AT = [100, 200, 500];
const LATENCY_WINDOW = 5;

/** Optuna 3.1 median regret at 100 trials over 10 seeds on this machine (issue 4). */
const OPTUNA: Record<string, { tpe: string; random: string; tpeValue: number }> = {
  Branin: { tpe: '0.0163', random: '0.198', tpeValue: 0.0163 },
  Hartmann6: { tpe: '0.277 (multivariate 0.181)', random: '1.29', tpeValue: 0.277 },
  'Ackley-10': { tpe: '16.1', random: '19.8', tpeValue: 16.1 },
  'Rosenbrock-5': { tpe: '120', random: '3110', tpeValue: 120 },
  'Styblinski-Tang-8': { tpe: '77.0', random: '121', tpeValue: 77.0 },
};
/** Issue 4: GP must beat TPE everywhere, and reach 1/10 of TPE's regret on these two. */
const TENFOLD = new Set(['Branin', 'Hartmann6']);

interface Entry {
  name: string;
  make: () => Sampler;
}

function samplers(): Entry[] {
  return [
    { name: 'Random', make: () => new RandomSampler() },
    { name: 'Sobol', make: () => new SobolSampler({ warnIndependentSampling: false }) },
    { name: 'GP', make: () => new GPSampler({ warnIndependentSampling: false }) },
  ];
}

/** Runs `n` ask/tell trials of Rosenbrock-10 on `study`, returning each one's time in ms. */
async function trials(study: Study, n: number): Promise<number[]> {
  const fn = rosenbrock(10);
  const names = Object.keys(fn.space);
  const x = new Float64Array(fn.d);
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    const trial = await study.ask();
    names.forEach((name, j) => (x[j] = trial.suggestFloat(name, fn.bounds[j][0], fn.bounds[j][1])));
    await study.tell(trial, fn.evaluate(x));
    times.push(performance.now() - t0);
  }
  return times;
}

/**
 * Median ask+tell time (ms) of trials N − WINDOW + 1 .. N for each N of LATENCY_AT, in 10
 * dimensions: the first N − WINDOW trials come from random search, then the study is loaded
 * with the sampler under test (so the GP does not pay for hundreds of fits it is not timed on).
 */
async function latency(make: () => Sampler): Promise<number[]> {
  const out: number[] = [];
  for (const n of LATENCY_AT) {
    const storage = new InMemoryJournal();
    const quiet = { seed: 1, onWarning: () => {} };
    await trials(await createStudy({ storage, name: 'latency', sampler: new RandomSampler(), ...quiet }), n - LATENCY_WINDOW);
    out.push(median(await trials(await loadStudy({ storage, name: 'latency', sampler: make(), ...quiet }), LATENCY_WINDOW)));
  }
  return out;
}

/** A fixed plain-TS workload (10 Math.random draws into a record, then a 10-D Rosenbrock) in ms. */
function baselineMs(): number {
  const fn = rosenbrock(10);
  const reps = 20000;
  const x = new Float64Array(10);
  const samples: number[] = [];
  let sink = 0;
  for (let r = 0; r < 15; r++) {
    const t0 = performance.now();
    for (let i = 0; i < reps; i++) {
      const p: Record<string, number> = {};
      for (let j = 0; j < 10; j++) p[`x${j}`] = x[j] = -5 + 15 * Math.random();
      sink += fn.evaluate(x);
    }
    samples.push((performance.now() - t0) / reps);
  }
  if (sink === -1) console.log(sink);
  return median(samples);
}

function median(v: number[]): number {
  const s = [...v].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

function cell(r: RegretResult, trials: number): string {
  const c = r.checkpoints.find((k) => k.trials === trials)!;
  return `${fmt(c.median)} [${fmt(c.q1)}, ${fmt(c.q3)}]`;
}

export default async function run(): Promise<string> {
  const entries = samplers();
  const results: Record<string, RegretResult[]> = {};
  const seconds: Record<string, number> = {};
  for (const e of entries) {
    const t0 = performance.now();
    results[e.name] = [];
    for (const fn of BENCHMARK_FUNCTIONS) {
      results[e.name].push(await runRegret({ sampler: () => e.make(), fn, nTrials: N_TRIALS, seeds: SEEDS, checkpoints: CHECKPOINTS }));
    }
    seconds[e.name] = (performance.now() - t0) / 1000;
  }
  const base = baselineMs();
  const lat: Record<string, number[]> = {};
  for (const e of entries) lat[e.name] = await latency(e.make);

  mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
  const raw = Object.fromEntries(
    Object.entries(results).map(([name, rs]) => [
      name,
      rs.map((r) => ({ fn: r.fn, seeds: r.seeds, checkpoints: r.checkpoints, curves: r.curves.map((c) => Array.from(c)) })),
    ]),
  );
  writeFileSync(
    new URL('./results/samplers.json', import.meta.url),
    `${JSON.stringify({ nTrials: N_TRIALS, seeds: SEEDS, samplers: raw, latencyMs: lat, baselineMs: base }, null, 1)}\n`,
  );

  const regretRows: string[][] = [];
  BENCHMARK_FUNCTIONS.forEach((fn, i) => {
    for (const e of entries) {
      const r = results[e.name][i];
      regretRows.push([fn.name, e.name, ...CHECKPOINTS.map((t) => cell(r, t)), e.name === 'Random' ? OPTUNA[fn.name].random : '', e === entries[0] ? OPTUNA[fn.name].tpe : '']);
    }
  });
  const gpIndex = entries.findIndex((e) => e.name === 'GP');
  const verdictRows = BENCHMARK_FUNCTIONS.map((fn, i) => {
    const gp = results.GP[i].checkpoints.find((c) => c.trials === 100)!.median;
    const tpe = OPTUNA[fn.name].tpeValue;
    const target = TENFOLD.has(fn.name) ? tpe / 10 : tpe;
    return [fn.name, fmt(gp), fmt(tpe), `${TENFOLD.has(fn.name) ? '<= TPE / 10' : '< TPE'}: ${gp < target || (TENFOLD.has(fn.name) && gp === target) ? 'met' : 'missed'}`];
  });
  const latencyRows = entries.map((e) => [
    e.name,
    ...lat[e.name].map((ms) => `${fmt(ms)} ms (${fmt(ms / base)}x)`),
  ]);
  return [
    '## Samplers: simple regret and ask+tell latency',
    '',
    `Simple regret (best value so far minus the known minimum), median [quartiles] over ${SEEDS} seeds (study seeds 0-${SEEDS - 1}),`,
    'through the study ask/tell API. Optuna 3.1 columns: median regret at 100 trials over 10 seeds on this',
    'machine, quoted from issue 4 (not re-measured here).',
    '',
    table(
      ['function', 'sampler', ...CHECKPOINTS.map((t) => `@${t}`), 'Optuna random @100', 'Optuna TPE @100'],
      regretRows,
    ),
    '',
    `Wall time of the regret runs: ${entries.map((e) => `${e.name} ${fmt(seconds[e.name])} s`).join(', ')}.`,
    '',
    ...(gpIndex === -1
      ? []
      : ['GPSampler against the issue-4 targets (median regret at 100 trials):', '', table(['function', 'GP', 'Optuna TPE', 'target'], verdictRows)]),
    '',
    `Ask+tell latency per trial in 10 dimensions (Rosenbrock-10), median of the ${LATENCY_WINDOW} trials up to the given`,
    'count (the trials before them by random search, then the study loaded with the sampler), and as a multiple',
    'of a fixed plain-TS baseline (10 Math.random draws into a record plus one',
    `Rosenbrock-10 evaluation) measured in the same run: ${fmt(base * 1000)} µs.`,
    'Optuna 3.1 here: random 0.3 ms, TPE 18 ms @100 → 73 ms @500. Targets: random/Sobol ≤ 0.1 ms, GP ≤ 30 ms @100, ≤ 300 ms @500.',
    '',
    table(['sampler', ...LATENCY_AT.map((n) => `@${n}`)], latencyRows),
    '',
    'Raw curves: `bench/results/samplers.json`.',
  ].join('\n');
}
