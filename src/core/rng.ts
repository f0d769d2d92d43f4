import { coreExports } from './loader.js';
import { withScratch, type Scratch } from './memory.js';
import type { CoreExports } from './exports.js';
import { describeValue } from '../errors.js';

/** A seed: a non-negative integer below 2^64, as a number (safe integer) or a bigint. */
export type Seed = number | bigint;

const U64_MASK = (1n << 64n) - 1n;
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);
const STATE_BYTES = 32;
const FILL_CHUNK = 16384; // 128 KB of f64: fits in L2 with room to spare

/**
 * A seeded stream of pseudo-random numbers: xoshiro256** seeded through splitmix64, computed in
 * wasm so a seed gives the same bits in every engine. Streams are independent objects with their
 * own state; `jump()` moves 2^128 steps ahead for non-overlapping parallel streams.
 *
 * @example
 * ```ts
 * await init();
 * const rng = new Rng(42);
 * rng.uniform(3);          // Float64Array of 3 values in [0, 1)
 * rng.normal(2);           // standard normals by inversion
 * rng.integers(5, 0, 10);  // 5 integers in [0, 10)
 * ```
 */
export class Rng {
  /** The seed this stream started from (drawn from `crypto.getRandomValues` when omitted). */
  readonly seed: bigint;
  /** xoshiro256** state, 4 x u64. */
  readonly #state = new BigUint64Array(4);

  /**
   * @param seed - non-negative integer below 2^64; omitted: a random seed, readable as `rng.seed`.
   * @throws RangeError when `seed` is negative, fractional, unsafe or 2^64 and above.
   */
  constructor(seed?: Seed) {
    this.seed = seed === undefined ? randomSeed() : checkSeed('Rng', seed);
    this.#run((ptr) => coreExports().rng_seed(ptr, this.seed));
  }

  /**
   * The stream for one purpose of one trial, derived from a study seed and a path of keys
   * (e.g. trial number, then a sampler-specific tag). Derivation is a pure function, so the
   * stream does not depend on scheduling, other trials or restarts.
   */
  static derive(seed: Seed, ...keys: number[]): Rng {
    return new Rng(deriveSeed(seed, ...keys));
  }

  /**
   * `n` uniforms in [0, 1), multiples of 2^-53.
   * @param out - optional array of length >= n to fill instead of allocating (faster in loops).
   */
  uniform(n: number, out?: Float64Array): Float64Array {
    return this.#fill('uniform', n, out, (ex, st, ptr, m) => ex.rng_fill_uniform(st, ptr, m));
  }

  /**
   * `n` standard normal deviates, by inversion of the normal CDF (Wichura AS241).
   * @param out - optional array of length >= n to fill instead of allocating.
   */
  normal(n: number, out?: Float64Array): Float64Array {
    return this.#fill('normal', n, out, (ex, st, ptr, m) => ex.rng_fill_normal(st, ptr, m));
  }

  /**
   * `n` integers uniform on [lo, hi), without modulo bias.
   * @throws RangeError unless lo and hi are safe integers with lo < hi and hi − lo <= 2^53.
   */
  integers(n: number, lo: number, hi: number): Float64Array {
    if (!Number.isSafeInteger(lo) || !Number.isSafeInteger(hi) || hi <= lo || hi - lo > 2 ** 53) {
      throw new RangeError(
        `Rng.integers: \`lo\` and \`hi\` must be safe integers with lo < hi and hi - lo <= 2^53 but got lo=${lo}, hi=${hi}.`,
      );
    }
    const range = BigInt(hi - lo);
    return this.#fill('integers', n, undefined, (ex, st, ptr, m) => ex.rng_fill_integers(st, ptr, m, lo, range));
  }

