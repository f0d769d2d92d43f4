/**
 * The flat ABI of build/bonito.wasm, mirrored from assembly/index.ts. Pointers are byte offsets
 * into `memory`; u64 arguments are BigInts. Keep this list in the same order as the assembly.
 * @internal
 */
export interface CoreExports {
  memory: WebAssembly.Memory;
  heap_base(): number;
}
