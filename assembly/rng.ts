// Seeded pseudo-random streams. State lives in caller-owned memory (4 x u64 at `state`), never in
// globals, so one study can hold many independent, jumpable streams.
//
// splitmix64: G. Steele, D. Lea, C. Flood, "Fast splittable pseudorandom number generators",
//   OOPSLA 2014 (used only to expand a seed into a xoshiro state).
// xoshiro256**: D. Blackman, S. Vigna, "Scrambled linear pseudorandom number generators",
//   ACM TOMS 47 (2021); jump polynomial for 2^128 steps from the same paper.

import { ndtri } from './special';

// @ts-ignore: decorator
@inline const GOLDEN_GAMMA: u64 = 0x9E3779B97F4A7C15;
// @ts-ignore: decorator
@inline const TWO_POW_M53: f64 = reinterpret<f64>(0x3CA0000000000000); // 2^-53

/** Advances the splitmix64 counter at `counter` and returns its next output. */
export function splitmix64(counter: usize): u64 {
  let z = load<u64>(counter) + GOLDEN_GAMMA;
  store<u64>(counter, z);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EB;
  return z ^ (z >> 31);
}

/** Fills the xoshiro256** state at `state` from four splitmix64 outputs of `seed`. */
export function xoshiroSeed(state: usize, seed: u64): void {
  // The counter lives in the first state word while it is being overwritten, in order.
  store<u64>(state, seed);
  const s0 = splitmix64(state);
  const s1 = splitmix64(state);
  const s2 = splitmix64(state);
  const s3 = splitmix64(state);
  store<u64>(state, s0);
  store<u64>(state, s1, 8);
  store<u64>(state, s2, 16);
  store<u64>(state, s3, 24);
}

/** Next 64-bit output of the xoshiro256** stream at `state`. */
// @ts-ignore: decorator
@inline export function xoshiroNext(state: usize): u64 {
  const s0 = load<u64>(state);
  let s1 = load<u64>(state, 8);
  let s2 = load<u64>(state, 16);
  let s3 = load<u64>(state, 24);
  const result = rotl<u64>(s1 * 5, 7) * 9;
  const t = s1 << 17;
  s2 ^= s0;
  s3 ^= s1;
  s1 ^= s2;
  store<u64>(state, s0 ^ s3);
  store<u64>(state, s1, 8);
  store<u64>(state, s2 ^ t, 16);
  store<u64>(state, rotl<u64>(s3, 45), 24);
  return result;
}

/** Uniform in [0, 1) from the top 53 bits: every value is a multiple of 2^-53. */
// @ts-ignore: decorator
@inline export function xoshiroUniform(state: usize): f64 {
  return <f64>(<i64>(xoshiroNext(state) >> 11)) * TWO_POW_M53;
}

// Lookup data for the 2^128-step jump polynomial (Blackman & Vigna, xoshiro256**.c).
// @ts-ignore: decorator
@lazy @inline const JUMP = memory.data<u64>([
  0x180EC6D33CFD0ABA, 0xD5A61266F0C9392C, 0xA9582618E03FC9AA, 0x39ABDC4529B1661C,
]);

/** Advances the stream by 2^128 steps: 2^128 non-overlapping subsequences for parallel use. */
export function xoshiroJump(state: usize): void {
  let j0: u64 = 0, j1: u64 = 0, j2: u64 = 0, j3: u64 = 0;
  for (let i = 0; i < 4; i++) {
    const word = load<u64>(JUMP + (<usize>i << 3));
    for (let b = 0; b < 64; b++) {
      if (word & (<u64>1 << <u64>b)) {
        j0 ^= load<u64>(state);
        j1 ^= load<u64>(state, 8);
        j2 ^= load<u64>(state, 16);
        j3 ^= load<u64>(state, 24);
      }
      xoshiroNext(state);
    }
  }
  store<u64>(state, j0);
  store<u64>(state, j1, 8);
  store<u64>(state, j2, 16);
  store<u64>(state, j3, 24);
}

