// Heartbeats on one clock: with a storage that has a clock of its own (JournalBackend.now), a
// host whose local clock is an hour behind does not look dead to the others.
import { describe, expect, it } from 'vitest';
import { InMemoryJournal } from '../../src/storage/memory.js';
import { HeartbeatClock } from '../../src/study/heartbeat.js';
import { HOUR_MS, liveTrialOnSkewedHosts, withoutClock } from '../helpers/skewed-hosts.js';

/** An in-memory journal with a server clock (the true time), as a Redis backend has. */
function journalWithClock(): InMemoryJournal & { now(): Promise<number> } {
  return Object.assign(new InMemoryJournal(), { now: async () => Date.now() });
}

describe('heartbeat clock', () => {
  it('reads the storage clock as an offset to the local one, measured at most once a second', async () => {
    let server = 50_000;
    let reads = 0;
    const clock = new HeartbeatClock(
      () => 1_000,
      async () => {
        reads++;
        return server;
      },
    );
    expect(clock.now()).toBe(1_000); // before any measurement: the local clock
    await clock.sync();
    expect(clock.now()).toBe(50_000);
    server = 60_000;
    await clock.sync(); // within a second of the last measurement: reused
    expect([reads, clock.now()]).toEqual([1, 50_000]);
    expect(new HeartbeatClock(() => 7).now()).toBe(7); // no storage clock
  });

  it('a live trial of a host whose clock is an hour behind survives when both hosts use the storage clock', async () => {
    const journal = journalWithClock();
    const { state, warnings } = await liveTrialOnSkewedHosts(journal, journal);
    expect(state).toBe('COMPLETE');
    expect(warnings).toEqual([]);
  });

  it('(the failure it prevents) with each host on its own clock the other host fails that live trial', async () => {
    const journal = withoutClock(journalWithClock());
    const { state, warnings } = await liveTrialOnSkewedHosts(journal, journal, HOUR_MS);
    expect(state).toBe('FAIL');
    expect(warnings.some((m) => /trial 0 stopped sending heartbeats/.test(m))).toBe(true);
  });
});
