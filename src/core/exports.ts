/**
 * The flat ABI of build/bonito.wasm, mirrored from assembly/index.ts. Pointers are byte offsets
 * into `memory`; u64 arguments are BigInts. Keep this list in the same order as the assembly.
 * @internal
 */
export interface CoreExports {
  memory: WebAssembly.Memory;
  heap_base(): number;

  // assembly/rng.ts
  rng_seed(state: number, seed: bigint): void;
  rng_jump(state: number): void;
  rng_fill_u64(state: number, out: number, n: number): void;
  rng_fill_uniform(state: number, out: number, n: number): void;
  rng_fill_normal(state: number, out: number, n: number): void;
  rng_fill_integers(state: number, out: number, n: number, lo: number, range: bigint): void;

  // assembly/special.ts
  special_ndtri(p: number): number;
}
