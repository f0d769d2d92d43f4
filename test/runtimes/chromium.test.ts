import { readFileSync } from 'node:fs';
import { type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundle } from './bundle.js';
import { constrainedStudyProbe, multiObjectiveStudyProbe, probe, studyProbe } from './probe.js';
import { launchChromium, serveFiles, type Files } from '../helpers/chromium.js';

// Debian's chromium, installed by .ci/run; the flags keep it off the (closed) network.

let served: Awaited<ReturnType<typeof serveFiles>> | undefined;
let origin: string;
let browser: Browser;

beforeAll(async () => {
  const files: Files = {
    '/index.html': ['text/html', '<!doctype html><title>bonito</title>'],
    '/bonito.js': ['text/javascript', await bundle(new URL('./entry.ts', import.meta.url).pathname)],
    '/worker.js': [
      'text/javascript',
      "import * as b from '/bonito.js'; onmessage = (e) => { b.initSync(e.data); postMessage(b.probe()); };",
    ],
    '/bonito.wasm': ['application/wasm', readFileSync(new URL('../../build/bonito.wasm', import.meta.url))],
  };
  served = await serveFiles(files);
  origin = served.origin;
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await served?.close();
});

describe('bonito in headless Chromium', () => {
  it('init() fetches bonito.wasm beside the module and computes the same bits as Node', async () => {
    const page = await browser.newPage();
    await page.goto(`${origin}/index.html`);
    // A string, not a function: vitest would rewrite a dynamic import inside a function body.
    const result = await page.evaluate(`(async () => {
      const b = await import('/bonito.js');
      await b.init();
      return b.probe();
    })()`);
    await page.close();
    expect(result).toEqual(probe());
  });

  it('runs a GP-driven study to the same trajectory as Node, bit for bit', async () => {
    const page = await browser.newPage();
    await page.goto(`${origin}/index.html`);
    const result = await page.evaluate(`(async () => {
      const b = await import('/bonito.js');
      await b.init();
      return b.studyProbe();
    })()`);
    await page.close();
    const expected = await studyProbe();
    // The GP took over after six start-up trials, so its proposals are part of what is compared.
    expect(expected).toHaveLength(16);
    expect(result).toEqual(expected);
  });

  it('runs a constrained GP study (constraint GP, log probability of feasibility) to the same trajectory as Node', async () => {
    const page = await browser.newPage();
    await page.goto(`${origin}/index.html`);
    const result = await page.evaluate(`(async () => {
      const b = await import('/bonito.js');
      await b.init();
      return b.constrainedStudyProbe();
    })()`);
    await page.close();
    const expected = await constrainedStudyProbe();
    expect(expected).toHaveLength(12);
    expect(result).toEqual(expected);
  });

  it('runs a GP study of two objectives (log-EHVI, loaded on demand) to the same trajectory as Node', async () => {
    const page = await browser.newPage();
    await page.goto(`${origin}/index.html`);
    const result = await page.evaluate(`(async () => {
      const b = await import('/bonito.js');
      await b.init();
      return b.multiObjectiveStudyProbe();
    })()`);
    await page.close();
    const expected = await multiObjectiveStudyProbe();
    expect(expected).toHaveLength(12);
    expect(result).toEqual(expected);
  });

  it('a Web Worker handed the page’s compiled Module computes the same bits', async () => {
    const page = await browser.newPage();
    await page.goto(`${origin}/index.html`);
    const result = await page.evaluate(`(async () => {
      const b = await import('/bonito.js');
      await b.init(new URL('/bonito.wasm', location.href));
      const worker = new Worker('/worker.js', { type: 'module' });
      const answer = new Promise((resolve, reject) => {
        worker.onmessage = (e) => resolve(e.data);
        worker.onerror = (e) => reject(new Error(e.message));
      });
      worker.postMessage(b.wasmModule());
      return answer;
    })()`);
    await page.close();
    expect(result).toEqual(probe());
  });
});
