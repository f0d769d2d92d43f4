// Distances in units in the last place, for accuracy checks of the special functions.

const buf = new DataView(new ArrayBuffer(8));

/** The double's position on the number line of all doubles (monotone in x, 0 at ±0). */
function ordinal(x: number): bigint {
  buf.setFloat64(0, x);
  const bits = buf.getBigInt64(0);
  return bits < 0n ? -(bits & 0x7fffffffffffffffn) : bits;
}

/**
 * How many doubles lie between a and b (0 when equal, also for ±0; Infinity when either is NaN
 * and the other is not). Subnormals count steps of 2^-1074, so this is an absolute error there.
 */
export function ulpDistance(a: number, b: number): number {
  if (Number.isNaN(a) || Number.isNaN(b)) return Number.isNaN(a) && Number.isNaN(b) ? 0 : Infinity;
  const d = ordinal(a) - ordinal(b);
  return Number(d < 0n ? -d : d);
}
