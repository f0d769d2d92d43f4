// The study's plots, redrawn from `studyPlotSpecs` and `importanceSpec` (bonito's report specs)
// with vega-embed. A draw takes a few hundred milliseconds of the page's thread, which the study also needs (ask, tell),
// so draws are coalesced (requests while one runs make one more draw) and start at most once a
// second (bench/browser-app.bench.ts measures what they cost).
import { importanceSpec, studyPlotSpecs, type Study } from 'bonito';
import embed, { type Result } from 'vega-embed';

type Spec = Parameters<typeof embed>[1];

const views = new Map<string, Result>();
let drawing: Promise<void> | null = null;
let again = false;
const spent = { draws: 0, ms: 0 };
const MIN_GAP_MS = 1000;
let lastStart = Number.NEGATIVE_INFINITY;
let latest: { root: HTMLElement; study: Study };

/** Draws made and milliseconds spent drawing since the page loaded (for the overhead benchmark). */
export function plotTime(): Readonly<typeof spent> {
  return spent;
}

/** Redraws every plot of `study` into `root` (one box per plot, keyed by a data attribute). */
export function drawPlots(root: HTMLElement, study: Study): Promise<void> {
  latest = { root, study }; // a draw already running picks up the newest request when it loops
  if (drawing !== null) {
    again = true;
    return drawing;
  }
  drawing = (async () => {
    do {
      const wait = lastStart + MIN_GAP_MS - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      again = false;
      const started = performance.now();
      lastStart = started;
      await drawOnce(latest.root, latest.study);
      spent.draws++;
      spent.ms += performance.now() - started;
    } while (again);
  })().finally(() => {
    drawing = null;
  });
  return drawing;
}

/**
 * The importance chart and the COMPLETE trials it was computed from. The forest costs far more
 * than the other plots (~0.5 s at 1,000 trials), so it is refitted only when that count has grown
 * by 2 % (every new COMPLETE trial up to 50), as the dashboard does; its subtitle says how many.
 */
let importance: { study: Study; complete: number; spec: object | null } | null = null;

function importanceOf(study: Study): object | null {
  const complete = study.trials.filter((t) => t.state === 'COMPLETE').length;
  const last = importance?.study === study ? importance.complete : null;
  if (importance === null || last === null || complete < last || (complete > last && complete >= last * 1.02)) {
    importance = { study, complete, spec: importanceSpec(study) };
  }
  return importance.spec;
}

async function drawOnce(root: HTMLElement, study: Study): Promise<void> {
  const specs = studyPlotSpecs(study);
  const wanted: [string, object | null][] = [
    ['history', specs.history],
    ['curves', specs.curves],
    ['importance', importanceOf(study)], // fANOVA on a random forest, as Optuna's default evaluator
    ['parallel', specs.parallel],
    ...specs.slices.map((s): [string, object] => [`slice:${s.name}`, s.spec]),
  ];
  const keep = new Set(wanted.filter(([, spec]) => spec !== null).map(([key]) => key));
  for (const [key, result] of views) {
    if (keep.has(key)) continue;
    result.finalize();
    views.delete(key);
    root.querySelector(`[data-plot="${CSS.escape(key)}"]`)?.remove();
  }
  for (const [key, spec] of wanted) {
    if (spec === null) continue;
    let box = root.querySelector<HTMLElement>(`[data-plot="${CSS.escape(key)}"]`);
    if (box === null) {
      box = document.createElement('div');
      box.className = key.startsWith('slice:') ? 'plot slice' : 'plot';
      box.dataset.plot = key; // a dataset value is an attribute, never parsed as markup
    }
    root.append(box); // keeps the boxes in `wanted` order as plots appear
    views.get(key)?.finalize();
    views.set(key, await embed(box, spec as Spec, { renderer: 'svg', actions: false }));
  }
  root.dataset.trials = String(study.trials.length);
}
