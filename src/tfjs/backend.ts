import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { BonitoError, describeValue } from '../errors.js';

/** The tfjs backends bonito trains on: `wasm` (the default), `cpu` only as a benchmark baseline. */
export type TfjsBackend = 'wasm' | 'cpu';

/** Options of {@link setTfjsBackend}. */
export interface BackendOptions {
  /**
   * Where the tfjs wasm binaries are: a URL or path prefix ending in `/`, or a map from each
   * binary's file name (`tfjs-backend-wasm.wasm`, `tfjs-backend-wasm-simd.wasm`,
   * `tfjs-backend-wasm-threaded-simd.wasm`) to its URL. Browsers whose bundler does not serve
   * the binaries beside the script need this.
   * @defaultValue Node: the `dist/` folder of the installed `@tensorflow/tfjs-backend-wasm`;
   *   elsewhere: tfjs's default (beside the script)
   */
  wasmPaths?: string | Record<string, string>;
}

let wasmPathsSet = false;

/**
 * Switches tfjs to `backend` (initializing it on first use) and checks that it is active.
 * Before the wasm backend first starts, it is pointed at its own binaries: in Node the ones in
 * the installed `@tensorflow/tfjs-backend-wasm` package, so no download or bundler is involved.
 *
 * @param backend - `'wasm'` (default) or `'cpu'` (a slow pure-JavaScript baseline).
 * @param options - where the wasm binaries are (first call only: tfjs reads the paths once).
 * @returns when the backend is ready.
 * @throws TypeError on another backend name; BonitoError when tfjs cannot start the backend.
 * @example
 * ```ts
 * await setTfjsBackend();          // wasm
 * await setTfjsBackend('cpu');     // benchmark baseline only
 * ```
 */
export async function setTfjsBackend(backend: TfjsBackend = 'wasm', options: BackendOptions = {}): Promise<void> {
  if (backend !== 'wasm' && backend !== 'cpu') {
    throw new TypeError(`setTfjsBackend: \`backend\` must be 'wasm' or 'cpu' but got ${describeValue(backend)}.`);
  }
  if (backend === 'wasm' && !wasmPathsSet) {
    const paths = options.wasmPaths ?? nodeWasmDirectory();
    if (paths !== undefined) setWasmPaths(paths);
    wasmPathsSet = true;
  }
  if (tf.getBackend() !== backend) {
    const ok = await tf.setBackend(backend);
    if (!ok) throw new BonitoError(`setTfjsBackend: the tfjs \`${backend}\` backend failed to start; check \`wasmPaths\`.`);
  }
  await tf.ready();
  assertTfjsBackend(backend);
}

/**
 * Throws unless tfjs is running on `expected`, so a silent fallback (e.g. to `cpu`, 10x slower
 * and numerically different) can never go unnoticed.
 *
 * @param expected - the backend that must be active. @defaultValue 'wasm'
 * @throws BonitoError naming the active backend.
 * @example
 * ```ts
 * assertTfjsBackend(); // passes after `await setTfjsBackend()`
 * ```
 */
export function assertTfjsBackend(expected: TfjsBackend = 'wasm'): void {
  const active = tf.getBackend();
  if (active !== expected) {
    throw new BonitoError(
      `assertTfjsBackend: the tfjs backend must be \`${expected}\` but got \`${String(active)}\`; call setTfjsBackend('${expected}') first.`,
    );
  }
}

/**
 * In Node (and runtimes that mimic it), the `dist/` folder of the installed wasm backend as a
 * `file:` URL, which tfjs's Node loader reads directly. Elsewhere undefined: bare specifiers do
 * not resolve in browsers without an import map, and tfjs's default (beside the script) applies.
 */
function nodeWasmDirectory(): string | undefined {
  const isNode = typeof process === 'object' && typeof process.versions?.node === 'string';
  if (!isNode || typeof import.meta.resolve !== 'function') return undefined;
  try {
    return new URL('./', import.meta.resolve('@tensorflow/tfjs-backend-wasm')).href;
  } catch {
    // tfjs's Node build falls back to its own folder (`__dirname`), the same files.
    return undefined;
  }
}
