// Plain-TypeScript Sobol' generator: the oracle of test/core/sobol*.test.ts and the baseline of
// bench/sobol.bench.ts. It decodes the same packed table (assets/sobol-directions.bin, format in
// scripts/gen-sobol-table.mjs) and consumes the same xoshiro256** stream for scrambling as the wasm
// kernels, so scrambled output can be compared bit for bit. Written for clarity: one dimension at
// a time, dimension-major direction numbers, no SIMD.

export type ReferenceScramble = 'lms' | 'owen' | false;

const BITS = 32;
const HEADER_COUNTS = 12;

/**
 * Direction numbers of dimensions 1..d from a packed table: `v[j * 32 + k]` = m_{k+1} << (31 - k)
 * of dimension j (0-based), the first dimension being van der Corput's.
 */
export function referenceDirections(table: Uint8Array, d: number): Uint32Array {
  const view = new DataView(table.buffer, table.byteOffset, table.byteLength);
  const maxDegree = view.getUint16(6, true);
  if (d > view.getUint32(8, true)) throw new RangeError(`referenceDirections: the table has fewer than ${d} dimensions.`);
  let pos = (HEADER_COUNTS + 4 * maxDegree) * 8;
  const take = (width: number): number => {
    let value = 0;
    for (let b = 0; b < width; b++, pos++) value |= ((table[pos >>> 3] >>> (pos & 7)) & 1) << b;
    return value >>> 0;
  };
  const degrees: number[] = [];
  for (let s = 1; s <= maxDegree && degrees.length < d - 1; s++) {
    const count = view.getUint32(HEADER_COUNTS + 4 * (s - 1), true);
    for (let c = 0; c < count; c++) degrees.push(s);
  }

  const v = new Uint32Array(d * BITS);
  for (let k = 0; k < BITS; k++) v[k] = 2 ** (31 - k);
  for (let j = 1; j < d; j++) {
    const s = degrees[j - 1];
    const a = take(s - 1);
    const m = [1];
    for (let k = 2; k <= s; k++) m.push((take(k - 1) << 1) | 1);
    // Bratley & Fox's recurrence on m: m_k = 2 a_1 m_{k-1} ^ ... ^ 2^(s-1) a_{s-1} m_{k-s+1} ^ 2^s m_{k-s} ^ m_{k-s},
    // in exact integers (m_k < 2^k <= 2^32), then shifted to 32 bits.
    for (let k = s + 1; k <= BITS; k++) {
      let x = m[k - s - 1] * 2 ** s;
      x = xor(x, m[k - s - 1]);
      for (let i = 1; i < s; i++) {
        if ((a >>> (s - 1 - i)) & 1) x = xor(x, m[k - i - 1] * 2 ** i);
      }
      m.push(x);
    }
    for (let k = 0; k < BITS; k++) v[j * BITS + k] = m[k] * 2 ** (31 - k);
  }
  return v;
}

/** XOR of two non-negative integers below 2^33 (plain `^` truncates to 32 bits). */
function xor(a: number, b: number): number {
  const high = (Math.floor(a / 2 ** 32) ^ Math.floor(b / 2 ** 32)) >>> 0;
  return high * 2 ** 32 + ((a ^ b) >>> 0);
}

/** xoshiro256** seeded by four splitmix64 outputs, as assembly/rng.ts, on 32-bit halves. */
export class ReferenceStream {
  readonly #s = new Uint32Array(8); // word k: high half at 2k, low half at 2k + 1

