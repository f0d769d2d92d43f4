// Two "hosts" on one storage whose local clocks disagree by an hour: host A (clock behind) runs a
// live, beating trial; host B (correct clock) asks, which fails trials it judges stale. Shared by
// the in-memory and the Redis heartbeat-clock tests.
import { setTimeout as sleep } from 'node:timers/promises';
import { RandomSampler } from '../../src/samplers/random.js';
import type { JournalBackend } from '../../src/storage/base.js';
import { createStudy, loadStudy } from '../../src/study/create.js';
import type { TrialState } from '../../src/trial/index.js';

export const HOUR_MS = 3_600_000;

/** The backend without its clock (`now`): each host then stamps beats by its own clock. */
export function withoutClock(backend: JournalBackend): JournalBackend {
  return { readLogs: (from) => backend.readLogs(from), appendLogs: (records) => backend.appendLogs(records) };
}

/**
 * Host A (local clock `skewMs` behind) asks a trial and keeps it alive with 100 ms heartbeats;
 * host B (true clock) asks twice over ~0.5 s, failing what it judges stale; then A tells.
 * @returns the state A's trial was recorded with and the warnings B and A gave.
 */
export async function liveTrialOnSkewedHosts(
  hostA: JournalBackend,
  hostB: JournalBackend,
  skewMs = HOUR_MS,
): Promise<{ state: TrialState; warnings: string[] }> {
  const warnings: string[] = [];
  const common = { name: 'clock', heartbeatIntervalMs: 100, sampler: new RandomSampler(), onWarning: (m: string) => void warnings.push(m) };
  const a = await createStudy({ ...common, storage: hostA, seed: 1, clock: () => Date.now() - skewMs });
  const live = await a.ask();
  live.suggestFloat('x', 0, 1);
  const b = await loadStudy({ ...common, storage: hostB, clock: Date.now });
  for (let i = 0; i < 2; i++) {
    await sleep(250);
    await b.tell(await b.ask(), 0);
  }
  const recorded = await a.tell(live, 1);
  return { state: recorded.state, warnings };
}
