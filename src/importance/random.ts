// The forest's random numbers in plain TypeScript: importances are computed where the wasm module
// may not be loaded (a report or a dashboard reading a journal), and they need no more than
// bootstrap draws and feature orders. sfc32 (Chris Doty-Humphrey's small fast counter) seeded
// from `deriveSeed(seed, tree)`, so each tree has its own stream and the result is a pure function
// of the trials and the seed, the same in every engine.
import { deriveSeed, type Seed } from '../core/rng.js';

/** A seeded stream of 32-bit draws for one tree. @internal */
export class TreeRandom {
  #a: number;
  #b: number;
  #c: number;
  #d = 1;

  constructor(seed: Seed, tree: number) {
    const s = deriveSeed(seed, tree);
    this.#a = Number(s & 0xffffffffn) | 0;
    this.#b = Number((s >> 32n) & 0xffffffffn) | 0;
    this.#c = 0x9e3779b9 | 0;
    // The generator's authors advise discarding the first outputs so the seed's bits mix.
    for (let i = 0; i < 12; i++) this.next32();
  }

  /** The next draw, an unsigned 32-bit integer. */
  next32(): number {
    const t = (((this.#a + this.#b) | 0) + this.#d) | 0;
    this.#d = (this.#d + 1) | 0;
    this.#a = this.#b ^ (this.#b >>> 9);
    this.#b = (this.#c + (this.#c << 3)) | 0;
    this.#c = (this.#c << 21) | (this.#c >>> 11);
    this.#c = (this.#c + t) | 0;
    return t >>> 0;
  }

  /** An integer uniform on [0, n) for n ≤ 2^32 (bias below n / 2^32, nothing next to a forest's noise). */
  below(n: number): number {
    return Math.floor((this.next32() / 4294967296) * n);
  }
}
