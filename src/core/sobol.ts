import { BonitoError, describeValue } from '../errors.js';
import { coreExports } from './loader.js';
import { SOBOL_OK } from './exports.js';
import { withScratch, type Scratch } from './memory.js';
import { checkSeed, randomSeed, type Seed } from './rng.js';
import { EMBEDDED_SOBOL_DIMENSIONS, MAX_SOBOL_DIMENSIONS, sobolDirectionTable, tableDimensions } from './sobol-directions.js';

/** How a `Sobol` sequence is randomized: `'lms'` (linear matrix scramble + digital shift, scipy's `scramble=True`), `'owen'` (hash-based nested uniform scrambling) or `false`. */
export type SobolScramble = 'lms' | 'owen' | false;

/** Options of `new Sobol(d, options)` and `sobolPoint`. */
export interface SobolOptions {
  /** Randomization; default `'lms'`. `true` means `'lms'`. */
  scramble?: SobolScramble | true;
  /** Seed of the scrambling: a non-negative integer below 2^64. Default: drawn from `crypto.getRandomValues`. */
  seed?: Seed;
  /** Warn when the first draw is not a power of two (default `true`). */
  warn?: boolean;
}

const BITS = 32;
/** At most 2^32 points: the state has 32 bits. */
const MAX_POINTS = 2 ** 32;
// Values per kernel call: 128 KB of f64 stays in cache while it is copied out.
const CHUNK_VALUES = 1 << 14;
const LMS_WORK_BYTES = BITS * 16;
const RNG_BYTES = 32;

/**
 * A Sobol' low-discrepancy sequence in [0, 1)^d, generated in wasm with 32-bit integer state in
 * Gray-code order (Joe & Kuo's new-joe-kuo-6.21201 direction numbers, up to 21201 dimensions).
 * Unscrambled, point i is bit-identical to `scipy.stats.qmc.Sobol(d, scramble=False)` for i < 2^30.
 * Every randomization keeps the net property: each aligned block of 2^m points puts exactly one
 * point in each interval [k/2^m, (k+1)/2^m) of every dimension.
 *
 * @example
 * ```ts
 * import { init, Sobol } from 'bonito';
 * await init();
 * const sobol = new Sobol(3, { scramble: false });
 * sobol.random(4); // Float64Array [0, 0, 0, 0.5, 0.5, 0.5, 0.75, 0.25, 0.25, 0.25, 0.75, 0.75]
 * ```
 */
export class Sobol {
  /** The scrambling seed (drawn from `crypto.getRandomValues` when omitted; unused when `scramble` is false). */
  readonly seed: bigint;
  /** The randomization in use. */
  readonly scramble: SobolScramble;
  /** Dimensions. */
  readonly #d: number;
  /** `d` rounded up to whole v128 lanes. */
  readonly #stride: number;
  /** Direction numbers, 32 rows of `stride` (row k: bit k of every dimension), scrambled. */
  readonly #v: Uint32Array;
  /** Integer point 0: the digital shift under `'lms'`, else zeros. */
  readonly #base: Uint32Array;
  /** Per-dimension Owen seeds under `'owen'`. */
  readonly #seeds: Uint32Array | null;
  /** Integer point number `#index`, the next one emitted. */
  readonly #state: Uint32Array;
  readonly #warn: boolean;
  #index = 0;
  #warned = false;

