// The tuning app: pick a data set, edit the MLP space, start a GP-tuned study whose trials train
// in Web Workers, watch the plots and the trial table grow. Run: npm run example:browser (vite).
// Tested by test/runtimes/browser-app.test.ts.
import { createStudy, GPSampler, init, wasmModule, type Study } from 'bonito';
import { downloadJournal, IndexedDBJournal } from 'bonito/browser';
import { currentChoice, wireDataPicker, type DataChoice } from './data-picker.js';
import { drawPlots, plotTime } from './plots.js';
import { TrainerPool } from './pool.js';
import type { InitMessage } from './protocol.js';
import { runTrials } from './runner.js';
import { buildSpaceForm, readSpaceForm } from './space-form.js';
import { toMlpSpace } from './space.js';
import { drawTable } from './table.js';

const DATABASE = 'bonito-tuning-app';
/** Folds, initial weights and batch order are the same for every trial: trials differ by their parameters. */
const TRAINING_SEED = 7;
/** `?training=none` scores without training: the app's own overhead, for bench/browser-app.ts. */
const TRAINING = new URLSearchParams(location.search).get('training') === 'none' ? 'none' : 'tfjs';

const $ = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;
const picker = {
  iris: $<HTMLInputElement>('data-iris'),
  csv: $<HTMLInputElement>('data-csv'),
  file: $<HTMLInputElement>('csv-file'),
  drop: $('drop'),
  target: $<HTMLSelectElement>('target'),
  task: $<HTMLSelectElement>('task'),
};
const buttons = {
  start: $<HTMLButtonElement>('start'),
  stop: $<HTMLButtonElement>('stop'),
  download: $<HTMLButtonElement>('download'),
  reset: $<HTMLButtonElement>('reset'),
};
const numberOf = (id: string) => Number($<HTMLInputElement>(id).value);

function setStatus(status: 'loading' | 'idle' | 'running' | 'stopping', text: string): void {
  document.body.dataset.status = status;
  $('status').textContent = text;
  buttons.start.disabled = status !== 'idle';
  buttons.stop.disabled = status !== 'running';
  buttons.download.disabled = status !== 'idle';
  buttons.reset.disabled = status !== 'idle';
}

const showError = (message: string) => {
  $('error').textContent = message;
};

function describe(study: Study): string {
  const trials = study.trials;
  const done = trials.filter((t) => t.state === 'COMPLETE').length;
  const best = study.bestTrial;
  const bestText = best === undefined ? '' : `; best ${best.value?.toPrecision(4)} (trial ${best.number})`;
  return `${study.name}: ${trials.length} trials, ${done} complete${bestText}.`;
}

await init(); // compiled once here; the Module itself goes to every worker
const storage = new IndexedDBJournal({ database: DATABASE });
let study: Study | null = null;
let stop = false;

async function openStudy(choice: DataChoice, startup = 5): Promise<Study> {
  return createStudy({
    name: choice.studyName,
    storage,
    loadIfExists: true,
    direction: 'minimize', // log loss or mean squared error
    sampler: new GPSampler({ nStartupTrials: startup }),
    // A reload stops the workers mid-trial: a trial silent for 5 s is failed when the study is opened again.
    heartbeatIntervalMs: 1000,
    heartbeatGraceMs: 5000,
  });
}

/**
 * Redraws the table now, and the plots too: `background` lets the study go on while they draw
 * (draws are coalesced, so a fast run skips intermediate ones); `wait` returns once they show
 * every trial.
 */
async function redraw(s: Study, plots: 'none' | 'background' | 'wait'): Promise<void> {
  const trials = s.trials;
  drawTable($<HTMLTableElement>('trial-table'), trials);
  document.body.dataset.trials = String(trials.length);
  document.body.dataset.finished = String(trials.filter((t) => t.state !== 'RUNNING' && t.state !== 'WAITING').length);
  if (plots === 'none') return;
  const drawn = drawPlots($('plots'), s).then(() => {
    document.body.dataset.plotMs = String(plotTime().ms);
    document.body.dataset.plotDraws = String(plotTime().draws);
  });
  if (plots === 'wait') await drawn;
  else drawn.catch((error: unknown) => showError(`Plots: ${(error as Error).message}`));
}

async function show(): Promise<void> {
  if (document.body.dataset.status === 'running' || document.body.dataset.status === 'stopping') return; // not during a run
  setStatus('loading', 'Opening the study…'); // Start waits until the study shown is the one chosen
  showError('');
  let choice: DataChoice;
  try {
    choice = currentChoice(picker);
  } catch (error) {
    showError((error as Error).message);
    setStatus('idle', 'Choose another file, target or task.');
    return;
  }
  study = await openStudy(choice);
  $('plots').replaceChildren();
  await redraw(study, 'wait');
  setStatus('idle', describe(study));
}

async function start(): Promise<void> {
  showError('');
  let choice: DataChoice;
  let setup: InitMessage;
  try {
    choice = currentChoice(picker);
    const space = readSpaceForm();
    const scoring = $<HTMLSelectElement>('scoring').value;
    setup = {
      type: 'init',
      core: wasmModule(),
      data: choice.data,
      space: toMlpSpace(space),
      scoring: scoring === 'holdout' ? 'holdout' : { kFold: Number(scoring) },
      seed: TRAINING_SEED,
      training: TRAINING,
    };
    setStatus('running', 'Starting the workers…');
    stop = false;
    const pool = await TrainerPool.start(Math.max(1, Math.min(16, Math.trunc(numberOf('workers')) || 1)), setup);
    $('backend').textContent =
      `${choice.label}: ${pool.summary}. Training on ${pool.backend === 'none' ? 'nothing (overhead benchmark)' : `the tfjs ${pool.backend} backend`}${pool.notice ? ` — ${pool.notice}` : ''}, ${numberOf('workers')} worker(s).`;
    const s = await openStudy(choice, Math.max(1, Math.trunc(numberOf('startup')) || 1));
    study = s;
    setStatus('running', `${describe(s)} Running…`);
    const started = performance.now();
    try {
      const n = await runTrials({
        study: s,
        pool,
        space,
        nTrials: Math.max(0, Math.trunc(numberOf('trials'))),
        stopRequested: () => stop,
        onChange: (finished) => redraw(s, finished ? 'background' : 'none'),
      });
      document.body.dataset.runMs = String(performance.now() - started);
      document.body.dataset.runTrials = String(n);
    } finally {
      pool.terminate();
    }
    await redraw(s, 'wait');
    setStatus('idle', describe(s));
  } catch (error) {
    showError((error as Error).message);
    setStatus('idle', study ? describe(study) : '');
  }
}

buildSpaceForm($<HTMLTableElement>('space'));
wireDataPicker(picker, () => void show(), showError);
buttons.start.onclick = () => void start();
buttons.stop.onclick = () => {
  stop = true;
  setStatus('stopping', 'Stopping: the running trials finish, no new one starts…');
};
buttons.download.onclick = () => study && downloadJournal(storage, 'bonito-tuning.jsonl');
buttons.reset.onclick = async () => {
  await storage.close();
  await IndexedDBJournal.deleteDatabase(DATABASE);
  location.reload();
};
if (TRAINING === 'none') {
  const { baselineAskTell } = await import('./bench-baseline.js');
  Object.assign(globalThis, { bonitoBaseline: (n: number) => baselineAskTell(readSpaceForm(), n, numberOf('startup')) });
}
await show();
