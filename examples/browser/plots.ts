// The study's plots, redrawn from `studyPlotSpecs` (bonito's report specs) with vega-embed. Draws
// are coalesced: a request while a draw runs schedules one more draw, not one per request.
import { studyPlotSpecs, type Study } from 'bonito';
import embed, { type Result } from 'vega-embed';

type Spec = Parameters<typeof embed>[1];

const views = new Map<string, Result>();
let drawing: Promise<void> | null = null;
let again = false;

/** Redraws every plot of `study` into `root` (one box per plot, keyed by a data attribute). */
export function drawPlots(root: HTMLElement, study: Study): Promise<void> {
  if (drawing !== null) {
    again = true;
    return drawing;
  }
  drawing = (async () => {
    do {
      again = false;
      await drawOnce(root, study);
    } while (again);
  })().finally(() => {
    drawing = null;
  });
  return drawing;
}

async function drawOnce(root: HTMLElement, study: Study): Promise<void> {
  const specs = studyPlotSpecs(study);
  const wanted: [string, object | null][] = [
    ['history', specs.history],
    ['curves', specs.curves],
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
