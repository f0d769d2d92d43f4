// workerd forbids compiling WebAssembly from bytes at run time, so bonito's core arrives as a
// module import (compiled by workerd at load) and is handed to `init` once per isolate.
import { init } from 'bonito';
import wasm from 'bonito.wasm';

let ready: Promise<void> | undefined;

/** Initializes bonito's core once; later calls share the first call's promise. */
export function ensureBonito(): Promise<void> {
  ready ??= init(wasm).then(() => undefined);
  return ready;
}
