import { NotInitializedError } from '../errors.js';
import { attachMemory } from './memory.js';
import type { CoreExports } from './exports.js';
import { readBytes, toBytes } from './byte-source.js';

/**
 * Where the compiled numeric core can come from. A `WebAssembly.Module` skips compilation (edge
 * runtimes such as workerd forbid compiling bytes; workers can be handed the main thread's Module).
 */
export type WasmSource = WebAssembly.Module | ArrayBuffer | ArrayBufferView | URL | string | Response | PromiseLike<Response>;

const CORE_SOURCE = {
  where: 'init',
  what: 'the wasm core',
  kinds: 'a WebAssembly.Module, bytes, a URL or a Response',
};

let compiled: WebAssembly.Module | null = null;
let core: CoreExports | null = null;
let loading: Promise<void> | null = null;

/**
 * Loads bonito's WebAssembly core. Call once per realm (main thread, each worker) before any other
 * API; later calls resolve immediately.
 *
 * @param source - a compiled `WebAssembly.Module`, the `.wasm` bytes, a URL (or URL string), or a
 *   `Response`. Omitted: Node reads the `bonito.wasm` shipped beside the package; browsers fetch
 *   `new URL('./bonito.wasm', import.meta.url)`.
 * @throws TypeError when `source` is none of the accepted kinds.
 * @example
 * ```ts
 * import { init, Sobol } from 'bonito';
 * await init();
 * new Sobol(2).random(4);
 * ```
 */
export function init(source?: WasmSource): Promise<void> {
  if (core) return Promise.resolve();
  loading ??= load(source).catch((error: unknown) => {
    loading = null;
    throw error;
  });
  return loading;
}

/**
 * Synchronous `init` for a `WebAssembly.Module` or bytes, for realms that must be ready at once
 * (a worker that received the main thread's Module). Idempotent.
 */
export function initSync(source: WebAssembly.Module | ArrayBuffer | ArrayBufferView): void {
  if (core) return;
  instantiate(source instanceof WebAssembly.Module ? source : new WebAssembly.Module(toBytes(source)));
}

/** True once `init` has resolved in this realm. */
export function isInitialized(): boolean {
  return core !== null;
}

/**
 * The compiled core, to post to workers (`worker.postMessage(wasmModule())`) so they call
 * `initSync(module)` and skip compilation.
 * @throws NotInitializedError before `init()`.
 */
export function wasmModule(): WebAssembly.Module {
  if (!compiled) throw notInitialized();
  return compiled;
}

/** @internal The instance's exports; every wrapper in src/core goes through here. */
export function coreExports(): CoreExports {
  if (!core) throw notInitialized();
  return core;
}

function notInitialized(): NotInitializedError {
  return new NotInitializedError('bonito: the WebAssembly core is not loaded; call `await init()` first.');
}

async function load(source: WasmSource | undefined): Promise<void> {
  const module = await compile(source ?? defaultLocation());
  if (!core) instantiate(module);
}

function instantiate(module: WebAssembly.Module): void {
  // The core has zero imports: no abort, no Math.random, nothing an engine could vary.
  const instance = new WebAssembly.Instance(module, {});
  const exportsObject = instance.exports as unknown as CoreExports;
  attachMemory(exportsObject.memory, exportsObject.heap_base());
  compiled = module;
  core = exportsObject;
}

async function compile(source: WasmSource): Promise<WebAssembly.Module> {
  if (source instanceof WebAssembly.Module) return source;
  return WebAssembly.compile(await readBytes(source, CORE_SOURCE));
}

function defaultLocation(): URL {
  return new URL('../bonito.wasm', import.meta.url);
}
