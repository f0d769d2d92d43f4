import { defineConfig } from 'vitest/config';

// Tests that need a real peer outside Node (Chromium, workerd, Python with Optuna, redis-server)
// are named *.peer.test.ts or live in test/runtimes/; `npm run test:unit` leaves them out, while
// `npm test` (which provisions the peers first) runs everything.
const PEER_TESTS = ['test/runtimes/**/*.test.ts', 'test/**/*.peer.test.ts'];

// Tests that call kernels only the test build exports (test/helpers/test-core.ts) load
// build/bonito-test.wasm; every other test loads build/bonito.wasm, the bytes that ship.
const TEST_BUILD_TESTS = ['test/assembly/{acquisition,acquisition.property,dot,dot.property,kernel,linalg}.test.ts'];

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
      {
        test: {
          ...shared,
          name: 'unit',
          include: ['test/**/*.test.ts'],
          exclude: ['test/runtimes/**', 'test/**/*.peer.test.ts', ...TEST_BUILD_TESTS],
        },
      },
      { test: { ...shared, name: 'kernels', include: TEST_BUILD_TESTS, setupFiles: ['test/helpers/setup-test-build.ts'] } },
      { test: { ...shared, name: 'peers', include: PEER_TESTS } },
    ],
  },
});