  /** `n` raw 64-bit outputs of the generator. */
  nextU64(n: number): BigUint64Array {
    checkCount('Rng.nextU64', n);
    return this.#run((st, s) => {
      const out = s.alloc(n * 8);
      coreExports().rng_fill_u64(st, out, n);
      return s.viewU64(out, n).slice();
    });
  }

  /** Advances this stream by 2^128 draws (in place) and returns it. */
  jump(): this {
    this.#run((st) => coreExports().rng_jump(st));
    return this;
  }

  /** An independent copy at the same position. */
  clone(): Rng {
    const copy = new Rng(this.seed);
    copy.#state.set(this.#state);
    return copy;
  }

  /** The generator's four state words, to checkpoint a stream. */
  getState(): bigint[] {
    return Array.from(this.#state);
  }

  #fill(
    what: string,
    n: number,
    out: Float64Array | undefined,
    kernel: (ex: CoreExports, state: number, ptr: number, m: number) => void,
  ): Float64Array {
    checkCount(`Rng.${what}`, n);
    if (out !== undefined && !(out instanceof Float64Array && out.length >= n)) {
      throw new TypeError(`Rng.${what}: \`out\` must be a Float64Array of length >= ${n}.`);
    }
    const result = out ?? new Float64Array(n);
    this.#stream(n, kernel, (block, at) => result.set(block, at));
    return result;
  }

  /**
   * Streams `n` uniforms in [0, 1) without copying them out of wasm memory: `consume` gets
   * successive blocks (views of up to 16k values) and the index of each block's first value.
   * The stream advances exactly as `uniform(n)` would. `block` is valid only until `consume`
   * returns: copy what you keep, and call no other bonito function inside `consume` (a memory
   * growth would detach the view).
   * @throws RangeError for a bad count; TypeError when `consume` is not a function.
   * @example
   * ```ts
   * let inside = 0;
   * const rng = new Rng(1);
   * rng.uniformBlocks(2_000_000, (u) => { for (let i = 0; i + 1 < u.length; i += 2) inside += u[i] ** 2 + u[i + 1] ** 2 < 1 ? 1 : 0; });
   * (4 * inside) / 1_000_000; // ≈ π
   * ```
   */
  uniformBlocks(n: number, consume: (block: Float64Array, firstIndex: number) => void): void {
    checkCount('Rng.uniformBlocks', n);
    if (typeof consume !== 'function') {
      throw new TypeError(`Rng.uniformBlocks: \`consume\` must be a function but got ${describeValue(consume)}.`);
    }
    this.#stream(n, (ex, st, ptr, m) => ex.rng_fill_uniform(st, ptr, m), consume);
  }

  /** Runs `kernel` over n values in cache-sized chunks, handing each chunk to `sink`. */
  #stream(
    n: number,
    kernel: (ex: CoreExports, state: number, ptr: number, m: number) => void,
    sink: (block: Float64Array, at: number) => void,
  ): void {
    this.#run((st, s) => {
      // Chunks small enough to stay in cache: the kernel's stores and the consumer's reads then
      // never go to main memory twice, and wasm memory does not grow with n.
      const chunk = Math.min(n, FILL_CHUNK);
      if (chunk === 0) return;
      const ptr = s.f64(chunk);
      const ex = coreExports();
      for (let at = 0; at < n; at += chunk) {
        const m = Math.min(chunk, n - at);
        kernel(ex, st, ptr, m);
        sink(s.viewF64(ptr, m), at);
      }
    });
  }

  /** Copies the state in, runs `fn`, copies the advanced state back. */
  #run<T>(fn: (statePtr: number, s: Scratch) => T): T {
    coreExports(); // throws the "call init()" error before touching memory
    return withScratch((s) => {
      const st = s.alloc(STATE_BYTES);
      s.viewU64(st, 4).set(this.#state);
      const result = fn(st, s);
      this.#state.set(s.viewU64(st, 4));
      return result;
    });
  }
}

/**
 * A child seed from a seed and a path of non-negative integer keys, by chained splitmix64
 * finalisation (a bijective 64-bit mixer): distinct paths give unrelated seeds.
 * @throws RangeError on an invalid seed or a key that is not a non-negative safe integer.
 */
export function deriveSeed(seed: Seed, ...keys: number[]): bigint {
  let h = checkSeed('deriveSeed', seed);
  for (const key of keys) {
    if (!Number.isSafeInteger(key) || key < 0) {
      throw new RangeError(`deriveSeed: every key must be a non-negative safe integer but got ${key}.`);
    }
    h = mix64((h ^ mix64(BigInt(key) + 0x9e3779b97f4a7c15n)) + 0x632be59bd9b4e019n);
  }
  return h;
}

/** Validates a seed and returns it as a bigint. @internal */
export function checkSeed(where: string, seed: unknown): bigint {
  if (typeof seed === 'bigint') {
    if (seed >= 0n && seed <= U64_MASK) return seed;
  } else if (typeof seed === 'number' && Number.isSafeInteger(seed) && seed >= 0) {
    return BigInt(seed);
  }
  throw new RangeError(
    `${where}: \`seed\` must be a non-negative integer below 2^64 (a safe integer number or a bigint) but got ${describeValue(seed)}.`,
  );
}

/** A fresh 53-bit seed from the platform's CSPRNG (a number, so it prints and serialises). @internal */
export function randomSeed(): bigint {
  const words = new Uint32Array(2);
  globalThis.crypto.getRandomValues(words);
  return (BigInt(words[0] & 0x1fffff) << 32n) | BigInt(words[1]);
}

/** A seed as a plain number when it is a safe integer, else as a bigint (for JSON and display). */
export function seedToJson(seed: bigint): number | string {
  return seed <= MAX_SAFE ? Number(seed) : seed.toString();
}

function mix64(x: bigint): bigint {
  let z = x & U64_MASK;
  z = ((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n) & U64_MASK;
  z = ((z ^ (z >> 27n)) * 0x94d049bb133111ebn) & U64_MASK;
  return z ^ (z >> 31n);
}

function checkCount(where: string, n: number): void {
  if (!Number.isSafeInteger(n) || n < 0 || n > 2 ** 28) {
    throw new RangeError(`${where}: \`n\` must be an integer in [0, 2^28] but got ${n}.`);
  }
}
