// The setup of the test files that call test-only kernels (TEST_BUILD_TESTS in vitest.config.ts):
// the core comes from build/bonito-test.wasm, the shipped module's exports plus those kernels
// (assembly/testing.ts), so the src/ wrappers and the kernels share one instance and one arena.
// Every other test file loads the shipped build (setup.ts).
import { readFileSync } from 'node:fs';
import { init } from '../../src/core/loader.js';

await init(readFileSync(new URL('../../build/bonito-test.wasm', import.meta.url)));
