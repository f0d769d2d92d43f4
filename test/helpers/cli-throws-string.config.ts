// A `bonito tune` config for the CLI tests whose objective throws a string, not an Error.
import { defineConfig } from '../../src/node/cli/config.js';

export default defineConfig({
  direction: 'minimize',
  workers: 'main',
  objective() {
    throw 'the objective gave up'; // eslint-disable-line no-throw-literal
  },
});
