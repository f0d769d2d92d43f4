// bonito/browser's IndexedDBJournal in headless Chromium: the backend contract, a study that
// survives a reload, concurrent appenders (two pages and a Web Worker), and the JSONL download
// read back by the Node file journal and by Optuna.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStudy, InMemoryJournal, loadStudy } from '../../src/index.js';
import { JournalFileBackend } from '../../src/node/index.js';
import type { JournalBackend } from '../../src/storage/base.js';
import { parsePythonJson, stringifyPythonJson } from '../../src/storage/python-json.js';
import type { JournalRecord, UnreadableEntry } from '../../src/storage/records.js';
import { backendContract } from '../helpers/backend-contract.js';
import { optuna } from '../helpers/optuna.js';
import { bundle } from './bundle.js';
import { objective, SEED, sampler, STUDY, summary } from './indexeddb-entry.js';
import { launchChromium, serveFiles, type Files } from '../helpers/chromium.js';

// What the page's module script leaves on globalThis.
type Bonito = typeof import('./indexeddb-entry.js');
declare global {
  var b: Bonito;
  var bonitoReady: boolean;
}

let served: Awaited<ReturnType<typeof serveFiles>> | undefined;
let origin: string;
let browser: Browser;
let context: BrowserContext;
let contractPage: Page;
let dir: string;

beforeAll(async () => {
  const files: Files = {
    '/index.html': [
      'text/html',
      "<!doctype html><title>bonito</title><script type=module>import * as b from '/bonito.js'; await b.init(); globalThis.b = b; globalThis.bonitoReady = true;</script>",
    ],
    '/bonito.js': ['text/javascript', await bundle(new URL('./indexeddb-entry.ts', import.meta.url).pathname)],
    '/append-worker.js': [
      'text/javascript',
      "import * as b from '/bonito.js'; onmessage = async (e) => { await b.appendBatches(...e.data); postMessage('done'); };",
    ],
    '/bonito.wasm': ['application/wasm', readFileSync(new URL('../../build/bonito.wasm', import.meta.url))],
  };
  served = await serveFiles(files);
  origin = served.origin;
  browser = await launchChromium();
  context = await browser.newContext({ acceptDownloads: true });
  contractPage = await openPage();
  dir = mkdtempSync(join(tmpdir(), 'bonito-idb-'));
});

