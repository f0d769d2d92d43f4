// Worker-thread pool: the speed-up of two trials at a time on two worker threads over one, on a
// CPU-bound objective of about a second; the orchestration overhead per trial (time outside the
// objective's own work, as a share of the trial); and the memory each worker costs. Random
// sampling keeps the sampler's cost out of the figures.
import { memoryUsage } from 'node:process';
import { threadObjective, threadPool, type ThreadPool } from '../src/node/pool/index.js';
import { RandomSampler } from '../src/samplers/random.js';
import { createStudy } from '../src/study/create.js';
import type { Objective } from '../src/study/optimize.js';
import type { Study } from '../src/study/study.js';
import { fmt, table } from './helpers.js';
import objective, { work } from './pool-objective.js';

const TRIALS = 8;
const TARGET_MS = 1000;
const MODULE = new URL('./pool-objective.ts', import.meta.url);

/** Rounds of `work` that take about TARGET_MS on this thread. */
function calibrate(): number {
  let n = 1e6;
  for (;;) {
    const t0 = performance.now();
    work(n);
    const ms = performance.now() - t0;
    if (ms > 200) return Math.round((n * TARGET_MS) / ms);
    n *= 4;
  }
}

interface Run {
  wallMs: number;
  objectiveMs: number;
  study: Study;
}

async function timed(fn: Objective, concurrency: number, pool: ThreadPool | undefined, seed: number): Promise<Run> {
  const study = await createStudy({ sampler: new RandomSampler(), seed, onWarning: () => undefined });
  const t0 = performance.now();
  await study.optimize(fn, { nTrials: TRIALS, concurrency, executor: pool });
  const wallMs = performance.now() - t0;
  const objectiveMs = study.trials.reduce((s, t) => s + (t.userAttrs.objective_ms as number), 0);
  return { wallMs, objectiveMs, study };
}

/** Samples this process's resident memory while `task` runs; returns the peak. */
async function peakRss<T>(task: () => Promise<T>): Promise<{ result: T; peak: number }> {
  let peak = memoryUsage.rss();
  const timer = setInterval(() => (peak = Math.max(peak, memoryUsage.rss())), 25);
  try {
    const result = await task();
    peak = Math.max(peak, memoryUsage.rss());
    return { result, peak };
  } finally {
    clearInterval(timer);
  }
}

async function warmedPool(size: number): Promise<ThreadPool> {
  const pool = threadPool({ size });
  // One short trial per worker loads the module, so start-up is not in the timed run.
  const study = await createStudy({ sampler: new RandomSampler(), seed: 1, onWarning: () => undefined });
  await study.optimize(threadObjective(MODULE, { exportName: 'warmup' }), { nTrials: size * 2, concurrency: size, executor: pool });
  return pool;
}

export default async function run(): Promise<string> {
  const n = calibrate();
  // Workers copy the environment when they start.
  process.env.BONITO_BENCH_WORK = String(n);

  const inline = await timed(objective, 1, undefined, 11);

  const rssBefore = memoryUsage.rss();
  const one = await warmedPool(1);
  const single = await timed(threadObjective(MODULE), 1, one, 11);
  await one.close();

  const { result: two, peak } = await peakRss(async () => {
    const pool = await warmedPool(2);
    const r = await timed(threadObjective(MODULE), 2, pool, 11);
    await pool.close();
    return r;
  });

  const overhead = (r: Run) => (100 * (r.wallMs - r.objectiveMs)) / r.wallMs;
  const perTrial = (r: Run) => (r.wallMs - r.objectiveMs) / TRIALS;
  // Two lanes overlap, so the time outside the objective is the wall time less half the work.
  const overheadTwo = (100 * (two.wallMs - two.objectiveMs / 2)) / two.wallMs;
  const heapUsed = Math.max(...two.study.trials.map((t) => t.userAttrs.heap_used as number));
  const heapTotal = Math.max(...two.study.trials.map((t) => t.userAttrs.heap_total as number));
  const mb = (b: number) => `${fmt(b / 2 ** 20)} MB`;
  const sameResults =
    JSON.stringify(two.study.trials.map((t) => [t.params, t.value])) ===
    JSON.stringify(single.study.trials.map((t) => [t.params, t.value]));

  return [
    '## Worker-thread pool (`threadPool`, `threadObjective`)',
    '',
    `${TRIALS} trials of a CPU-bound objective calibrated to about ${TARGET_MS} ms on this thread (${fmt(single.objectiveMs / TRIALS)} ms measured in a worker), random sampler, pools warmed up (module loaded) before timing.`,
    '',
    table(
      ['run', 'wall time', 'objective time (sum)', 'outside the objective, per trial', 'overhead (% of wall time)'],
      [
        [
          'in process, concurrency 1',
          `${fmt(inline.wallMs / 1000)} s`,
          `${fmt(inline.objectiveMs / 1000)} s`,
          `${fmt(perTrial(inline))} ms`,
          `${fmt(overhead(inline))} %`,
        ],
        [
          '1 worker thread, concurrency 1',
          `${fmt(single.wallMs / 1000)} s`,
          `${fmt(single.objectiveMs / 1000)} s`,
          `${fmt(perTrial(single))} ms`,
          `${fmt(overhead(single))} %`,
        ],
        [
          '2 worker threads, concurrency 2',
          `${fmt(two.wallMs / 1000)} s`,
          `${fmt(two.objectiveMs / 1000)} s`,
          '—',
          `${fmt(overheadTwo)} %`,
        ],
      ],
    ),
    '',
    `- Speed-up of concurrency 2 on two worker threads over one: **${fmt(single.wallMs / two.wallMs)}x** (target ≥ 1.6x on 2 cores); same trials as the single-thread run: ${sameResults ? 'yes' : 'no'}.`,
    `- Orchestration overhead at ~1 s trials on a worker thread: **${fmt(overhead(single))} %** of trial time (target < 2%): asking, the suggestion round trips through the main thread, telling.`,
    `- Memory per worker: V8 heap up to ${mb(heapUsed)} used of ${mb(heapTotal)} reserved inside a worker; the process's resident memory grew by ${mb((peak - rssBefore) / 2)} per worker at the peak of the two-thread run (bonito, the objective module and, here, tsx loaded in each).`,
  ].join('\n');
}