// ---- exported kernels ------------------------------------------------------------------------

export function rng_seed(state: usize, seed: u64): void {
  xoshiroSeed(state, seed);
}

export function rng_jump(state: usize): void {
  xoshiroJump(state);
}

// @ts-ignore: decorator
@inline const FILL_U64: i32 = 0;
// @ts-ignore: decorator
@inline const FILL_UNIFORM: i32 = 1;
// @ts-ignore: decorator
@inline const FILL_NORMAL: i32 = 2;

// The stream is advanced in locals and written back once: stores to `out` could alias the state
// in memory, which would otherwise force a reload of all four words on every draw (3x slower).
// @ts-ignore: decorator
@inline function fill(state: usize, out: usize, n: i32, mode: i32): void {
  let s0 = load<u64>(state);
  let s1 = load<u64>(state, 8);
  let s2 = load<u64>(state, 16);
  let s3 = load<u64>(state, 24);
  for (let i = 0; i < n; i++) {
    const x = rotl<u64>(s1 * 5, 7) * 9;
    const t = s1 << 17;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= t;
    s3 = rotl<u64>(s3, 45);
    const at = out + (<usize>i << 3);
    if (mode == FILL_U64) {
      store<u64>(at, x);
    } else if (mode == FILL_UNIFORM) {
      // x >> 11 < 2^53: the signed conversion is exact and one instruction (unsigned needs a fix-up).
      store<f64>(at, <f64>(<i64>(x >> 11)) * TWO_POW_M53);
    } else {
      // u = (k + 1/2)·2^-53 is never 0 or 1, so every normal is finite.
      store<f64>(at, ndtri((<f64>(<i64>(x >> 11)) + 0.5) * TWO_POW_M53));
    }
  }
  store<u64>(state, s0);
  store<u64>(state, s1, 8);
  store<u64>(state, s2, 16);
  store<u64>(state, s3, 24);
}

/** Writes `n` raw 64-bit outputs to `out` (for oracles and for deriving child seeds). */
export function rng_fill_u64(state: usize, out: usize, n: i32): void {
  fill(state, out, n, FILL_U64);
}

/** Writes `n` uniforms in [0, 1) to `out`. */
export function rng_fill_uniform(state: usize, out: usize, n: i32): void {
  fill(state, out, n, FILL_UNIFORM);
}

/**
 * Writes `n` standard normals to `out` by inversion, Φ⁻¹(u): one uniform per normal, and the same
 * bits in every engine because ndtri runs in wasm.
 */
export function rng_fill_normal(state: usize, out: usize, n: i32): void {
  fill(state, out, n, FILL_NORMAL);
}

/**
 * Writes `n` integers uniform on [lo, lo + range) as f64, unbiased. range <= 2^32 uses Lemire's
 * multiply-shift with rejection ("Fast random integer generation in an interval", ACM TOMACS
 * 2019); larger ranges (up to 2^53) use bit-mask rejection, under two draws on average.
 */
export function rng_fill_integers(state: usize, out: usize, n: i32, lo: f64, range: u64): void {
  if (range <= <u64>0x100000000) {
    const threshold: u64 = (<u64>0x100000000 - range) % range;
    for (let i = 0; i < n; i++) {
      let m = (xoshiroNext(state) >> 32) * range;
      while ((m & <u64>0xFFFFFFFF) < threshold) m = (xoshiroNext(state) >> 32) * range;
      store<f64>(out + (<usize>i << 3), lo + <f64>(m >> 32));
    }
  } else {
    const mask = (<u64>-1) >> clz<u64>(range - 1);
    for (let i = 0; i < n; i++) {
      let x = xoshiroNext(state) & mask;
      while (x >= range) x = xoshiroNext(state) & mask;
      store<f64>(out + (<usize>i << 3), lo + <f64>x);
    }
  }
}
