// The CPU-bound objective of bench/pool.bench.ts, in its own module so worker threads can load it.
// `work(n)` is a fixed amount of arithmetic (no allocation, no I/O), so two of them in parallel
// take as long as one only when two cores are free.
import { threadId } from 'node:worker_threads';
import { getHeapStatistics } from 'node:v8';
import type { Trial } from '../src/trial/index.js';

/** `n` rounds of a xorshift-and-multiply chain; the result keeps the loop from being optimized away. */
export function work(n: number): number {
  let h = 0x9e3779b9;
  for (let i = 0; i < n; i++) {
    h ^= h << 13;
    h ^= h >>> 17;
    h ^= h << 5;
    h = Math.imul(h, 0x85ebca6b) + i;
  }
  return h >>> 0;
}

/** Suggests two parameters, runs `BONITO_BENCH_WORK` rounds, records its own time and heap. */
export default function objective(trial: Trial): number {
  const x = trial.suggestFloat('x', 0, 1);
  const k = trial.suggestInt('k', 1, 8);
  const t0 = performance.now();
  const h = work(Number(process.env.BONITO_BENCH_WORK));
  const ms = performance.now() - t0;
  const heap = getHeapStatistics();
  trial.setUserAttr('objective_ms', ms);
  trial.setUserAttr('heap_used', heap.used_heap_size);
  trial.setUserAttr('heap_total', heap.total_heap_size);
  trial.setUserAttr('thread', threadId);
  return x * k + (h % 2) * 1e-9;
}

/** Loads the module in a worker without the work (pools are warmed up with it before timing). */
export function warmup(trial: Trial): number {
  return trial.suggestFloat('x', 0, 1);
}
