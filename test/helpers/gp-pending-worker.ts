// Child process for the cross-process pending-points test: loads the study `gp` from a JSONL
// journal and runs `nTrials` GP trials whose objective sleeps `sleepMs` (so the two processes'
// trials overlap), tagging each trial with its process.
import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { init } from '../../src/core/loader.js';
import { JournalFileBackend } from '../../src/node/file-journal.js';
import { GPSampler } from '../../src/samplers/gp/sampler.js';
import { loadStudy } from '../../src/study/create.js';

const [path, nTrialsText, sleepText, tag] = process.argv.slice(2);
await init(readFileSync(new URL('../../build/bonito.wasm', import.meta.url)));
const study = await loadStudy({
  name: 'gp',
  storage: new JournalFileBackend(path),
  sampler: new GPSampler({ nStartupTrials: 5 }),
  onWarning: (m) => process.stderr.write(`${m}\n`),
});
await study.optimize(
  async (trial) => {
    trial.setUserAttr('worker', tag);
    const x = trial.suggestFloat('x', -1, 1);
    const y = trial.suggestFloat('y', -1, 1);
    await sleep(Number(sleepText));
    return (x - 0.2) ** 2 + (y + 0.4) ** 2;
  },
  { nTrials: Number(nTrialsText) },
);
