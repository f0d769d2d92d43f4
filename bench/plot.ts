// Regret-vs-trials plots (bench/samplers): one chart per test function, the median simple regret over
// seeds as a line and its q1–q3 band as an area, per sampler, with optional reference medians
// (Optuna's published checkpoints) as points. Vega-lite → vega → SVG in Node (renderer 'none', no
// canvas), then resvg (wasm) → PNG with a bundled DejaVu Sans, so nothing is fetched at run time.
// `npm run bench:plots` re-renders from bench/results/samplers.json without re-running samplers.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Resvg, initWasm } from '@resvg/resvg-wasm';
import type * as vl from 'vega-lite';
import { regretCurveSpec, type ReferencePoint, type RegretComparison } from '../src/bench/regret-plot.js';
import { renderSvg } from '../src/node/report/render-svg.js';

export { renderSvg };

/** One sampler's run on one function, as saved in bench/results/samplers.json. */
export interface SavedRun {
  fn: string;
  /** Per seed: simple regret after each trial. */
  curves: number[][];
}

export type { ReferencePoint };

/** What `regretPlots` draws: bench/results/samplers.json has this shape (plus other fields). */
export type SamplerResults = RegretComparison & { samplers: Record<string, SavedRun[]> };

/** Files written for one function. */
export interface PlotFiles {
  fn: string;
  svg: string;
  png: string;
}

/** Samplers drawn, in legend order, when the results hold them (others are left out). */
export const PLOTTED = ['GP', 'Sobol', 'Random'];
/** Line colours; reference points are black. */
const PALETTE: Record<string, string> = { GP: '#d62728', Sobol: '#1f77b4', Random: '#7f7f7f' };
/** PNG pixels per SVG unit. */
export const PNG_SCALE = 2;
const FONT = 'DejaVu Sans';
const WIDTH = 520;
const HEIGHT = 300;

const require = createRequire(import.meta.url);
let resvgReady: Promise<void> | undefined;
let fonts: Uint8Array[] | undefined;

/** "Styblinski-Tang-8" → "styblinski-tang-8": the file stem of a function's plot. */
export function slug(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

/**
 * The vega-lite spec of one function's regret plot: `regretCurveSpec` with the benchmark's
 * samplers, colours and bundled font.
 * @param results - sampler curves (and optional reference points).
 * @param fn - the function name, as in the results.
 * @returns the spec and whether its y axis is logarithmic.
 */
export function regretSpec(results: SamplerResults, fn: string): { spec: vl.TopLevelSpec; log: boolean } {
  const { spec, log } = regretCurveSpec(results, fn, { samplers: PLOTTED, palette: PALETTE, font: FONT, width: WIDTH, height: HEIGHT });
  return { spec: spec as unknown as vl.TopLevelSpec, log };
}

/**
 * Rasterises SVG text to PNG at PNG_SCALE with the bundled DejaVu Sans (system fonts are not
 * read, so the output is the same on every machine).
 * @param svg - an SVG document.
 * @returns the PNG bytes.
 * @example
 * ```ts
 * writeFileSync('plot.png', await svgToPng(svg));
 * ```
 */
export async function svgToPng(svg: string): Promise<Uint8Array> {
  // resvg-wasm refuses a second initWasm in one process.
  resvgReady ??= initWasm(readFileSync(require.resolve('@resvg/resvg-wasm/index_bg.wasm')));
  await resvgReady;
  // fontsource ships woff/woff2 only; resvg reads woff2 (woff v1 would draw no text). Vega draws
  // axis titles in bold, hence the 700 weight.
  fonts ??= [400, 700].map(
    (w) => new Uint8Array(readFileSync(require.resolve(`@fontsource/dejavu-sans/files/dejavu-sans-latin-${w}-normal.woff2`))),
  );
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'zoom', value: PNG_SCALE },
    font: { fontBuffers: fonts, loadSystemFonts: false, defaultFontFamily: FONT, sansSerifFamily: FONT },
  });
  const image = resvg.render();
  try {
    return image.asPng();
  } finally {
    image.free();
    resvg.free();
  }
}

/**
 * Writes regret-<function>.svg and .png into `outDir` for every function the plotted samplers
 * (GP, Sobol, Random) ran on.
 *
 * @param results - the sampler results, e.g. bench/results/samplers.json parsed.
 * @param outDir - the folder to write into (created if missing).
 * @returns the files written, per function.
 * @throws Error when the results hold none of the plotted samplers.
 * @example
 * ```ts
 * await regretPlots(JSON.parse(readFileSync('bench/results/samplers.json', 'utf8')), new URL('./plots/', import.meta.url));
 * ```
 */
export async function regretPlots(results: SamplerResults, outDir: string | URL): Promise<PlotFiles[]> {
  const first = PLOTTED.find((n) => n in results.samplers);
  if (first === undefined) throw new Error(`regretPlots: the results hold none of ${PLOTTED.join(', ')}.`);
  const dir = typeof outDir === 'string' ? outDir.replace(/\/?$/, '/') : outDir.href.replace(/\/?$/, '/');
  mkdirSync(new URL(dir, pathToFileURL(`${process.cwd()}/`)), { recursive: true });
  const out: PlotFiles[] = [];
  for (const { fn } of results.samplers[first]) {
    const svg = await renderSvg(regretSpec(results, fn).spec);
    const base = new URL(`${dir}regret-${slug(fn)}`, pathToFileURL(`${process.cwd()}/`));
    writeFileSync(new URL(`${base.href}.svg`), svg);
    writeFileSync(new URL(`${base.href}.png`), await svgToPng(svg));
    out.push({ fn, svg: `${base.pathname}.svg`, png: `${base.pathname}.png` });
  }
  return out;
}

// `npm run bench:plots`: re-render bench/plots/ from the saved results.
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const json = new URL('./results/samplers.json', import.meta.url);
  const files = await regretPlots(JSON.parse(readFileSync(json, 'utf8')) as SamplerResults, new URL('./plots/', import.meta.url));
  for (const f of files) process.stdout.write(`${f.svg}\n${f.png}\n`);
}
