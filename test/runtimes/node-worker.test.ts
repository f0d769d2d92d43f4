import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { wasmModule } from '../../src/index.js';
import { bundle } from './bundle.js';
import { probe } from './probe.js';

describe('a compiled Module handed to a worker_threads Worker', () => {
  it('initialises the worker synchronously, without compiling, and gives bit-identical results', async () => {
    const code = await bundle(new URL('./entry.ts', import.meta.url).pathname);
    const workerSource = `
      import { parentPort, workerData } from 'node:worker_threads';
      const bonito = await import(workerData.bundleUrl);
      const before = bonito.isInitialized();
      bonito.initSync(workerData.module);
      parentPort.postMessage({ before, sameKind: bonito.wasmModule() instanceof WebAssembly.Module, result: bonito.probe() });
    `;
    const worker = new Worker(new URL(`data:text/javascript,${encodeURIComponent(workerSource)}`), {
      workerData: { module: wasmModule(), bundleUrl: `data:text/javascript,${encodeURIComponent(code)}` },
    });
    const message = await new Promise<{ before: boolean; sameKind: boolean; result: unknown }>((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
    });
    await worker.terminate();
    expect(message.before).toBe(false);
    expect(message.sameKind).toBe(true);
    expect(message.result).toEqual(probe());
  });
});