afterAll(async () => {
  await browser?.close();
  await served?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** A page of the shared context (same origin, so the same IndexedDB), with bonito loaded. */
async function openPage(): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${origin}/index.html`);
  await page.waitForFunction(() => globalThis.bonitoReady === true);
  return page;
}

/** A JournalBackend in Node whose records live in the page's IndexedDB. */
class PageJournal implements JournalBackend {
  constructor(
    private readonly page: Page,
    private readonly database: string,
  ) {}
  async readLogs(from: number): Promise<(JournalRecord | UnreadableEntry)[]> {
    const lines = await this.page.evaluate(([db, f]) => globalThis.b.readLines(db, f), [this.database, from] as const);
    return lines.map((l) => parsePythonJson(l) as JournalRecord);
  }
  async appendLogs(records: readonly JournalRecord[]): Promise<void> {
    const lines = records.map((r) => stringifyPythonJson(r));
    await this.page.evaluate(([db, l]) => globalThis.b.appendLines(db, l), [this.database, lines] as const);
  }
}

let databases = 0;
backendContract(
  [['IndexedDB in Chromium', () => new PageJournal(contractPage, `contract-${databases++}`)]],
  [['in memory', () => new InMemoryJournal()]],
);

describe('IndexedDBJournal in headless Chromium', () => {
  it('a study survives a reload: loadStudy sees the same trials and resumes as if never stopped', async () => {
    const page = await openPage();
    const before = await page.evaluate(
      async ([name, seed]) => {
        const b = globalThis.b;
        const storage = new b.IndexedDBJournal({ database: 'reload' });
        const study = await b.createStudy({ name, seed, storage, sampler: b.sampler() });
        await study.optimize(b.objective, { nTrials: 8 });
        return b.summary(study);
      },
      [STUDY, SEED] as const,
    );
    expect(before.map((t) => t.state)).toEqual(Array(8).fill('COMPLETE'));

    await page.reload();
    await page.waitForFunction(() => globalThis.bonitoReady === true);
    const after = await page.evaluate(async (name) => {
      const b = globalThis.b;
      const study = await b.loadStudy({ name, storage: new b.IndexedDBJournal({ database: 'reload' }), sampler: b.sampler() });
      const loaded = b.summary(study);
      await study.optimize(b.objective, { nTrials: 4 });
      return { loaded, resumed: b.summary(study) };
    }, STUDY);
    expect(after.loaded).toEqual(before);

    // The GP sampler is a pure function of the journal and the seed: the resumed study is the
    // one an uninterrupted run of 12 trials gives (in Node, in memory), bit for bit.
    const straight = await createStudy({ name: STUDY, seed: SEED, sampler: sampler() });
    await straight.optimize(objective, { nTrials: 12 });
    expect(after.resumed).toEqual(summary(straight));

    // The journal as JSONL, through the browser's download, opens in Node's file journal.
    const [download, text] = await Promise.all([
      page.waitForEvent('download'),
      page.evaluate(() => globalThis.b.downloadJournal(new globalThis.b.IndexedDBJournal({ database: 'reload' }), 'study.jsonl')),
    ]);
    expect(download.suggestedFilename()).toBe('study.jsonl');
    const path = join(dir, 'study.jsonl');
    await download.saveAs(path);
    expect(readFileSync(path, 'utf8')).toBe(text);
    const fromFile = await loadStudy({ name: STUDY, storage: new JournalFileBackend(path), sampler: sampler() });
    expect(summary(fromFile)).toEqual(after.resumed);
    // And Optuna 3.1's JournalFileStorage reads the same trials from it.
    const [python] = optuna('dump', path).filter((s) => s.name === STUDY);
    expect(python.trials.map((t) => ({ number: t.number, state: t.state, params: t.params, value: t.value }))).toEqual(after.resumed);
    await page.close();
  });

  it('two pages and a Web Worker appending at once leave one dense, ordered log with every batch whole', async () => {
    const [a, c] = [await openPage(), await openPage()];
    const batches = 25;
    await Promise.all([
      a.evaluate((n) => globalThis.b.appendBatches('shared', 'page-a', n, 3), batches),
      c.evaluate(async (n) => {
        const worker = new Worker('/append-worker.js', { type: 'module' });
        const done = new Promise((resolve, reject) => {
          worker.onmessage = resolve;
          worker.onerror = (e) => reject(new Error(e.message));
        });
        worker.postMessage(['shared', 'worker', n, 3]);
        await Promise.all([globalThis.b.appendBatches('shared', 'page-c', n, 3), done]);
        worker.terminate();
      }, batches),
    ]);
    const lines = await a.evaluate(() => globalThis.b.readLines('shared', 0));
    const records = lines.map((l) => parsePythonJson(l) as { worker_id: string; user_attr: { batch: number; part: number } });
    expect(records).toHaveLength(3 * 3 * batches);
    expect(await a.evaluate(() => globalThis.b.rawKeys('shared'))).toEqual(records.map((_, i) => i));
    const seen = new Set<string>();
    for (let i = 0; i < records.length; i += 3) {
      const batch = records.slice(i, i + 3);
      // Each call's three records are contiguous, in order, from one writer.
      expect(batch.map((r) => r.user_attr.part)).toEqual([0, 1, 2]);
      expect(new Set(batch.map((r) => `${r.worker_id}/${r.user_attr.batch}`)).size).toBe(1);
      seen.add(`${batch[0].worker_id}/${batch[0].user_attr.batch}`);
    }
    expect(seen.size).toBe(3 * batches);
    // The writers took turns in every round (lock step), so appends from different contexts met.
    const writers = records.filter((_, i) => i % 3 === 0).map((r) => r.worker_id);
    for (let round = 0; round < batches; round++) expect(new Set(writers.slice(3 * round, 3 * round + 3)).size).toBe(3);
    await Promise.all([a.close(), c.close()]);
  });

  it('JSONL export keeps non-finite numbers as Python writes them, and an empty journal is empty', async () => {
    const text = await contractPage.evaluate(async () => {
      const b = globalThis.b;
      const empty = await b.journalJsonl(new b.IndexedDBJournal({ database: 'empty' }));
      const storage = new b.IndexedDBJournal({ database: 'non-finite' });
      const study = await b.createStudy({ name: 'inf', storage });
      await study.optimize((t) => (t.suggestFloat('x', 0, 1) < 2 ? -Infinity : 0), { nTrials: 1 });
      return { empty, full: await b.journalJsonl(storage) };
    });
    expect(text.empty).toBe('');
    expect(text.full.endsWith('\n')).toBe(true);
    expect(text.full).toMatch(/"values":\[-Infinity\]/);
    const path = join(dir, 'inf.jsonl');
    writeFileSync(path, text.full);
    const study = await loadStudy({ name: 'inf', storage: new JournalFileBackend(path) });
    expect(study.trials.map((t) => t.value)).toEqual([-Infinity]);
  });

  it('rejects bad options in the house form', async () => {
    const messages = await contractPage.evaluate(() => {
      const b = globalThis.b;
      const tryIt = (f: () => unknown): string => {
        try {
          f();
          return 'no error';
        } catch (err) {
          return (err as Error).message;
        }
      };
      return [tryIt(() => new b.IndexedDBJournal({ database: '' })), tryIt(() => new b.IndexedDBJournal({ indexedDB: {} as IDBFactory }))];
    });
    expect(messages[0]).toMatch(/^IndexedDBJournal: `database` must be a non-empty string but got/);
    expect(messages[1]).toMatch(/^IndexedDBJournal: `indexedDB` must be an IDBFactory/);
    const readError = await contractPage.evaluate(() =>
      globalThis.b.IndexedDBJournal.prototype.readLogs
        .call(new globalThis.b.IndexedDBJournal({ database: 'x' }), -1)
        .catch((e: Error) => e.message),
    );
    expect(readError).toMatch(/^IndexedDBJournal.readLogs: `from` must be a non-negative integer but got -1/);
  });
});