  /**
   * @param d - dimensions, an integer in [1, 21201]; above 4096 call `await loadSobolDirections()` first.
   * @param options - `scramble` (default `'lms'`), `seed`, `warn`.
   * @throws TypeError when `d` is not a number or an option has the wrong kind; RangeError when `d`
   *   or `seed` is out of range; BonitoError when `d` > 4096 and the full table is not loaded;
   *   NotInitializedError before `init()`.
   */
  constructor(d: number, options: SobolOptions = {}) {
    checkDimension('Sobol', d);
    this.scramble = checkScramble(options.scramble);
    if (options.warn !== undefined && typeof options.warn !== 'boolean') {
      throw new TypeError(`Sobol: \`warn\` must be a boolean but got ${describeValue(options.warn)}.`);
    }
    this.#warn = options.warn ?? true;
    this.seed = options.seed === undefined ? randomSeed() : checkSeed('Sobol', options.seed);
    const table = tableFor(d);
    const ex = coreExports();

    this.#d = d;
    this.#stride = Math.ceil(d / 4) * 4;
    const stride = this.#stride;
    this.#v = new Uint32Array(BITS * stride);
    this.#base = new Uint32Array(stride);
    this.#state = new Uint32Array(stride);
    this.#seeds = this.scramble === 'owen' ? new Uint32Array(stride) : null;
    withScratch((s) => {
      const tablePtr = table ? s.alloc(table.length) : ex.sobol_embedded_table();
      if (table) new Uint8Array(ex.memory.buffer, tablePtr, table.length).set(table);
      const v = s.alloc(this.#v.byteLength);
      if (ex.sobol_directions(tablePtr, d, stride, v) !== SOBOL_OK) throw internalError('sobol_directions');
      if (this.scramble !== false) {
        const rng = s.alloc(RNG_BYTES);
        ex.rng_seed(rng, this.seed);
        if (this.scramble === 'lms') {
          const shift = s.u32(stride);
          if (ex.sobol_scramble_lms(v, d, stride, shift, rng, s.alloc(LMS_WORK_BYTES)) !== SOBOL_OK) {
            throw internalError('sobol_scramble_lms');
          }
          this.#base.set(s.viewU32(shift, stride));
        } else {
          const seeds = s.u32(stride);
          ex.sobol_owen_seeds(seeds, d, stride, rng);
          this.#seeds!.set(s.viewU32(seeds, stride));
        }
      }
      this.#v.set(s.viewU32(v, this.#v.length));
    });
    this.#state.set(this.#base);
  }

  /** Dimensions of every point. */
  get d(): number {
    return this.#d;
  }

  /** How many points have been drawn or skipped: the number of the next point. */
  get index(): number {
    return this.#index;
  }

  /**
   * The next `n` points, row-major (point after point, `d` values each), and advances by `n`.
   * The first draw warns once, through `console.warn`, when `n` is not a power of two, because
   * only powers of two keep the balance properties (silence it with `{ warn: false }`).
   *
   * @param n - number of points, a non-negative integer; the total drawn may not exceed 2^32.
   * @param out - optional array to write into (its first `n * d` values) instead of a new one;
   *   reusing one array across calls saves the cost of fresh memory on large draws.
   * @returns `out`, or a new `Float64Array` of `n * d` values in [0, 1).
   * @throws RangeError when `n` is not a non-negative integer, the total would exceed 2^32, or
   *   `out` is too short; TypeError when `out` is not a Float64Array.
   * @example
   * ```ts
   * const x = new Sobol(2, { seed: 1 }).random(8); // 8 points: x[2 * i + j] is dimension j of point i
   * ```
   */
  random(n: number, out?: Float64Array): Float64Array {
    this.#checkCount('Sobol.random', 'n', n);
    if (out !== undefined) {
      if (!(out instanceof Float64Array)) {
        throw new TypeError(`Sobol.random: \`out\` must be a Float64Array but got ${describeValue(out)}.`);
      }
      if (out.length < n * this.#d) {
        throw new RangeError(`Sobol.random: \`out\` must hold at least n * d = ${n * this.#d} values but got ${out.length}.`);
      }
    }
    if (this.#index === 0 && n > 0 && !isPowerOfTwo(n) && this.#warn && !this.#warned) {
      this.#warned = true;
      console.warn(
        `Sobol: the balance properties of Sobol' points require n to be a power of 2 but the first draw got n=${n}; pass \`{ warn: false }\` to silence this warning.`,
      );
    }
    return this.#generate(n, out);
  }

  /**
   * The next 2^m points, like `random(2 ** m)`, for a total that stays a power of two.
   *
   * @param m - base-2 logarithm of the number of points, an integer in [0, 32].
   * @returns a new `Float64Array` of `2^m * d` values.
   * @throws RangeError when `m` is out of range, when the total drawn would not be a power of two,
   *   or when it would exceed 2^32.
   * @example
   * ```ts
   * const sobol = new Sobol(5, { seed: 3 });
   * sobol.randomBase2(4); // 16 points
   * sobol.randomBase2(4); // 16 more: 32 in total
   * ```
   */
  randomBase2(m: number): Float64Array {
    if (!Number.isInteger(m) || m < 0 || m > BITS) {
      throw new RangeError(`Sobol.randomBase2: \`m\` must be an integer in [0, 32] but got ${describeValue(m)}.`);
    }
    const n = 2 ** m;
    this.#checkCount('Sobol.randomBase2', '2^m', n);
    const total = this.#index + n;
    if (!isPowerOfTwo(total)) {
      throw new RangeError(
        `Sobol.randomBase2: \`m\` must make the total a power of two (${this.#index} points drawn before) but got m=${m}, a total of ${total}; use random(n) to draw anyway.`,
      );
    }
    return this.#generate(n);
  }

  /**
   * Skips `k` points in O(32 · d) time, whatever `k` is (random access, not stepping).
   *
   * @param k - number of points to skip, a non-negative integer; the total may not exceed 2^32.
   * @returns this sequence, for chaining.
   * @throws RangeError when `k` is not a non-negative integer or the total would exceed 2^32.
   * @example
   * ```ts
   * const sobol = new Sobol(4, { seed: 9 });
   * sobol.fastForward(1024).random(2); // points 1024 and 1025
   * ```
   */
  fastForward(k: number): this {
    this.#checkCount('Sobol.fastForward', 'k', k);
    this.#index += k;
    if (this.#index < MAX_POINTS) this.#seekInto(this.#state, this.#index);
    return this;
  }

  /**
   * Returns to the first point, keeping the scrambling.
   * @returns this sequence, for chaining.
   * @example
   * ```ts
   * const sobol = new Sobol(2, { seed: 5 });
   * const a = sobol.random(4);
   * sobol.reset().random(4); // the same points as `a`
   * ```
   */
  reset(): this {
    this.#index = 0;
    this.#state.set(this.#base);
    return this;
  }

  /**
   * Point `i` of this sequence by random access, without moving the sequence.
   *
   * @param i - the point's number, an integer in [0, 2^32).
   * @returns a new `Float64Array` of `d` values.
   * @throws RangeError when `i` is out of range.
   * @example
   * ```ts
   * new Sobol(3, { scramble: false }).point(1); // Float64Array [0.5, 0.5, 0.5]
   * ```
   */
  point(i: number): Float64Array {
    if (!Number.isInteger(i) || i < 0 || i >= MAX_POINTS) {
      throw new RangeError(`Sobol.point: \`i\` must be an integer in [0, 2^32) but got ${describeValue(i)}.`);
    }
    const state = new Uint32Array(this.#stride);
    this.#seekInto(state, i);
    return this.#emit(state, i, 1);
  }

  /**
   * Streams the next `n` points without copying them out of wasm memory: `consume` gets
   * successive blocks (about 16k values each, `block.length / d` points, row-major) and the
   * number of the block's first point. The fastest way to use many points (a Monte Carlo sum, a
   * histogram): values are read while still in cache, and nothing of size n is allocated.
   *
   * `block` is a view into wasm memory, valid only until `consume` returns: copy what you keep,
   * and do not call other bonito functions inside `consume` (they may grow the memory, which
   * detaches the view). The sequence advances exactly as `random(n)` would advance it.
   *
   * @param n - the number of points, as for `random`.
   * @param consume - called once per block, in order.
   * @throws RangeError as `random` does.
   * @example
   * ```ts
   * let sum = 0;
   * new Sobol(2, { seed: 1 }).blocks(1 << 20, (block) => { for (const v of block) sum += v; });
   * sum / (2 << 20); // ≈ 0.5
   * ```
   */
  blocks(n: number, consume: (block: Float64Array, firstPoint: number) => void): void {
    this.#checkCount('Sobol.blocks', 'n', n);
    if (typeof consume !== 'function') {
      throw new TypeError(`Sobol.blocks: \`consume\` must be a function but got ${describeValue(consume)}.`);
    }
    this.#stream(this.#state, this.#index, n, consume);
    this.#index += n;
  }

  #generate(n: number, out?: Float64Array): Float64Array {
    const result = this.#emit(this.#state, this.#index, n, out);
    this.#index += n;
    return result;
  }

  /** Emits n points starting with integer point `state` = x_index, advancing `state` in place. */
  #emit(state: Uint32Array, index: number, n: number, into?: Float64Array): Float64Array {
    const d = this.#d;
    const out = into ?? new Float64Array(n * d);
    this.#stream(state, index, n, (block, first) => out.set(block, (first - index) * d));
    return out;
  }

  /** Generates n points from integer point `state` = x_index in cache-sized blocks, advancing `state`. */
  #stream(state: Uint32Array, index: number, n: number, sink: (block: Float64Array, firstPoint: number) => void): void {
    if (n === 0) return;
    const d = this.#d;
    const stride = this.#stride;
    const ex = coreExports();
    withScratch((s) => {
      const v = this.#rows(s, rowsFor(index + n));
      const st = s.u32(stride, state);
      const seeds = this.#seeds ? s.u32(stride, this.#seeds) : 0;
      const chunk = Math.max(1, Math.floor(CHUNK_VALUES / d));
      const buffer = s.f64(Math.min(chunk, n) * d + 3); // +3: the kernel writes whole v128 lanes
      for (let done = 0; done < n; done += chunk) {
        const count = Math.min(chunk, n - done);
        ex.sobol_fill(v, d, stride, st, index + done, count, buffer, seeds);
        sink(s.viewF64(buffer, count * d), index + done);
      }
      state.set(s.viewU32(st, stride));
    });
  }

