// Child process for the SIGKILL heartbeat test: runs a study on a JSONL journal until it has
// `target` COMPLETE trials. With a `hangAt` trial number it suggests that trial's parameter,
// writes `<path>.hung` and hangs (beating) until killed.
import { readFileSync, writeFileSync } from 'node:fs';
import { init } from '../../src/core/loader.js';
import { JournalFileBackend } from '../../src/node/file-journal.js';
import { createStudy } from '../../src/study/create.js';

const [path, targetText, intervalText, hangAtText] = process.argv.slice(2);
const target = Number(targetText);
const hangAt = hangAtText === undefined ? -1 : Number(hangAtText);
await init(readFileSync(new URL('../../build/bonito.wasm', import.meta.url)));
const study = await createStudy({
  name: 'hb',
  storage: new JournalFileBackend(path, { lockStaleMs: 2000 }),
  loadIfExists: true,
  seed: 5,
  heartbeatIntervalMs: Number(intervalText),
  onWarning: (m) => process.stderr.write(`${m}\n`),
});
const done = study.getTrials(['COMPLETE']).length;
await study.optimize(
  async (trial) => {
    const x = trial.suggestFloat('x', -1, 1);
    if (trial.number === hangAt) {
      await study.refresh(); // the parameter is in the journal before we announce the hang
      writeFileSync(`${path}.hung`, String(trial.number));
      setInterval(() => undefined, 1000); // keep the process (and its heartbeat) alive
      await new Promise(() => undefined);
    }
    return x * x;
  },
  { nTrials: target - done },
);
