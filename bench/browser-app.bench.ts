// The browser tuning app's own cost per trial: everything but training (ask on the page, post
// to a worker and back, epoch/attribute messages none, tell, table and plot redraws, IndexedDB
// appends, heartbeats). The page runs with `?training=none`, where workers score at once with a
// stand-in value; the baseline is one in-process ask + suggest + tell in the same page, same
// sampler, same values, on a fresh IndexedDB journal. Headless Debian Chromium, loopback only.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { build } from 'vite';
import { launchChromium, serveDirectory } from '../test/helpers/chromium.js';
import { fmt, table } from './helpers.js';

const TRIALS = 30;
const STARTUP = 5;
const REPEATS = 3;

interface AppRun {
  perTrialMs: number;
  plotMsPerTrial: number;
  draws: number;
  baselineMs: number | null;
}

async function runApp(browser: Browser, origin: string, workers: number, withBaseline: boolean): Promise<AppRun> {
  const context = await browser.newContext(); // a fresh IndexedDB: every run starts a new study
  const page = await context.newPage();
  await page.goto(`${origin}/?training=none`);
  await page.waitForFunction(() => document.body.dataset.status === 'idle');
  await page.fill('#trials', String(TRIALS));
  await page.fill('#workers', String(workers));
  await page.fill('#startup', String(STARTUP));
  await page.click('#start');
  await page.waitForFunction(() => document.body.dataset.status === 'idle' && document.body.dataset.runMs !== undefined, undefined, {
    timeout: 300_000,
  });
  const shown = await page.evaluate(() => ({
    runMs: Number(document.body.dataset.runMs),
    n: Number(document.body.dataset.runTrials),
    plotMs: Number(document.body.dataset.plotMs),
    draws: Number(document.body.dataset.plotDraws),
    error: document.getElementById('error')?.textContent ?? '',
    rows: document.querySelectorAll('#trial-table tbody tr[data-state="COMPLETE"]').length,
  }));
  if (shown.error !== '' || shown.n !== TRIALS || shown.rows !== TRIALS)
    throw new Error(`browser-app bench: the run failed: ${JSON.stringify(shown)}`);
  const baselineMs = withBaseline
    ? await page.evaluate((n) => (globalThis as unknown as { bonitoBaseline: (n: number) => Promise<number> }).bonitoBaseline(n), TRIALS)
    : null;
  await context.close();
  return { perTrialMs: shown.runMs / shown.n, plotMsPerTrial: shown.plotMs / shown.n, draws: shown.draws, baselineMs };
}

export default async function run(): Promise<string> {
  const out = mkdtempSync(join(tmpdir(), 'bonito-app-bench-'));
  await build({
    configFile: fileURLToPath(new URL('../examples/browser/vite.config.ts', import.meta.url)),
    logLevel: 'error',
    build: { outDir: out, emptyOutDir: true },
  });
  const server = await serveDirectory(out);
  const browser = await launchChromium();
  try {
    // Repeated and interleaved (this machine is shared): medians over REPEATS runs of each setting.
    const runs = new Map<number, AppRun[]>([
      [1, []],
      [2, []],
    ]);
    for (let r = 0; r < REPEATS; r++) for (const [workers, list] of runs) list.push(await runApp(browser, server.origin, workers, true));
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    const rows = [...runs].map(([workers, list]) => {
      const app = median(list.map((r) => r.perTrialMs));
      const base = median(list.map((r) => r.baselineMs as number));
      return [
        String(workers),
        fmt(app),
        `${fmt(median(list.map((r) => r.plotMsPerTrial)))} (${median(list.map((r) => r.draws))} draws)`,
        fmt(base),
        `${fmt(median(list.map((r) => r.perTrialMs / (r.baselineMs as number))))}×`,
        fmt(median(list.map((r) => r.perTrialMs - (r.baselineMs as number)))),
      ];
    });
    return [
      '## Browser tuning app: per-trial overhead (everything but training)',
      '',
      `examples/browser with \`?training=none\` (workers answer at once), ${TRIALS} trials of a new study, GP sampler with ${STARTUP} random`,
      'trials first, the default MLP space (7-8 parameters). "app" is the wall time per trial of the whole run (ask on the page,',
      'post to a Web Worker and back, tell, trial table, IndexedDB appends, heartbeats, and the plots: after a trial ends',
      'every plot, parameter importances included, is redrawn with vega-embed while the study goes on, at most once a second,',
      'so a fast run skips some); "plots" is',
      'the page time spent drawing, per trial, with the number of draws; the baseline is one in-process ask + suggest + tell',
      'in the same page right after, same sampler and values, on a fresh IndexedDB journal. Headless Chromium. Medians of',
      `${REPEATS} runs per row (ratio and difference: medians of the per-run values).`,
      '',
      table(['workers', 'app ms/trial', 'plot drawing ms/trial', 'baseline ask+tell ms', 'app / baseline', 'overhead ms/trial'], rows),
    ].join('\n');
  } finally {
    await browser.close();
    await server.close();
    rmSync(out, { recursive: true, force: true });
  }
}
