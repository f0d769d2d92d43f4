// A GP-tuned study in a page, kept in IndexedDB, with its optimization history drawn by Vega.
// Open /branin.html of `npm run example:browser`. Tested by test/runtimes/browser-example.test.ts.
import { createStudy, GPSampler, init, studyPlotSpecs, type Study } from 'bonito';
import { branin } from 'bonito/bench';
import { downloadJournal, IndexedDBJournal } from 'bonito/browser';
import { parse, View } from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';

const DATABASE = 'bonito-example-branin';
const STUDY = 'branin';
const TRIALS_PER_RUN = 8;

const $ = <T extends HTMLElement>(id: string): T => document.getElementById(id) as T;
const [runButton, downloadButton, resetButton] = [
  $<HTMLButtonElement>('run'),
  $<HTMLButtonElement>('download'),
  $<HTMLButtonElement>('reset'),
];

function setStatus(status: 'idle' | 'running', text: string): void {
  document.body.dataset.status = status;
  $('status').textContent = text;
  for (const b of [runButton, downloadButton, resetButton]) b.disabled = status === 'running';
}

async function drawHistory(study: Study): Promise<void> {
  const vegaSpec = compile(studyPlotSpecs(study).history as unknown as TopLevelSpec).spec;
  const view = new View(parse(vegaSpec), { renderer: 'svg', container: '#history' });
  await view.runAsync();
  document.body.dataset.trials = String(study.trials.length);
}

function describe(study: Study): string {
  const n = study.trials.length;
  if (n === 0) return 'No trials yet.';
  const best = study.bestTrial;
  if (best === undefined) return `${n} trials, none complete.`;
  return `${n} trials; best value ${best.value?.toFixed(5)} at x = ${(best.params.x as number).toFixed(3)}, y = ${(best.params.y as number).toFixed(3)} (the minimum is 0.39789).`;
}

await init(); // vite serves bonito.wasm beside the bundled module
const storage = new IndexedDBJournal({ database: DATABASE });
const study = await createStudy({ name: STUDY, storage, loadIfExists: true, seed: 1, sampler: new GPSampler({ nStartupTrials: 5 }) });
await drawHistory(study);
setStatus('idle', describe(study));

runButton.onclick = async () => {
  setStatus('running', 'Running…');
  await study.optimize((t) => branin.evaluate([t.suggestFloat('x', -5, 10), t.suggestFloat('y', 0, 15)]), {
    nTrials: TRIALS_PER_RUN,
    callbacks: [async (s) => drawHistory(s as Study)],
  });
  setStatus('idle', describe(study));
};
downloadButton.onclick = () => downloadJournal(storage, 'branin.jsonl');
resetButton.onclick = async () => {
  await storage.close();
  await IndexedDBJournal.deleteDatabase(DATABASE);
  location.reload();
};
