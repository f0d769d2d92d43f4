// examples/browser/branin.html in headless Chromium: vite builds the page as a user would, it runs a GP study
// kept in IndexedDB, draws the optimization history, and a reload resumes the study.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { launchChromium, serveDirectory } from '../helpers/chromium.js';

// Kept after the run (git-ignored), so a person can look at what the page shows.
const SCREENSHOT = fileURLToPath(new URL('../../tmp/browser-example.png', import.meta.url));

let out: string;
let server: Awaited<ReturnType<typeof serveDirectory>>;
let origin: string;
let browser: Browser;

beforeAll(async () => {
  out = mkdtempSync(join(tmpdir(), 'bonito-example-'));
  await build({
    configFile: fileURLToPath(new URL('../../examples/browser/vite.config.ts', import.meta.url)),
    logLevel: 'error',
    build: { outDir: out, emptyOutDir: true },
  });
  server = await serveDirectory(out);
  origin = server.origin;
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (out) rmSync(out, { recursive: true, force: true });
});

const idle = (page: Page) => page.waitForFunction(() => document.body.dataset.status === 'idle', undefined, { timeout: 50_000 });
/** Trials in the study, and the points of the history plot (one per finished trial). */
const shown = (page: Page) =>
  page.evaluate(() => ({
    trials: Number(document.body.dataset.trials),
    points: document.querySelectorAll('#history svg .mark-symbol.role-mark path').length,
    bestLine: document.querySelectorAll('#history svg .mark-line.role-mark path').length,
    status: document.getElementById('status')?.textContent ?? '',
  }));

it('runs a GP study, plots every trial, and resumes it after a reload', async () => {
  const errors: string[] = [];
  const page = await browser.newPage();
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('requestfailed', (r) => errors.push(`request failed: ${r.url()}`));
  await page.goto(`${origin}/branin.html`);
  await idle(page);
  expect(await shown(page)).toMatchObject({ trials: 0, points: 0, status: 'No trials yet.' });

  await page.click('#run');
  await idle(page);
  const first = await shown(page);
  expect(first).toMatchObject({ trials: 8, points: 8, bestLine: 1 });
  expect(first.status).toMatch(/^8 trials; best value \d+\.\d{5} at x = /);

  await page.reload();
  await idle(page);
  expect(await shown(page)).toMatchObject({ trials: 8, points: 8, status: first.status });

  await page.click('#run');
  await idle(page);
  const second = await shown(page);
  expect(second).toMatchObject({ trials: 16, points: 16 });
  // The best value shown never gets worse and never beats Branin's minimum (sampler quality is
  // measured by the benchmarks, not here).
  const best = (status: string) => Number(/best value (\S+)/.exec(status)?.[1]);
  expect(best(second.status)).toBeLessThanOrEqual(best(first.status));
  expect(best(second.status)).toBeGreaterThanOrEqual(0.39788);
  await page.screenshot({ path: SCREENSHOT, fullPage: true });
  expect(errors).toEqual([]);
  await page.close();
});
