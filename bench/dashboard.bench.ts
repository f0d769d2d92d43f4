// The dashboard's time to first paint and to plots drawn, and the cost of parameter importances
// (issue 15). A study of 5 parameters (float, log float, stepped int, categorical, stepped float)
// reporting 10 intermediate values per trial is written to a JSONL journal at 10, 100 and 1,000
// trials; for each, a fresh `startDashboard` (in this process, so a cold replay and a cold
// importance forest every time) is opened in headless Chromium (Debian's) and the page's own
// Performance API gives: first contentful paint, the study's data received (`/api/study`: the
// server's replay, plot specs and importance forest), every plot's SVG in the DOM. Ratios are against the 10-trial journal in the same run. Importances: the
// median of `paramImportances` over REPEATS runs at 100 and 1,000 trials against `studyPlotSpecs`
// on the same trials, and Optuna 3.1's `get_param_importances` (its default fANOVA evaluator,
// scikit-learn forest) once at 1,000 trials on the same journal.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { paramImportances } from '../src/importance/param-importances.js';
import { startDashboard } from '../src/node/dashboard/server.js';
import { JournalFileBackend } from '../src/node/file-journal.js';
import { studyPlotSpecs } from '../src/report/specs.js';
import { RandomSampler } from '../src/samplers/random.js';
import { createStudy } from '../src/study/create.js';
import type { Study } from '../src/study/study.js';
import { launchChromium } from '../test/helpers/chromium.js';
import { findPython } from '../test/helpers/optuna.js';
import { fmt, table } from './helpers.js';

const SIZES = [10, 100, 1000];
const LOADS = 3;
const REPEATS = 3;

async function writeJournal(path: string, nTrials: number): Promise<Study> {
  const study = await createStudy({
    name: 'dashboard-bench',
    storage: new JournalFileBackend(path),
    seed: 1,
    sampler: new RandomSampler(),
  });
  await study.optimize(
    (t) => {
      const x = t.suggestFloat('x', -5, 5);
      const lr = t.suggestFloat('lr', 1e-4, 1e-1, { log: true });
      const units = t.suggestInt('units', 16, 256, { step: 16 });
      const act = t.suggestCategorical('act', ['relu', 'tanh', 'gelu']);
      const dropout = t.suggestFloat('dropout', 0, 0.5, { step: 0.1 });
      const floor = x * x + 2 * Math.abs(Math.log10(lr) + 2.5) + units / 200 + (act === 'relu' ? 0 : 1) + dropout;
      for (let step = 0; step < 10; step++) t.report(floor + 10 / (step + 1), step);
      return floor;
    },
    { nTrials },
  );
  return study;
}

// Runs in the page before its own scripts: the time every plot box first holds its SVG.
const OBSERVE_PLOTS = `
window.__bench = {};
new MutationObserver(function () {
  var boxes = document.querySelectorAll('#plots .plot').length;
  var drawn = document.querySelectorAll('#plots .plot svg').length;
  if (boxes > 0 && drawn === boxes && window.__bench.allPlots === undefined) window.__bench.allPlots = performance.now();
}).observe(document, { childList: true, subtree: true });
`;

interface PageTimes {
  fcp: number;
  data: number;
  allPlots: number;
  plots: number;
}

