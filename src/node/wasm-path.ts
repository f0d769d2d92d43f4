import { fileURLToPath } from 'node:url';

/** Absolute path of the `bonito.wasm` shipped with the package, for tools that want the file. */
export function wasmPath(): string {
  return fileURLToPath(new URL('../bonito.wasm', import.meta.url));
}