  constructor(seed: bigint) {
    const mask = (1n << 64n) - 1n;
    let counter = seed;
    for (let k = 0; k < 4; k++) {
      counter = (counter + 0x9e3779b97f4a7c15n) & mask;
      let z = counter;
      z = ((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n) & mask;
      z = ((z ^ (z >> 27n)) * 0x94d049bb133111ebn) & mask;
      z ^= z >> 31n;
      this.#s[2 * k] = Number(z >> 32n);
      this.#s[2 * k + 1] = Number(z & 0xffffffffn);
    }
  }

  /** The next output as [high 32 bits, low 32 bits]. */
  next(): [number, number] {
    const s = this.#s;
    const [ah, al] = timesSmall(s[2], s[3], 5);
    const [bh, bl] = rotl(ah, al, 7);
    const result = timesSmall(bh, bl, 9);
    const th = ((s[2] << 17) | (s[3] >>> 15)) >>> 0;
    const tl = (s[3] << 17) >>> 0;
    s[4] ^= s[0];
    s[5] ^= s[1];
    s[6] ^= s[2];
    s[7] ^= s[3];
    s[2] ^= s[4];
    s[3] ^= s[5];
    s[0] ^= s[6];
    s[1] ^= s[7];
    s[4] ^= th;
    s[5] ^= tl;
    const [rh, rl] = rotl(s[6], s[7], 45);
    s[6] = rh;
    s[7] = rl;
    return result;
  }
}

/** (hi, lo) * k mod 2^64 for a small k. */
function timesSmall(hi: number, lo: number, k: number): [number, number] {
  const low = lo * k; // exact: below 2^36
  return [(Math.imul(hi, k) + Math.floor(low / 2 ** 32)) >>> 0, low >>> 0];
}

function rotl(hi: number, lo: number, k: number): [number, number] {
  if (k >= 32) [hi, lo, k] = [lo, hi, k - 32];
  if (k === 0) return [hi, lo];
  return [((hi << k) | (lo >>> (32 - k))) >>> 0, ((lo << k) | (hi >>> (32 - k))) >>> 0];
}

/** Bit reversal of a 32-bit integer. */
function reverse32(x: number): number {
  let r = 0;
  for (let b = 0; b < 32; b++) r = (r << 1) | ((x >>> b) & 1);
  return r >>> 0;
}

/** Burley's (2020) hash-based Owen scramble of one 32-bit coordinate. */
export function referenceOwen(x: number, seed: number): number {
  let y = reverse32(x);
  y = (y + seed) >>> 0;
  y = (y ^ Math.imul(y, 0x6c50b47c)) >>> 0;
  y = (y ^ Math.imul(y, 0xb82f1e52)) >>> 0;
  y = (y ^ Math.imul(y, 0xc7afe638)) >>> 0;
  y = (y ^ Math.imul(y, 0x8d22f6e6)) >>> 0;
  return reverse32(y);
}

/** A Sobol' sequence in plain TypeScript with the same output as bonito's `Sobol`. */
export class ReferenceSobol {
  readonly d: number;
  /** Direction numbers, dimension-major: v[j * 32 + k]. */
  readonly v: Uint32Array;
  /** Integer point 0 (the digital shift under LMS). */
  readonly base: Uint32Array;
  /** Owen seeds, one per dimension, or null. */
  readonly seeds: Uint32Array | null;
  readonly state: Uint32Array;
  index = 0;

  constructor(table: Uint8Array, d: number, scramble: ReferenceScramble = false, seed = 0n) {
    this.d = d;
    this.v = referenceDirections(table, d);
    this.base = new Uint32Array(d);
    this.seeds = null;
    if (scramble === 'lms') this.#scrambleLms(new ReferenceStream(seed));
    if (scramble === 'owen') {
      const stream = new ReferenceStream(seed);
      this.seeds = Uint32Array.from({ length: d }, () => stream.next()[0]);
    }
    this.state = this.base.slice();
  }

  /** The next n points, row-major, stepping in Gray-code order. */
  random(n: number, out = new Float64Array(n * this.d)): Float64Array {
    const { d, v, state } = this;
    for (let t = 0; t < n; t++) {
      for (let j = 0; j < d; j++) out[t * d + j] = this.#unit(state[j], j);
      this.index++;
      const k = ctz(this.index);
      if (k < BITS) for (let j = 0; j < d; j++) state[j] ^= v[j * BITS + k];
    }
    return out;
  }

  /** Point i by random access (XOR over the bits of gray(i)). */
  point(i: number): Float64Array {
    const x = this.integerPoint(i);
    return Float64Array.from(x, (xj, j) => this.#unit(xj, j));
  }

  /** Integer point i, before any Owen scrambling. */
  integerPoint(i: number): Uint32Array {
    const x = this.base.slice();
    const gray = BigInt(i) ^ (BigInt(i) >> 1n);
    for (let k = 0; k < BITS; k++) {
      if ((gray >> BigInt(k)) & 1n) for (let j = 0; j < this.d; j++) x[j] ^= this.v[j * BITS + k];
    }
    return x;
  }

  fastForward(k: number): this {
    this.index += k;
    this.state.set(this.integerPoint(this.index));
    return this;
  }

  #unit(x: number, j: number): number {
    return (this.seeds ? referenceOwen(x, this.seeds[j]) : x) * 2 ** -32;
  }

  /**
   * Randomness in the kernel's order: per group of four dimensions, the shift (two draws, four
   * 32-bit lanes: low then high half of each), then 32 columns (two draws each).
   */
  #scrambleLms(stream: ReferenceStream): void {
    const { d, v } = this;
    const lanes = (): number[] => {
      const [ah, al] = stream.next();
      const [bh, bl] = stream.next();
      return [al, ah, bl, bh];
    };
    for (let g = 0; g < d; g += 4) {
      const shift = lanes();
      const columns: number[][] = []; // columns[c][lane]
      for (let c = 0; c < BITS; c++) {
        const diag = 2 ** (31 - c);
        columns.push(lanes().map((r) => (diag | (r & (diag - 1))) >>> 0));
      }
      for (let lane = 0; lane < 4 && g + lane < d; lane++) {
        const j = g + lane;
        this.base[j] = shift[lane];
        for (let k = 0; k < BITS; k++) {
          const x = v[j * BITS + k];
          let y = 0;
          for (let c = 0; c < BITS; c++) if ((x >>> (31 - c)) & 1) y ^= columns[c][lane];
          v[j * BITS + k] = y >>> 0;
        }
      }
    }
  }
}

/** Trailing zeros of 1 <= i <= 2^32 (32 for 2^32, the step after the last point). */
function ctz(i: number): number {
  if (i >= 2 ** 32) return 32;
  return 31 - Math.clz32(i & -i);
}
