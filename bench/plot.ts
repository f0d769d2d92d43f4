// Regret-vs-trials plots (bench/samplers): one chart per test function, the median simple regret over
// seeds as a line and its q1–q3 band as an area, per sampler, with optional reference medians
// (Optuna's published checkpoints) as points. Vega-lite → vega → SVG in Node (renderer 'none', no
// canvas), then resvg (wasm) → PNG with a bundled DejaVu Sans, so nothing is fetched at run time.
// `npm run bench:plots` re-renders from bench/results/samplers.json without re-running samplers.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Resvg, initWasm } from '@resvg/resvg-wasm';
import * as vl from 'vega-lite';
import { quartiles } from '../src/index.js';
import { renderSvg } from '../src/node/report/render-svg.js';

export { renderSvg };

/** One sampler's run on one function, as saved in bench/results/samplers.json. */
export interface SavedRun {
  fn: string;
  /** Per seed: simple regret after each trial. */
  curves: number[][];
}

/** Median [q1, q3] at a trial count, for reference figures quoted from elsewhere. */
export interface ReferencePoint {
  trials: number;
  median: number;
  q1: number;
  q3: number;
}

/** What `regretPlots` draws: bench/results/samplers.json has this shape (plus other fields). */
export interface SamplerResults {
  /** Sampler name → its runs, one per function. */
  samplers: Record<string, SavedRun[]>;
  /** Reference name (e.g. "Optuna 4.9 GP") → function name → checkpoints, drawn as points. */
  reference?: Record<string, Record<string, ReferencePoint[]>>;
}

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
/** A log axis once the medians span more than this ratio (two decades). */
const LOG_SPAN = 100;

const require = createRequire(import.meta.url);
let resvgReady: Promise<void> | undefined;
let fonts: Uint8Array[] | undefined;

/** Decade labels: plain between 0.001 and 1000, "1e-6" style beyond. */
const LOG_LABEL = "datum.value >= 0.001 && datum.value <= 1000 ? format(datum.value, '~g') : format(datum.value, '.0e')";

/** Powers of ten covering [lo, hi]: the log axis gets one tick and grid line per decade. */
function decades(lo: number, hi: number): number[] {
  const out: number[] = [];
  for (let e = Math.floor(Math.log10(lo)); e <= Math.ceil(Math.log10(hi)); e++) out.push(10 ** e);
  return out;
}

/** "Styblinski-Tang-8" → "styblinski-tang-8": the file stem of a function's plot. */
export function slug(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}

interface Row {
  series: string;
  trials: number;
  median: number;
  q1: number;
  q3: number;
}

/** Per-trial quartiles over seeds of each plotted sampler's curves on `fn`. */
function rows(results: SamplerResults, fn: string, names: string[]): Row[] {
  const out: Row[] = [];
  for (const series of names) {
    const run = results.samplers[series].find((r) => r.fn === fn);
    if (!run || run.curves.length === 0) continue;
    const n = Math.min(...run.curves.map((c) => c.length));
    for (let t = 1; t <= n; t++) out.push({ series, trials: t, ...quartiles(run.curves.map((c) => c[t - 1])) });
  }
  return out;
}

/**
 * The vega-lite spec of one function's regret plot.
 *
 * @param results - sampler curves (and optional reference points).
 * @param fn - the function name, as in the results.
 * @returns the spec and whether its y axis is logarithmic.
 * @throws Error when no plotted sampler has a run on `fn`.
 * @example
 * ```ts
 * const { spec, log } = regretSpec(results, 'Branin');
 * ```
 */
export function regretSpec(results: SamplerResults, fn: string): { spec: vl.TopLevelSpec; log: boolean } {
  const names = PLOTTED.filter((n) => n in results.samplers);
  const data = rows(results, fn, names);
  if (data.length === 0) throw new Error(`regretPlots: no run of ${PLOTTED.join('/')} on ${fn}.`);
  const refs = Object.entries(results.reference ?? {}).flatMap(([series, byFn]) =>
    (byFn[fn] ?? []).map((p) => ({ series, ...p })),
  );
  const all = [...data, ...refs];
  const positive = all.flatMap((r) => [r.q1, r.median, r.q3]).filter((v) => v > 0);
  const medians = all.map((r) => r.median).filter((v) => v > 0);
  const log = medians.length > 0 && Math.max(...medians) / Math.min(...medians) > LOG_SPAN;
  // A log axis cannot show 0 (an exact hit): such values sit at the smallest positive one shown.
  const floor = positive.length > 0 ? Math.min(...positive) : 1;
  const lift = (v: number) => (log && v <= 0 ? floor : v);
  const values = [...data.map((r) => ({ ...r, kind: 'run' })), ...refs.map((r) => ({ ...r, kind: 'ref' }))].map((r) => ({
    ...r,
    median: lift(r.median),
    q1: lift(r.q1),
    q3: lift(r.q3),
  }));
  const domain = [...names, ...refs.map((r) => r.series).filter((s, i, a) => a.indexOf(s) === i)];
  const range = domain.map((s) => PALETTE[s] ?? '#000000');
  const seeds = results.samplers[names[0]].find((r) => r.fn === fn)?.curves.length ?? 0;
  const color = { field: 'series', type: 'nominal', title: null, scale: { domain, range }, legend: { symbolType: 'square', symbolOpacity: 1, labelLimit: 300 } } as const;
  const x = { field: 'trials', type: 'quantitative', title: 'Trials', scale: { domainMin: 1, nice: false } } as const;
  const yTitle = `Simple regret${log ? ' (log scale)' : ''}`;
  const y = {
    field: 'median',
    type: 'quantitative',
    title: yTitle,
    scale: log ? ({ type: 'log' } as const) : ({ type: 'linear', zero: true } as const),
    axis: log ? { values: decades(floor, Math.max(...positive)), labelExpr: LOG_LABEL } : {},
  } as const;
  const spec: vl.TopLevelSpec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: `${fn}: simple regret vs trials`, subtitle: `median line, q1–q3 band over ${seeds} seeds${refs.length ? '; points: reference medians' : ''}` },
    width: WIDTH,
    height: HEIGHT,
    background: 'white',
    config: { font: FONT, legend: { orient: 'right' } },
    data: { values },
    layer: [
      {
        transform: [{ filter: "datum.kind === 'run'" }],
        mark: { type: 'area', opacity: 0.18 },
        encoding: { x, y: { ...y, field: 'q1' }, y2: { field: 'q3' }, color },
      },
      {
        transform: [{ filter: "datum.kind === 'run'" }],
        mark: { type: 'line', strokeWidth: 2 },
        encoding: { x, y, color },
      },
      ...(refs.length
        ? [
            {
              transform: [{ filter: "datum.kind === 'ref'" }],
              mark: { type: 'point' as const, shape: 'diamond', filled: true, size: 70 },
              encoding: { x, y, color },
            },
          ]
        : []),
    ],
  };
  return { spec, log };
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
  fonts ??= [400, 700].map((w) => new Uint8Array(readFileSync(require.resolve(`@fontsource/dejavu-sans/files/dejavu-sans-latin-${w}-normal.woff2`))));
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