  /** Sets `state` to integer point `i` by random access. */
  #seekInto(state: Uint32Array, i: number): void {
    const ex = coreExports();
    withScratch((s) => {
      const v = this.#rows(s, rowsFor(i));
      const base = s.u32(this.#stride, this.#base);
      const st = s.u32(this.#stride);
      ex.sobol_seek(v, this.#stride, base, i, st);
      state.set(s.viewU32(st, this.#stride));
    });
  }

  /** Copies the first `rows` rows of direction numbers into scratch: later rows go unread. */
  #rows(s: Scratch, rows: number): number {
    return s.u32(rows * this.#stride, this.#v.subarray(0, rows * this.#stride));
  }

  #checkCount(where: string, name: string, n: number): void {
    if (!Number.isInteger(n) || n < 0 || this.#index + n > MAX_POINTS) {
      throw new RangeError(
        `${where}: \`${name}\` must be a non-negative integer keeping the total at most 2^32 points (${this.#index} drawn before) but got ${describeValue(n)}.`,
      );
    }
  }
}

/**
 * Point `i` of the Sobol' sequence `new Sobol(d, options)` defines, by random access.
 *
 * @param d - dimensions, an integer in [1, 21201].
 * @param i - the point's number, an integer in [0, 2^32).
 * @param options - as for `new Sobol`: pass the same `seed` to get the same scrambled sequence.
 * @returns a new `Float64Array` of `d` values in [0, 1).
 * @throws as `new Sobol(d, options)` and `Sobol.point(i)` do.
 * @example
 * ```ts
 * sobolPoint(2, 3, { scramble: false }); // Float64Array [0.25, 0.75]
 * ```
 */
export function sobolPoint(d: number, i: number, options: SobolOptions = {}): Float64Array {
  return new Sobol(d, { ...options, warn: false }).point(i);
}

function isPowerOfTwo(x: number): boolean {
  return x > 0 && 2 ** Math.round(Math.log2(x)) === x;
}

/** Rows of direction numbers read while reaching point `end`: the bit length of `end`, at least 1. */
function rowsFor(end: number): number {
  if (end >= MAX_POINTS) return BITS;
  return Math.max(1, BITS - Math.clz32(end));
}

function checkDimension(where: string, d: unknown): asserts d is number {
  if (typeof d !== 'number') throw new TypeError(`${where}: \`d\` must be a number but got ${describeValue(d)}.`);
  if (!Number.isInteger(d) || d < 1 || d > MAX_SOBOL_DIMENSIONS) {
    throw new RangeError(`${where}: \`d\` must be an integer in [1, ${MAX_SOBOL_DIMENSIONS}] but got ${d}.`);
  }
}

function checkScramble(scramble: unknown): SobolScramble {
  if (scramble === undefined || scramble === true) return 'lms';
  if (scramble === 'lms' || scramble === 'owen' || scramble === false) return scramble;
  throw new TypeError(`Sobol: \`scramble\` must be 'lms', 'owen', true or false but got ${describeValue(scramble)}.`);
}

/** The full table when `d` needs it, null for the embedded one. */
function tableFor(d: number): Uint8Array | null {
  if (d <= EMBEDDED_SOBOL_DIMENSIONS) return null;
  const table = sobolDirectionTable();
  if (!table) {
    throw new BonitoError(
      `Sobol: \`d\` above ${EMBEDDED_SOBOL_DIMENSIONS} needs the full direction table, loaded by \`await loadSobolDirections()\`, but got ${d}.`,
    );
  }
  if (d > tableDimensions(table)) {
    throw new RangeError(`Sobol: \`d\` must be at most ${tableDimensions(table)}, the dimensions of the loaded table, but got ${d}.`);
  }
  return table;
}

function internalError(kernel: string): Error {
  return new BonitoError(`Sobol: internal error: ${kernel} rejected its arguments.`);
}
