// The mixed categorical/conditional space of issue 14 (`mixed` in src/bench/mixed.ts): simple regret
// of bonito's samplers next to Optuna 3.1's TPE (multivariate, group), run side by side in this bench
// run on the same function (bench/peers/optuna_mixed.py; test/bench/mixed.peer.test.ts keeps the two
// implementations equal), and how often each bonito sampler fell back to independent sampling.
import { spawn } from 'node:child_process';
import { CmaEsSampler, GPSampler, RandomSampler, TPESampler } from '../src/index.js';
import type { Sampler } from '../src/index.js';
import { mixed, quartiles, runRegret } from '../src/bench/index.js';
import type { RegretResult } from '../src/bench/index.js';
import { fmt, table } from './helpers.js';

const SEEDS = 10;
const N_TRIALS = 100;
const CHECKPOINTS = [50, 100];

interface PeerRegret {
  optuna: string;
  regret: Record<string, number[]>;
}

/** Runs Optuna's TPE (multivariate, group) on the same space in a child process, concurrently with bonito's runs. */
function optunaRegret(): Promise<PeerRegret | string> {
  const script = new URL('./peers/optuna_mixed.py', import.meta.url).pathname;
  const env = { ...process.env, OPENBLAS_NUM_THREADS: '1', OMP_NUM_THREADS: '1' };
  return new Promise((resolve) => {
    const child = spawn('/usr/bin/python3', [script, 'regret', String(N_TRIALS), String(SEEDS), CHECKPOINTS.join(',')], { env });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('error', (e) => resolve(`failed: ${e.message}`));
    child.on('close', (code) => resolve(code === 0 ? (JSON.parse(out) as PeerRegret) : `failed (${code}): ${err.slice(-300)}`));
  });
}

const SAMPLERS: [string, () => Sampler][] = [
  ['GP (default)', () => new GPSampler()],
  ['TPE (default)', () => new TPESampler()],
  ['TPE multivariate + group', () => new TPESampler({ multivariate: true, group: true })],
  ['CMA-ES (default)', () => new CmaEsSampler()],
  ['Random', () => new RandomSampler()],
];

function cell(q: { median: number; q1: number; q3: number }): string {
  return `${fmt(q.median)} [${fmt(q.q1)}, ${fmt(q.q3)}]`;
}

export default async function run(): Promise<string> {
  const peer = optunaRegret();
  const rows: string[][] = [];
  const results = new Map<string, RegretResult>();
  for (const [name, make] of SAMPLERS) {
    const notices: string[] = [];
    const t0 = performance.now();
    const r = await runRegret({
      sampler: make,
      fn: mixed,
      nTrials: N_TRIALS,
      seeds: SEEDS,
      checkpoints: CHECKPOINTS,
      onWarning: (m) => notices.push(m),
    });
    const wall = (performance.now() - t0) / 1000;
    results.set(name, r);
    const said =
      notices.length === 0 ? 'none' : `${notices.length} (${[...new Set(notices.map((m) => m.slice(0, m.indexOf(':'))))].join(', ')})`;
    rows.push([name, ...r.checkpoints.map(cell), fmt(r.msPerTrial), `${fmt(wall)} s`, said]);
  }
  const theirs = await peer;
  let version = '3.1';
  if (typeof theirs === 'string') rows.push(['Optuna TPE multivariate + group', theirs, '', '', '', '']);
  else {
    version = theirs.optuna;
    rows.push([
      `Optuna ${version} TPE multivariate + group`,
      ...CHECKPOINTS.map((k) => cell(quartiles(theirs.regret[String(k)]))),
      '',
      '',
      'n/a',
    ]);
  }
  const judge = (name: string): string => {
    if (typeof theirs === 'string') return `${name}: not judged (Optuna did not run)`;
    const ours = results.get(name)!.checkpoints.at(-1)!;
    const ref = quartiles(theirs.regret[String(N_TRIALS)]);
    const verdict = ours.median <= ref.median ? 'met' : ours.median <= ref.q3 ? 'met (within the upper quartile)' : 'missed';
    return `${name} ${fmt(ours.median)} vs ${fmt(ref.median)} [${fmt(ref.q1)}, ${fmt(ref.q3)}]: ${verdict}`;
  };
  return [
    '## Mixed categorical/conditional space (issue 14)',
    '',
    "`mixed` (`bonito benchmark --functions mixed`): `kind` ∈ {a, b, c} and a log-scale `w` in every trial, then only the chosen branch's",
    'parameters: a = Branin (2 floats, floor 1), b = an integer and a float (floor 0.5), c = Styblinski–Tang-3 / 20 (3 floats, 8 basins,',
    "floor 0; a wrong basin in any coordinate costs more than b's floor); minimum 0 at kind c (see the TSDoc of `mixed`). A regret",
    "near 0.5 means the run settled in branch b; below 0.5 it found c's right basin. Median [quartiles] simple regret over",
    `${SEEDS} seeds (study seeds 0–${SEEDS - 1}; Optuna's sampler seeds 0–${SEEDS - 1}) at ${CHECKPOINTS.join(' and ')} trials through ask/tell with define-by-run`,
    `suggests; Optuna ${version} (Debian python3-optuna) ran the same function (bench/peers/optuna_mixed.py) side by side in this run.`,
    'ms/trial is the time in bonito (ask, suggest, tell) with the objective excluded; "notices" are the once-per-study fallback',
    'warnings a sampler gave over the runs (a parameter sampled outside its model: GP and CMA-ES model the joint space of',
    'parameters every trial has, so the branch parameters go to their independent sampler).',
    '',
    table(['sampler', ...CHECKPOINTS.map((k) => `regret @${k}`), 'ms/trial', 'wall', 'notices'], rows),
    '',
    `Target (issue 14: no worse than the Optuna counterpart, within its upper quartile where close), judged @${N_TRIALS}:`,
    `${judge('TPE multivariate + group')}; ${judge('TPE (default)')}.`,
  ].join('\n');
}
