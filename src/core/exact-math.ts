// exp and log from IEEE-754 additions and multiplications only, so every JavaScript engine gets
// the same bits. `Math.exp`/`Math.log` are not specified to the last bit and do differ (Node 20's
// V8 and Debian's Chromium disagree by an ulp on log-scaled parameters), which would break the
// promise that a seed gives the same trajectory in every runtime.
//
// The method is the classic one of Sun's fdlibm (Tang's table-free reduction): reduce the
// argument by multiples of ln 2 split into a high part exact in few bits and a low correction,
// then a minimax polynomial on the small remainder. The coefficients are the published minimax
// constants; the error stays below one ulp. JavaScript never contracts a*b+c into an FMA, so the
// arithmetic below is bit-reproducible.

const LN2_HI = 6.9314718036912381649e-1; // ln 2 rounded to 32 significant bits: k·LN2_HI is exact
const LN2_LO = 1.90821492927058770002e-10; // ln 2 − LN2_HI
// biome-ignore lint/suspicious/noApproximativeNumericConstant: fdlibm's literal, kept as the reference spells it.
const INV_LN2 = 1.442695040888963387;
const EXP_OVERFLOW = 709.782712893383973096;
const EXP_UNDERFLOW = -745.13321910194110842;
const P1 = 1.66666666666666019037e-1;
const P2 = -2.77777777770155933842e-3;
const P3 = 6.61375632143793436117e-5;
const P4 = -1.6533902205465251539e-6;
const P5 = 4.13813679705723846039e-8;

const LG1 = 6.66666666666673513e-1;
const LG2 = 3.999999999940941908e-1;
const LG3 = 2.857142874366239149e-1;
const LG4 = 2.222219843214978396e-1;
const LG5 = 1.818357216161805012e-1;
const LG6 = 1.531383769920937332e-1;
const LG7 = 1.479819860511658591e-1;
const TWO_54 = 18014398509481984;

// One double viewed as two 32-bit words; HIGH picks the word holding the sign and exponent on this
// platform's byte order. Typed-array access is much faster than a DataView in exactLog's hot path.
const word = new Float64Array(1);
const words = new Uint32Array(word.buffer);
const HIGH = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0;

/**
 * 2^k for every integer k in [-1074, 1023], built by doubling and halving (exact: every power of
 * two in that range is a double). A lookup is several times faster than writing the exponent bits
 * through a DataView, which matters where exactExp runs millions of times (TPE's mixtures).
 */
const POW2 = (() => {
  const table = new Float64Array(1074 + 1024);
  table[1074] = 1;
  for (let k = 1; k <= 1023; k++) table[1074 + k] = table[1074 + k - 1] * 2;
  for (let k = -1; k >= -1074; k--) table[1074 + k] = table[1074 + k + 1] / 2;
  return table;
})();

/** 2^k for an integer k in [-1074, 1023], exactly. */
function pow2(k: number): number {
  return POW2[k + 1074];
}

/**
 * e^x, reproducible to the bit in every engine, within one ulp of the true value.
 * @param x - any number.
 * @returns e^x (0 below −745.13, Infinity above 709.78, NaN for NaN).
 * @example
 * ```ts
 * exactExp(1); // 2.718281828459045
 * ```
 */
export function exactExp(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x > EXP_OVERFLOW) return Infinity;
  if (x < EXP_UNDERFLOW) return 0;
  if (Math.abs(x) < 2 ** -28) return 1 + x;
  const k = Math.round(x * INV_LN2);
  const hi = x - k * LN2_HI;
  const lo = k * LN2_LO;
  const r = hi - lo;
  const r2 = r * r;
  const c = r - r2 * (P1 + r2 * (P2 + r2 * (P3 + r2 * (P4 + r2 * P5))));
  const y = 1 - (lo - (r * c) / (2 - c) - hi);
  // Scaling in two steps keeps 2^k representable near the overflow and subnormal ends.
  if (k > 1000) return y * pow2(k - 1000) * pow2(1000);
  if (k < -1000) return y * pow2(k + 1000) * pow2(-1000);
  return y * pow2(k);
}

/**
 * The natural logarithm, reproducible to the bit in every engine, within one ulp.
 * @param x - any number.
 * @returns ln x (−Infinity at 0, NaN below 0 or for NaN, Infinity at Infinity).
 * @example
 * ```ts
 * exactLog(10); // 2.302585092994046
 * ```
 */
export function exactLog(x: number): number {
  if (Number.isNaN(x) || x < 0) return NaN;
  if (x === 0) return -Infinity;
  if (x === Infinity) return Infinity;
  let k = 0;
  if (x < 2 ** -1022) {
    x *= TWO_54;
    k -= 54;
  }
  word[0] = x;
  const high = words[HIGH];
  k += (high >>> 20) - 1023;
  // Mantissa m in [√2/2, √2): f = m − 1 stays small, which the polynomial needs.
  let mantissaHigh = high & 0x000fffff;
  const aboveSqrt2 = mantissaHigh + 0x95f64 >= 0x100000;
  if (aboveSqrt2) k += 1;
  mantissaHigh |= aboveSqrt2 ? 0x3fe00000 : 0x3ff00000;
  words[HIGH] = mantissaHigh;
  const f = word[0] - 1;
  if (f === 0) return k * LN2_HI + k * LN2_LO;
  const s = f / (2 + f);
  const z = s * s;
  const w = z * z;
  const t1 = w * (LG2 + w * (LG4 + w * LG6));
  const t2 = z * (LG1 + w * (LG3 + w * (LG5 + w * LG7)));
  const R = t2 + t1;
  const hfsq = 0.5 * f * f;
  return k * LN2_HI - (hfsq - (s * (hfsq + R) + k * LN2_LO) - f);
}
