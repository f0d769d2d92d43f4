// Plain-TypeScript xoshiro256** uniform fill: the baseline for bench/rng.bench.ts. It works on two
// 32-bit halves per word because BigInt arithmetic would measure BigInt, not the algorithm.
export class ReferenceXoshiro {
  // s[2k] = high 32 bits of word k, s[2k+1] = low 32 bits
  private readonly s = new Uint32Array(8);

  constructor(words: readonly bigint[]) {
    words.forEach((w, k) => {
      this.s[2 * k] = Number(w >> 32n);
      this.s[2 * k + 1] = Number(w & 0xffffffffn);
    });
  }

  fillUniform(out: Float64Array): void {
    const s = this.s;
    for (let i = 0; i < out.length; i++) {
      // result = rotl(s1 * 5, 7) * 9 in 64-bit arithmetic on (hi, lo) pairs
      const [mh, ml] = mul64(s[2], s[3], 5);
      const [rh, rl] = rotl64(mh, ml, 7);
      const [oh, ol] = mul64(rh, rl, 9);
      out[i] = ((oh >>> 0) * 2 ** 21 + (ol >>> 11)) * 2 ** -53;
      // t = s1 << 17
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
      const [xh, xl] = rotl64(s[6], s[7], 45);
      s[6] = xh;
      s[7] = xl;
    }
  }
}

function mul64(hi: number, lo: number, k: number): [number, number] {
  const l = (lo & 0xffff) * k;
  const m = (lo >>> 16) * k + (l >>> 16);
  const low = ((m << 16) | (l & 0xffff)) >>> 0;
  const high = (Math.imul(hi, k) + Math.floor(m / 65536)) >>> 0;
  return [high, low];
}

function rotl64(hi: number, lo: number, k: number): [number, number] {
  if (k >= 32) {
    [hi, lo] = [lo, hi];
    k -= 32;
  }
  if (k === 0) return [hi >>> 0, lo >>> 0];
  return [((hi << k) | (lo >>> (32 - k))) >>> 0, ((lo << k) | (hi >>> (32 - k))) >>> 0];
}
