// A `bonito tune` config for the CLI tests: a tiny pure-JavaScript objective (no tfjs). The
// optional sleep (BONITO_TEST_SLEEP_MS) makes trials overlap and gives Ctrl-C something to interrupt.
import { defineConfig } from '../../src/node/cli/config.js';

const sleepMs = Number(process.env.BONITO_TEST_SLEEP_MS ?? 0);

export default defineConfig({
  name: 'quadratic',
  direction: 'minimize',
  sampler: 'sobol',
  concurrency: 2,
  seed: 3,
  async objective(trial) {
    const x = trial.suggestFloat('x', -4, 4);
    const shape = trial.suggestCategorical('shape', ['bowl', 'flat']);
    if (sleepMs > 0) await new Promise((r) => setTimeout(r, sleepMs));
    return (x - 1) ** 2 + (shape === 'bowl' ? 0 : 0.5);
  },
});
