import { defineConfig } from 'vitest/config';

// Tests that need a real peer outside Node (Chromium, workerd, Python with Optuna, redis-server)
// are named *.peer.test.ts or live in test/runtimes/; `npm run test:unit` leaves them out, while
// `npm test` (which provisions the peers first) runs everything.
const PEER_TESTS = ['test/runtimes/**/*.test.ts', 'test/**/*.peer.test.ts'];

const shared = {
  setupFiles: ['test/helpers/setup.ts'],
  testTimeout: 60_000,
  hookTimeout: 120_000,
};

export default defineConfig({
  test: {
    // Two cores: let files run in parallel but never oversubscribe the machine.
    maxWorkers: 2,
    projects: [
      { test: { ...shared, name: 'unit', include: ['test/**/*.test.ts'], exclude: ['test/runtimes/**', 'test/**/*.peer.test.ts'] } },
      { test: { ...shared, name: 'peers', include: PEER_TESTS } },
    ],
  },
});
