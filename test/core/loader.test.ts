import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';

const wasmUrl = new URL('../../build/bonito.wasm', import.meta.url);

async function freshLoader() {
  vi.resetModules();
  return import('../../src/core/loader.js');
}

describe('init(source)', () => {
  it('makes every core call throw an error that says to call init() until it has run', async () => {
    const loader = await freshLoader();
    expect(loader.isInitialized()).toBe(false);
    expect(() => loader.coreExports()).toThrow(/call `await init\(\)`/);
    expect(() => loader.wasmModule()).toThrow(/call `await init\(\)`/);
  });

  it.each([
    ['bytes as a Uint8Array', () => readFileSync(wasmUrl)],
    ['bytes as an ArrayBuffer', () => new Uint8Array(readFileSync(wasmUrl)).buffer],
    ['a compiled WebAssembly.Module', () => new WebAssembly.Module(readFileSync(wasmUrl))],
    ['a file: URL', () => wasmUrl],
    ['a URL string', () => wasmUrl.href],
    ['a Response', () => new Response(readFileSync(wasmUrl))],
    ['a promise of a Response', () => Promise.resolve(new Response(readFileSync(wasmUrl)))],
  ])('accepts %s', async (_label, source) => {
    const loader = await freshLoader();
    await loader.init(source());
    expect(loader.isInitialized()).toBe(true);
    expect(loader.coreExports().heap_base()).toBeGreaterThan(0);
  });

  it('is idempotent: a second call resolves without reloading', async () => {
    const loader = await freshLoader();
    await loader.init(readFileSync(wasmUrl));
    const module = loader.wasmModule();
    await loader.init(new URL('file:///nonexistent.wasm'));
    expect(loader.wasmModule()).toBe(module);
  });

  it('rejects a value of the wrong kind with a TypeError naming `source`', async () => {
    const loader = await freshLoader();
    await expect(loader.init(42 as never)).rejects.toThrow(TypeError);
    await expect(loader.init(42 as never)).rejects.toThrow(/`source`/);
    expect(loader.isInitialized()).toBe(false);
  });

  it('reports a failed fetch and can be retried afterwards', async () => {
    const loader = await freshLoader();
    await expect(loader.init(new Response('missing', { status: 404 }))).rejects.toThrow(/HTTP 404/);
    await loader.init(readFileSync(wasmUrl));
    expect(loader.isInitialized()).toBe(true);
  });

  it('initSync(module) loads at once, for workers handed the main thread’s Module', async () => {
    const loader = await freshLoader();
    loader.initSync(new WebAssembly.Module(readFileSync(wasmUrl)));
    expect(loader.isInitialized()).toBe(true);
  });
});

describe('the wasm core', () => {
  it('has zero imports, so no engine can inject anything into it', () => {
    const module = new WebAssembly.Module(readFileSync(wasmUrl));
    expect(WebAssembly.Module.imports(module)).toEqual([]);
  });

  it('stays under 256 KB', () => {
    expect(readFileSync(wasmUrl).byteLength).toBeLessThanOrEqual(256 * 1024);
  });
});
