// The tuning app (examples/browser/index.html) in headless Chromium: vite builds it as a user
// would; a GP study of a tfjs MLP on Iris runs with 2 Web Workers, every plot has a mark per
// finished trial, a reload resumes the study, the journal downloads as JSONL that bonito and Optuna open;
// a CSV with hostile column names stays text.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { init, loadStudy } from '../../src/index.js';
import { JournalFileBackend } from '../../src/node/index.js';
import { launchChromium, serveDirectory } from '../helpers/chromium.js';
import { asPython, normalise, optuna } from '../helpers/optuna.js';

// Kept after the run (git-ignored), so a person can look at what the page shows.
const SCREENSHOT = fileURLToPath(new URL('../../tmp/browser-app.png', import.meta.url));

let out: string;
let server: Awaited<ReturnType<typeof serveDirectory>>;
let browser: Browser;

beforeAll(async () => {
  await init();
  out = mkdtempSync(join(tmpdir(), 'bonito-app-'));
  await build({
    configFile: fileURLToPath(new URL('../../examples/browser/vite.config.ts', import.meta.url)),
    logLevel: 'error',
    build: { outDir: out, emptyOutDir: true },
  });
  server = await serveDirectory(out);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (out) rmSync(out, { recursive: true, force: true });
});

const idle = (page: Page, timeout = 80_000) => page.waitForFunction(() => document.body.dataset.status === 'idle', undefined, { timeout });

/** Tiny trials: 1-2 small layers, 2-3 epochs on 150 rows. */
async function smallSpace(page: Page, trials: number, workers: number): Promise<void> {
  const fill = async (id: string, value: number) => page.fill(`#${id}`, String(value));
  await fill('trials', trials);
  await fill('workers', workers);
  await fill('startup', 3);
  await fill('units-low', 2);
  await fill('units-high', 8);
  await fill('epochs-low', 2);
  await fill('epochs-high', 3);
}

/** Marks in each plot: points of the history and slices, lines of the curves and parallel coordinates. */
const marks = (page: Page) =>
  page.evaluate(() => {
    const count = (key: string, selector: string) => document.querySelectorAll(`[data-plot="${key}"] svg ${selector}`).length;
    const slices = Array.from(document.querySelectorAll<HTMLElement>('[data-plot^="slice:"]')).map((box) => ({
      name: (box.dataset.plot ?? '').slice('slice:'.length),
      points: box.querySelectorAll('svg .mark-symbol.role-mark path').length,
    }));
    return {
      history: count('history', '.mark-symbol.role-mark path'),
      bestLine: count('history', '.mark-line.role-mark path'),
      curves: count('curves', '.mark-line.role-mark path'),
      parallel: count('parallel', '.mark-line.role-mark path'),
      importance: count('importance', '.mark-rect.role-mark path'),
      importanceNames: Array.from(document.querySelectorAll('[data-plot="importance"] svg .role-axis-label text')).map(
        (t) => t.textContent,
      ),
      slices,
      rows: Array.from(document.querySelectorAll('#trial-table tbody tr')).map((tr) => (tr as HTMLElement).dataset.state),
      finished: Number(document.body.dataset.finished),
      status: document.getElementById('status')?.textContent ?? '',
      backend: document.getElementById('backend')?.textContent ?? '',
      error: document.getElementById('error')?.textContent ?? '',
    };
  });

