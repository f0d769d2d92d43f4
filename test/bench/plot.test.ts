import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PNG_SCALE, regretPlots, regretSpec, renderSvg, slug } from '../../bench/plot.js';
import type { SamplerResults } from '../../bench/plot.js';
import { quartiles } from '../../src/bench/index.js';

const TRIALS = 12;

/**
 * Three seeds of a decreasing curve spanning `decades` orders of magnitude; with `zeros`, seeds 1
 * and 2 hit the minimum exactly at the last trial, so the median and q1 there are 0.
 */
function curves(start: number, decades: number, zeros = false): number[][] {
  return [0, 1, 2].map((seed) =>
    Array.from({ length: TRIALS }, (_, t) => {
      if (zeros && seed > 0 && t === TRIALS - 1) return 0;
      return start * (1 + seed / 4) * 10 ** ((-decades * t) / (TRIALS - 1));
    }),
  );
}

const results: SamplerResults = {
  samplers: {
    Random: [
      { fn: 'Toy-2', curves: curves(10, 0.5) },
      { fn: 'Flat', curves: curves(5, 0.2) },
    ],
    Sobol: [
      { fn: 'Toy-2', curves: curves(8, 1) },
      { fn: 'Flat', curves: curves(4, 0.3) },
    ],
    GP: [
      { fn: 'Toy-2', curves: curves(9, 4, true) },
      { fn: 'Flat', curves: curves(6, 0.5) },
    ],
    'GP (random start-up)': [{ fn: 'Toy-2', curves: curves(9, 3) }],
  },
  reference: {
    'Optuna ref': {
      'Toy-2': [
        { trials: 5, median: 0.5, q1: 0.2, q3: 0.9 },
        { trials: 10, median: 0.01, q1: 0.005, q3: 0.02 },
      ],
    },
  },
};

/** The `<path>` elements inside each `<g class="mark-<kind> role-mark ...">` group of an SVG. */
function markPaths(svg: string, kind: string): string[][] {
  const groups = [...svg.matchAll(new RegExp(`<g class="mark-${kind} role-mark[^"]*"[^>]*>(.*?)</g>`, 'g'))];
  return groups.map((g) => [...g[1].matchAll(/<path [^>]*>/g)].map((p) => p[0]));
}

function axisTitles(svg: string): string[] {
  return [...svg.matchAll(/<g class="mark-text role-axis-title"[^>]*><text [^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);
}

describe('regret plots', () => {
  it('the spec carries per-trial quartiles over seeds of each plotted sampler, and only GP, Sobol and Random', () => {
    const { spec } = regretSpec(results, 'Toy-2');
    const values = (
      spec as { data: { values: { series: string; trials: number; median: number; q1: number; q3: number; kind: string }[] } }
    ).data.values;
    const runs = values.filter((v) => v.kind === 'run');
    expect(new Set(runs.map((v) => v.series))).toEqual(new Set(['GP', 'Sobol', 'Random']));
    expect(runs).toHaveLength(3 * TRIALS);
    const gp = results.samplers.GP[0].curves;
    const at4 = runs.find((v) => v.series === 'GP' && v.trials === 4)!;
    expect(at4).toMatchObject(quartiles(gp.map((c) => c[3])));
    expect(values.filter((v) => v.kind === 'ref').map((v) => v.trials)).toEqual([5, 10]);
  });

  it('uses a log axis when the medians span over two decades, and a linear one otherwise', async () => {
    expect(regretSpec(results, 'Toy-2').log).toBe(true);
    expect(regretSpec(results, 'Flat').log).toBe(false);
    expect(axisTitles(await renderSvg(regretSpec(results, 'Toy-2').spec))).toEqual(['Trials', 'Simple regret (log scale)']);
    expect(axisTitles(await renderSvg(regretSpec(results, 'Flat').spec))).toEqual(['Trials', 'Simple regret']);
  });

  it('draws one median line and one band per sampler, and a point per reference checkpoint, all finite', async () => {
    const svg = await renderSvg(regretSpec(results, 'Toy-2').spec);
    const lines = markPaths(svg, 'line');
    expect(lines.map((g) => g.length)).toEqual([1, 1, 1]);
    const labels = lines.map((g) => /series: ([^"]+)"/.exec(g[0])![1]).sort();
    expect(labels).toEqual(['GP', 'Random', 'Sobol']);
    expect(markPaths(svg, 'area').map((g) => g.length)).toEqual([1, 1, 1]);
    expect(markPaths(svg, 'symbol').flat()).toHaveLength(2);
    // A zero regret cannot sit on a log axis: it is lifted to the smallest positive value shown,
    // so every line still has a vertex per trial and no NaN/Infinity coordinate.
    for (const path of [...lines.flat(), ...markPaths(svg, 'area').flat()]) {
      const d = /\sd="([^"]*)"/.exec(path)![1];
      expect(d).toMatch(/^M[-\d.,LZ]+$/);
    }
    for (const path of lines.flat()) {
      const ys = /\sd="([^"]*)"/
        .exec(path)![1]
        .split(/[ML]/)
        .filter(Boolean)
        .map((xy) => Number(xy.split(',')[1]));
      expect(ys).toHaveLength(TRIALS);
      // The synthetic medians fall with every trial, so each vertex sits lower on the page (y grows).
      for (let t = 1; t < TRIALS; t++) expect(ys[t]).toBeGreaterThan(ys[t - 1]);
    }
    expect(svg).toContain('Toy-2: simple regret vs trials');
  });

  const dir = mkdtempSync(join(tmpdir(), 'bonito-plot-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes an SVG and a PNG per function, the PNG scaled from the SVG size', async () => {
    const files = await regretPlots(results, dir);
    expect(files.map((f) => f.fn)).toEqual(['Toy-2', 'Flat']);
    for (const f of files) {
      expect(f.svg).toBe(join(dir, `regret-${slug(f.fn)}.svg`));
      const svg = readFileSync(f.svg, 'utf8');
      const [, w, h] = /<svg [^>]*width="(\d+)" height="(\d+)"/.exec(svg)!.map(Number);
      const png = readFileSync(f.png);
      expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
      expect(png.toString('latin1', 12, 16)).toBe('IHDR');
      expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([w * PNG_SCALE, h * PNG_SCALE]);
    }
  });

  it('names plot files after the function', () => {
    expect(slug('Styblinski-Tang-8')).toBe('styblinski-tang-8');
    expect(slug('Hartmann6')).toBe('hartmann6');
  });
});
