// Heartbeats across hosts on one clock, Redis's: two backends (two "hosts") on one private
// redis-server, one host's local clock an hour behind; its live trial is not failed by the other.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JournalRedisBackend } from '../../src/node/redis-journal.js';
import { HOUR_MS, liveTrialOnSkewedHosts, withoutClock } from '../helpers/skewed-hosts.js';
import { startRedisServer, type RedisServer } from '../helpers/redis-server.js';

let redis: RedisServer;
const open: JournalRedisBackend[] = [];
let prefixes = 0;

/** Two hosts' backends on one study prefix. */
function hosts(): [JournalRedisBackend, JournalRedisBackend] {
  const prefix = `clock${prefixes++}`;
  const pair: [JournalRedisBackend, JournalRedisBackend] = [
    new JournalRedisBackend(redis.url, { prefix }),
    new JournalRedisBackend(redis.url, { prefix }),
  ];
  open.push(...pair);
  return pair;
}

beforeAll(async () => {
  redis = await startRedisServer();
});
afterAll(async () => {
  await Promise.all(open.map((b) => b.close()));
  await redis.dispose();
});

describe('JournalRedisBackend clock', () => {
  it('reads the server clock (Redis TIME) in milliseconds', async () => {
    const [backend] = hosts();
    const before = Date.now();
    const now = await backend.now();
    // Same machine: the server's clock is this one, give or take the round trip.
    expect(now).toBeGreaterThanOrEqual(before - 5);
    expect(now).toBeLessThanOrEqual(Date.now() + 5);
  });

  it('a live trial of a host whose clock is an hour behind is not failed by another host: both beat by the Redis clock', async () => {
    const [a, b] = hosts();
    const { state, warnings } = await liveTrialOnSkewedHosts(a, b);
    expect(warnings).toEqual([]);
    expect(state).toBe('COMPLETE');
  });

  it('(the failure it prevents) on their own clocks the other host fails that live trial', async () => {
    const [a, b] = hosts();
    const { state, warnings } = await liveTrialOnSkewedHosts(withoutClock(a), withoutClock(b), HOUR_MS);
    expect(state).toBe('FAIL');
    expect(warnings.some((m) => /stopped sending heartbeats/.test(m))).toBe(true);
  });
});