it('tunes an MLP on Iris in 2 workers, plots every trial, resumes after a reload, downloads the journal', async () => {
  const errors: string[] = [];
  const page = await browser.newPage({ acceptDownloads: true });
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('requestfailed', (r) => errors.push(`request failed: ${r.url()}`));
  const wasm: string[] = []; // the page's and its workers' requests
  page.on('request', (r) => r.url().endsWith('.wasm') && wasm.push(new URL(r.url()).pathname.replace(/-[\w-]{8}\.wasm$/, '.wasm')));
  await page.goto(`${server.origin}/`);
  await idle(page);
  await smallSpace(page, 6, 2);
  await page.click('#start');
  await idle(page);
  const shown = await marks(page);
  expect(shown.error).toBe('');
  expect(shown.backend).toMatch(/Iris \(bundled\): 150 rows × 4 features, 3 classes\. Training on the tfjs wasm backend, 2 worker/);
  expect(shown.rows).toEqual(Array(6).fill('COMPLETE'));
  expect(shown).toMatchObject({ finished: 6, history: 6, bestLine: 1, curves: 6, parallel: 6 });
  // One importance bar per parameter every trial has (units_1 exists only in 2-layer trials).
  expect(shown.importance).toBe(7);
  expect(shown.importanceNames).toEqual(
    expect.arrayContaining(['batch_size', 'dropout', 'epochs', 'l2', 'layers', 'learning_rate', 'units_0']),
  );
  // layers, units_0 (units_1 only for 2-layer trials), dropout, l2, learning_rate, batch_size, epochs
  expect(shown.slices.map((s) => s.name)).toEqual(
    expect.arrayContaining(['batch_size', 'dropout', 'epochs', 'l2', 'layers', 'learning_rate', 'units_0']),
  );
  for (const s of shown.slices.filter((s) => s.name !== 'units_1')) expect(s.points, s.name).toBe(6);
  expect(shown.status).toMatch(/^mlp-iris: 6 trials, 6 complete; best \d/);
  await page.screenshot({ path: SCREENSHOT, fullPage: true });
  // bonito's core is fetched and compiled once, by the page; each worker fetches tfjs's binary.
  expect(wasm.sort()).toEqual(['/assets/bonito.wasm', '/assets/tfjs-backend-wasm-simd.wasm', '/assets/tfjs-backend-wasm-simd.wasm']);

  await page.reload();
  await idle(page);
  const resumed = await marks(page);
  expect(resumed).toMatchObject({ finished: 6, history: 6, curves: 6, parallel: 6, importance: 7, status: shown.status });

  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download')]);
  const file = join(out, 'downloaded.jsonl');
  await download.saveAs(file);
  const study = await loadStudy({ name: 'mlp-iris', storage: new JournalFileBackend(file) });
  expect(study.trials.map((t) => t.state)).toEqual(Array(6).fill('COMPLETE'));
  expect(study.trials.every((t) => t.intermediateValues.size >= 2)).toBe(true);
  expect(readFileSync(file, 'utf8').endsWith('\n')).toBe(true);
  // Optuna 3.1 reads the same trials (params, learning curves, the trainer's user attributes).
  const [py] = optuna('dump', file);
  expect(py.name).toBe('mlp-iris');
  expect(normalise(py.trials)).toEqual(normalise(study.trials.map(asPython)));
  expect(errors).toEqual([]);
  await page.close();
}, 90_000);

const HOSTILE = '<img src=x onerror="window.__pwned=1">';