async function loadTimes(path: string, browser: Awaited<ReturnType<typeof launchChromium>>): Promise<PageTimes> {
  const dashboard = await startDashboard({ storage: path, port: 0, onProblem: () => undefined });
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  try {
    await page.addInitScript(OBSERVE_PLOTS);
    await page.goto(dashboard.url);
    await page.waitForFunction('window.__bench.allPlots !== undefined', undefined, { timeout: 120_000 });
    return (await page.evaluate(`({
      fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN,
      data: performance.getEntriesByType('resource').find((e) => e.name.includes('/api/study?'))?.responseEnd ?? NaN,
      allPlots: window.__bench.allPlots,
      plots: document.querySelectorAll('#plots .plot svg').length,
    })`)) as PageTimes;
  } finally {
    await page.close();
    await dashboard.close();
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function timed(fn: () => unknown): number {
  const t0 = performance.now();
  fn();
  return performance.now() - t0;
}

const OPTUNA_IMPORTANCE = `
import json, sys, time, warnings
warnings.simplefilter("ignore")
import optuna
optuna.logging.set_verbosity(optuna.logging.ERROR)
storage = optuna.storages.JournalStorage(optuna.storages.JournalFileStorage(sys.argv[1]))
study = optuna.load_study(study_name="dashboard-bench", storage=storage)
t0 = time.perf_counter()
imp = optuna.importance.get_param_importances(study, evaluator=optuna.importance.FanovaImportanceEvaluator(seed=0))
print(json.dumps({"ms": (time.perf_counter() - t0) * 1000, "importances": {k: float(v) for k, v in imp.items()}}))
`;

export default async function run(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'bonito-dashboard-bench-'));
  const browser = await launchChromium();
  try {
    const studies = new Map<number, { path: string; study: Study }>();
    for (const n of SIZES) {
      const path = join(dir, `study-${n}.jsonl`);
      studies.set(n, { path, study: await writeJournal(path, n) });
    }
    // One load first to warm Chromium's caches and this process's JIT, not counted.
    await loadTimes(studies.get(SIZES[0])?.path as string, browser);
    const page = new Map<number, PageTimes>();
    for (const n of SIZES) {
      const runs: PageTimes[] = [];
      for (let i = 0; i < LOADS; i++) runs.push(await loadTimes(studies.get(n)?.path as string, browser));
      page.set(n, {
        fcp: median(runs.map((r) => r.fcp)),
        data: median(runs.map((r) => r.data)),
        allPlots: median(runs.map((r) => r.allPlots)),
        plots: runs[0].plots,
      });
    }
    const base = page.get(SIZES[0]) as PageTimes;
    const pageRows = SIZES.map((n) => {
      const p = page.get(n) as PageTimes;
      return [
        n,
        p.plots,
        `${fmt(p.fcp)} ms (${fmt(p.fcp / base.fcp)}×)`,
        `${fmt(p.data)} ms (${fmt(p.data / base.data)}×)`,
        `${fmt(p.allPlots)} ms (${fmt(p.allPlots / base.allPlots)}×)`,
      ];
    });

    const importanceRows: (string | number)[][] = [];
    for (const n of [100, 1000]) {
      const trials = (studies.get(n) as { study: Study }).study.trials;
      paramImportances(trials); // warm-up
      const forest = median(Array.from({ length: REPEATS }, () => timed(() => paramImportances(trials))));
      const specs = median(
        Array.from({ length: REPEATS }, () => timed(() => studyPlotSpecs({ name: 's', direction: 'minimize', trials }))),
      );
      importanceRows.push([n, `${fmt(forest)} ms`, `${fmt(specs)} ms`, `${fmt(forest / specs)}×`]);
    }
    const big = studies.get(1000) as { path: string; study: Study };
    const ours = paramImportances(big.study.trials);
    const oursMs = median(Array.from({ length: REPEATS }, () => timed(() => paramImportances(big.study.trials))));
    const py = JSON.parse(execFileSync(findPython(), ['-c', OPTUNA_IMPORTANCE, big.path], { encoding: 'utf8' })) as {
      ms: number;
      importances: Record<string, number>;
    };
    const ranking = (names: string[]) => names.join(' > ');
    const pyNames = Object.entries(py.importances)
      .sort((a, b) => b[1] - a[1])
      .map(([k]) => k);

    return [
      '## Dashboard first paint and parameter importances (issue 15)',
      '',
      `\`bonito dashboard\` (\`startDashboard\`, a fresh one per load: cold replay, cold importance forest) on a JSONL journal of a`,
      `5-parameter study (float, log float, stepped int, categorical, stepped float; 10 intermediate values per trial), opened in`,
      `headless Chromium (Debian's, 1280×900). Times from the page's Performance API, from navigation start; median of ${LOADS} loads.`,
      'Ratios against the 10-trial journal in the same run. "study data received": `/api/study` answered (the server replays the',
      'journal, builds the plot specs and the importance forest); "all plots drawn": every plot box holds its SVG (vega-embed).',
      `Machine load average during the run: ${loadavg()
        .map((x) => fmt(x))
        .join(', ')} on ${cpus().length} cores (shared by other sessions: absolute times are inflated).`,
      '',
      table(['trials', 'plots', 'first contentful paint', 'study data received', 'all plots drawn'], pageRows),
      '',
      `Parameter importances (\`paramImportances\`: 64 trees, depth ≤ 64, 5 parameters, 7 encoded columns), median of ${REPEATS}`,
      'runs, against `studyPlotSpecs` on the same trials in the same run:',
      '',
      table(['trials', 'paramImportances', 'studyPlotSpecs', 'ratio'], importanceRows),
      '',
      `Against Optuna 3.1 on the same 1,000-trial journal (\`get_param_importances\`, default fANOVA evaluator, seed 0, timed inside`,
      `Python): Optuna ${fmt(py.ms)} ms, bonito ${fmt(oursMs)} ms — bonito ${fmt(py.ms / oursMs)}× faster.`,
      `Ranking: Optuna ${ranking(pyNames)}; bonito ${ranking(ours.map((p) => p.name))}.`,
      `Values (Optuna / bonito): ${pyNames.map((k) => `${k} ${fmt(py.importances[k])} / ${fmt(ours.find((p) => p.name === k)?.importance ?? Number.NaN)}`).join(', ')}.`,
      '',
      'No target is set for these figures by the issue; they are recorded as asked.',
    ].join('\n');
  } finally {
    await browser.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
