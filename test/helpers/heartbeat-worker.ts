// Child process for the SIGKILL heartbeat test: runs a study on a JSONL journal until it has
// `target` COMPLETE trials. With a `hangAt` trial number it suggests that trial's parameter,
// writes `<path>.hung` and hangs (beating) until killed. With `hangIn` = `sampler` it hangs
// instead in the sampler's `beforeTrial` of that trial, the whole process blocked (no timer can
// beat): right after the trial was created, before `ask()` returned.
import { readFileSync, writeFileSync } from 'node:fs';
import { init } from '../../src/core/loader.js';
import { JournalFileBackend } from '../../src/node/file-journal.js';
import { RandomSampler } from '../../src/samplers/random.js';
import { createStudy } from '../../src/study/create.js';

const [path, targetText, intervalText, hangAtText, hangIn] = process.argv.slice(2);
const target = Number(targetText);
const hangAt = hangAtText === undefined ? -1 : Number(hangAtText);
await init(readFileSync(new URL('../../build/bonito.wasm', import.meta.url)));
const random = new RandomSampler();
const sampler = {
  inferRelativeSearchSpace: random.inferRelativeSearchSpace.bind(random),
  sampleRelative: random.sampleRelative.bind(random),
  sampleIndependent: random.sampleIndependent.bind(random),
  beforeTrial(_study: unknown, trial: { number: number }): void {
    if (hangIn !== 'sampler' || trial.number !== hangAt) return;
    writeFileSync(`${path}.hung`, String(trial.number));
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0); // blocks the whole process
  },
};
const study = await createStudy({
  name: 'hb',
  storage: new JournalFileBackend(path, { lockStaleMs: 2000 }),
  loadIfExists: true,
  seed: 5,
  sampler,
  heartbeatIntervalMs: Number(intervalText),
  onWarning: (m) => process.stderr.write(`${m}\n`),
});
const done = study.getTrials(['COMPLETE']).length;
await study.optimize(
  async (trial) => {
    const x = trial.suggestFloat('x', -1, 1);
    if (trial.number === hangAt && hangIn !== 'sampler') {
      await study.refresh(); // the parameter is in the journal before we announce the hang
      writeFileSync(`${path}.hung`, String(trial.number));
      setInterval(() => undefined, 1000); // keep the process (and its heartbeat) alive
      await new Promise(() => undefined);
    }
    return x * x;
  },
  { nTrials: target - done },
);