it('keeps hostile CSV column names as text and names the cell a bad CSV gets wrong', async () => {
  const errors: string[] = [];
  const page = await browser.newPage();
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${server.origin}/`);
  await idle(page);
  const rows = Array.from({ length: 40 }, (_, i) => `${['x', 'y', 'z'][i % 3]},"${(i * 37) % 11}",${i % 5}`);
  const csv = `"${HOSTILE.replace(/"/g, '""')}","a""b</td>",label\n${rows.join('\n')}\n`;
  await page.setInputFiles('#csv-file', { name: '<b>bold</b>.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await idle(page);
  expect(await page.$$eval('#target option', (o) => o.map((x) => x.textContent))).toEqual([HOSTILE, 'a"b</td>', 'label']);
  await page.selectOption('#target', '0'); // the hostile column is the target: its name is in the study's name
  await idle(page);
  await smallSpace(page, 2, 1);
  await page.click('#start');
  await idle(page);
  const shown = await marks(page);
  expect(shown.error).toBe('');
  expect(shown.rows).toEqual(['COMPLETE', 'COMPLETE']);
  expect(shown.backend).toContain(`<b>bold</b>.csv, target ${JSON.stringify(HOSTILE)} (classification): 40 rows × 2 features, 3 classes.`);
  expect(shown.status).toContain(`mlp-<b>bold</b>.csv-${HOSTILE}-classification: 2 trials, 2 complete`);
  expect(shown.history).toBe(2);
  const title = await page.$$eval('[data-plot="history"] svg .role-title-text text', (t) => t.map((x) => x.textContent).join(' '));
  expect(title).toContain(HOSTILE);
  expect(
    await page.evaluate(() => ({
      pwned: (window as { __pwned?: number }).__pwned,
      tags: document.querySelectorAll('img, b, td td').length,
    })),
  ).toEqual({
    pwned: undefined,
    tags: 0,
  });

  // A feature cell that is not a number: one sentence naming the column and row, no study.
  await page.setInputFiles('#csv-file', { name: 'bad.csv', mimeType: 'text/csv', buffer: Buffer.from('x,y\n1,a\nzz,b\n') });
  await page.waitForFunction(() => (document.getElementById('error')?.textContent ?? '') !== '');
  expect(await page.textContent('#error')).toBe('CSV: column "x" must hold numbers but row 2 has "zz".');
  expect(errors).toEqual([]);
  await page.close();
}, 60_000);

it('says so and trains on cpu when tfjs wasm cannot load; Stop lets running trials finish and starts no new one', async () => {
  const context = await browser.newContext();
  // Every tfjs wasm binary fails to load, in the page and in its workers.
  await context.route(/tfjs-backend-wasm.*\.wasm$/, (route) => route.abort());
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${server.origin}/`);
  await idle(page);
  await smallSpace(page, 50, 2);
  await page.click('#start');
  await page.waitForFunction(() => Number(document.body.dataset.finished) >= 1, undefined, { timeout: 60_000 });
  await page.click('#stop');
  expect(await page.evaluate(() => document.body.dataset.status)).toBe('stopping');
  await idle(page);
  const shown = await marks(page);
  expect(shown.backend).toMatch(/the tfjs wasm backend failed \(.+\); training on the slower cpu backend/);
  expect(shown.backend).toContain('Training on the tfjs cpu backend');
  // Stopped: fewer than 50, every started trial finished (none left RUNNING), all plotted.
  expect(shown.rows.length).toBeGreaterThanOrEqual(1);
  expect(shown.rows.length).toBeLessThan(50);
  expect(shown.rows.every((s) => s === 'COMPLETE')).toBe(true);
  expect(shown.history).toBe(shown.rows.length);
  expect(errors).toEqual([]);
  await context.close();
}, 60_000);

it('fails the trials a reload interrupted once their heartbeats are stale, and goes on', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${server.origin}/`);
  await idle(page);
  await smallSpace(page, 50, 2);
  await page.click('#start');
  await page.waitForFunction(
    () => Number(document.body.dataset.finished) >= 2 && document.querySelector('#trial-table tr[data-state="RUNNING"]') !== null,
    undefined,
    { timeout: 60_000 },
  );
  await page.reload(); // the workers die mid-trial; their trials stay RUNNING in the journal
  await idle(page);
  const before = await marks(page);
  expect(before.rows).toContain('RUNNING');
  // The page beats every second and a trial silent for 5 s counts as dead: the next ask fails it.
  await page.waitForTimeout(5_500);
  await smallSpace(page, 1, 1);
  await page.click('#start');
  await idle(page);
  const after = await marks(page);
  expect(after.rows).not.toContain('RUNNING');
  expect(after.rows.filter((s) => s === 'FAIL').length).toBe(before.rows.filter((s) => s === 'RUNNING').length);
  expect(after.rows.length).toBe(before.rows.length + 1);
  expect(after.rows[0]).toBe('COMPLETE'); // newest first: the trial run after the reload
  expect(errors).toEqual([]);
  await context.close();
}, 60_000);
