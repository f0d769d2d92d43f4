/**
 * The one place that touches the core's linear memory. JavaScript owns every buffer: a call
 * takes scratch space from a bump arena, copies inputs in, runs a kernel, copies results out,
 * and releases everything when it returns. Views are always made from the current
 * `memory.buffer`, because growing the memory detaches every earlier ArrayBuffer.
 * @internal
 */

const ALIGN = 16; // v128 loads and stores want 16-byte alignment
const PAGE = 65536;

let memory: WebAssembly.Memory | null = null;
let heapBase = 0;
let top = 0;

/** Called once by the loader with the instance's memory and the end of its static data. */
export function attachMemory(mem: WebAssembly.Memory, base: number): void {
  memory = mem;
  heapBase = alignUp(base);
  top = heapBase;
}

/** Scratch space valid until the enclosing `withScratch` returns. */
export interface Scratch {
  /** Reserves `bytes` bytes, 16-byte aligned, and returns their address. */
  alloc(bytes: number): number;
  /** Reserves room for `n` f64 values, optionally filled from `values`. */
  f64(n: number, values?: ArrayLike<number>): number;
  /** Reserves room for `n` u32 values, optionally filled from `values`. */
  u32(n: number, values?: ArrayLike<number>): number;
  /** Reserves room for `n` i32 values, optionally filled from `values`. */
  i32(n: number, values?: ArrayLike<number>): number;
  /** Reserves room for `n` u64 values, optionally filled from `values`. */
  u64(n: number, values?: BigUint64Array): number;
  viewF64(ptr: number, n: number): Float64Array;
  viewU32(ptr: number, n: number): Uint32Array;
  viewI32(ptr: number, n: number): Int32Array;
  viewU64(ptr: number, n: number): BigUint64Array;
  /** Copies `n` f64 values out of the core into a new array that survives the call. */
  takeF64(ptr: number, n: number): Float64Array;
}

const scratch: Scratch = {
  alloc,
  f64: (n, values) => fill(alloc(n * 8), values, viewF64),
  u32: (n, values) => fill(alloc(n * 4), values, viewU32),
  i32: (n, values) => fill(alloc(n * 4), values, viewI32),
  u64: (n, values) => {
    const ptr = alloc(n * 8);
    if (values) viewU64(ptr, n).set(values);
    return ptr;
  },
  viewF64,
  viewU32,
  viewI32,
  viewU64,
  takeF64: (ptr, n) => viewF64(ptr, n).slice(),
};

/**
 * Runs `fn` with scratch memory and releases it afterwards, also when `fn` throws. Calls nest:
 * an inner call releases only what it allocated.
 */
export function withScratch<T>(fn: (scratch: Scratch) => T): T {
  const mark = top;
  try {
    return fn(scratch);
  } finally {
    top = mark;
  }
}

/**
 * `withScratch` for a stepped computation (steps.ts): the scratch stays reserved across its
 * yields and is released when it returns, throws or is closed early.
 */
export function* withScratchSteps<T>(fn: (scratch: Scratch) => Generator<void, T, void>): Generator<void, T, void> {
  const mark = top;
  try {
    return yield* fn(scratch);
  } finally {
    top = mark;
  }
}

/** Bytes the arena currently holds (0 between calls); for tests and leak checks. */
export function scratchInUse(): number {
  return top - heapBase;
}

function alloc(bytes: number): number {
  if (!memory) throw new Error('bonito: internal error: wasm memory used before init().');
  if (!Number.isInteger(bytes) || bytes < 0) throw new RangeError(`bonito: cannot allocate ${bytes} bytes.`);
  const ptr = alignUp(top);
  const end = ptr + bytes;
  const short = end - memory.buffer.byteLength;
  if (short > 0) {
    try {
      memory.grow(Math.ceil(short / PAGE));
    } catch {
      throw new RangeError(
        `bonito: the request needs ${end} bytes of wasm memory, more than this engine grants; ask for fewer points at a time.`,
      );
    }
  }
  top = end;
  return ptr;
}

function fill<T extends { set(values: ArrayLike<number>): void }>(
  ptr: number,
  values: ArrayLike<number> | undefined,
  view: (ptr: number, n: number) => T,
): number {
  if (values) view(ptr, values.length).set(values);
  return ptr;
}

function viewF64(ptr: number, n: number): Float64Array {
  return new Float64Array(memory!.buffer, ptr, n);
}
function viewU32(ptr: number, n: number): Uint32Array {
  return new Uint32Array(memory!.buffer, ptr, n);
}
function viewI32(ptr: number, n: number): Int32Array {
  return new Int32Array(memory!.buffer, ptr, n);
}
function viewU64(ptr: number, n: number): BigUint64Array {
  return new BigUint64Array(memory!.buffer, ptr, n);
}

function alignUp(x: number): number {
  // Arithmetic, not bit masks: addresses may exceed 2^31.
  return Math.ceil(x / ALIGN) * ALIGN;
}
