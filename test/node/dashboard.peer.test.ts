// The dashboard in headless Chromium (Debian's chromium through playwright-core): the CLI serves
// a journal that this test keeps appending to, and the page must show the study, escape its
// hostile names, and show a trial written after the page loaded without a reload.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HOSTILE_STUDY, openHostileStudy, runHostileTrials } from '../helpers/dashboard-study.js';
import { launchChromium } from '../helpers/chromium.js';

/** Where the screenshot is kept for people to look at (outside the temp dir removed below). */
// biome-ignore lint/suspicious/noExportsInTest: the path is printed for whoever reads the test output.
export const SCREENSHOT = join(tmpdir(), 'bonito-dashboard.png');

const dir = mkdtempSync(join(tmpdir(), 'bonito-dashboard-peer-'));
const journal = join(dir, 'live.jsonl');
let browser: Browser;
let server: ChildProcess;
let url: string;
let stderr = '';

beforeAll(async () => {
  const study = await openHostileStudy(journal);
  await runHostileTrials(study, 4);
  server = spawn(process.execPath, ['--import', 'tsx', 'src/node/cli/bin.ts', 'dashboard', journal, '--port', '0'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  server.stderr!.on('data', (chunk: Buffer) => void (stderr += chunk.toString()));
  const lines = createInterface({ input: server.stdout! });
  url = await new Promise<string>((resolve, reject) => {
    lines.once('line', resolve);
    server.once('exit', (code) => reject(new Error(`bonito dashboard exited with ${code}: ${stderr}`)));
  });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  if (server?.exitCode === null) server.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

describe('bonito dashboard in headless Chromium', () => {
  it('prints its URL first, shows the study with escaped names, plots and a trial table, and a trial written after load appears', async () => {
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const requests: string[] = [];
    page.on('request', (r) => void requests.push(r.url()));
    const errors: string[] = [];
    page.on('pageerror', (e) => void errors.push(e.message));
    await page.goto(url);

    // The hostile study name is shown as text in the list and as the title, never as markup.
    await page.waitForSelector('#study-title');
    expect(await page.textContent('#study-title')).toBe(HOSTILE_STUDY);
    expect(await page.textContent('#studies a')).toContain(HOSTILE_STUDY);
    await page.waitForSelector('#trials tr[data-number="3"]');
    expect(await page.locator('#trials tr[data-number]').count()).toBe(4);
    expect(await page.textContent('#best h3')).toMatch(/^Best trial: #\d+, value /);

    // Plots: vega-embed drew SVG with one point per plotted trial in the history (trials 0 and 3
    // complete, 1 pruned at its last intermediate value; 2 failed and has none).
    await page.waitForSelector('#plots svg');
    const points = () => page.locator('#plots section').first().locator('svg g.mark-symbol.role-mark path').count();
    await expect.poll(points).toBe(3);
    expect(await page.locator('#plots h3').allTextContents()).toEqual(
      expect.arrayContaining([
        'Optimization history',
        'Intermediate values',
        'Parallel coordinates',
        'Parameter importances',
        'Parameters',
      ]),
    );
    // The importance chart has one bar per parameter (its hostile name is an axis label, as text).
    const importances = page.locator('#plots section', { has: page.locator('h3', { hasText: 'Parameter importances' }) });
    await expect.poll(() => importances.locator('svg g.mark-rect.role-mark path').count()).toBe(2);

    // A trial written now, while the page is open, shows up without a reload.
    const study = await openHostileStudy(journal);
    const [added] = await runHostileTrials(study, 1);
    await page.waitForSelector(`#trials tr[data-number="${added}"]`, { timeout: 15_000 });
    expect(await page.locator('#trials tr[data-number]').count()).toBe(5);
    await expect.poll(points).toBe(4);

    // Filtering by state, then sorting by value (descending on a second click).
    await page.selectOption('#state-filter', 'PRUNED');
    expect(await page.locator('#trials tr[data-number]').count()).toBe(1);
    await page.selectOption('#state-filter', 'COMPLETE');
    await page.click('#trials th[data-key="value0"]');
    await page.click('#trials th[data-key="value0"]');
    const values = (await page.locator('#trials tr[data-number] td:nth-child(3)').allTextContents()).map(Number);
    expect(values).toHaveLength(3); // trials 0, 3 and the one just added
    expect(values).toEqual([...values].sort((a, b) => b - a));
    await page.selectOption('#state-filter', 'ALL');

    // Nothing hostile ran or became an element, and nothing was fetched beyond the dashboard.
    expect(await page.evaluate('window.__pwned')).toBeUndefined();
    expect(await page.locator('img').count()).toBe(0);
    expect(errors).toEqual([]);
    expect(requests.every((r) => r.startsWith(url))).toBe(true);
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
    await page.close();
  });

  it('exits cleanly with status 0 on SIGTERM', async () => {
    const exited = new Promise<number | null>((resolve) => server.once('exit', (code) => resolve(code)));
    server.kill('SIGTERM');
    expect(await exited).toBe(0);
  });
});
