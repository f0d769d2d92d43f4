import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/core/rng.js';
import { ReferenceXoshiro } from '../../bench/reference/rng.js';

describe('ReferenceXoshiro (the plain-TS benchmark baseline)', () => {
  it('computes the same uniforms as the wasm Rng, so the benchmark compares equal work', () => {
    const rng = new Rng(123);
    const reference = new ReferenceXoshiro(rng.getState());
    const out = new Float64Array(5000);
    reference.fillUniform(out);
    expect(out).toEqual(rng.uniform(5000));
  });
});
