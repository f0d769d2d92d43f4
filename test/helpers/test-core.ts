import { coreExports } from '../../src/core/loader.js';
import { TEST_ONLY_EXPORTS, type TestCoreExports } from './test-exports.js';

/**
 * The loaded core with the test-only kernels typed (linalg_dot, kernel_matrix, ...). Only test files
 * listed in TEST_BUILD_TESTS (vitest.config.ts) run on build/bonito-test.wasm, which has them; any
 * other file gets an error saying so instead of `undefined is not a function`.
 */
export function testCore(): TestCoreExports {
  const core = coreExports() as Partial<TestCoreExports>;
  const missing = TEST_ONLY_EXPORTS.find((name) => typeof core[name] !== 'function');
  if (missing !== undefined) {
    throw new Error(
      `testCore(): the loaded core is the shipped build, which does not export \`${missing}\`; ` +
        'add this test file to TEST_BUILD_TESTS in vitest.config.ts so it loads build/bonito-test.wasm.',
    );
  }
  return core as TestCoreExports;
}
