// The same computation in every runtime: known RNG vectors (and, once present, a Sobol block)
// from the one .wasm. Runtime tests compare what each engine returns with Node's answer bit for bit.
import { Rng } from '../../src/index.js';

export interface ProbeResult {
  uniform: number[];
  normal: number[];
  integers: number[];
  jumped: number[];
}

export function probe(): ProbeResult {
  return {
    uniform: Array.from(new Rng(42).uniform(8)),
    normal: Array.from(new Rng(42).normal(8)),
    integers: Array.from(new Rng(7).integers(8, -50, 50)),
    jumped: Array.from(new Rng(42).jump().uniform(4)),
  };
}
