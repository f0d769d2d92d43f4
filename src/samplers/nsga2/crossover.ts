// How NSGA-II makes a child from two parents, over the joint search space in external values.
import type { Distribution, ParamValue, SearchSpace } from '../../space/distributions.js';
import { decodeValue, encodeValue } from '../../space/transform.js';
import { nameRecord } from '../../space/record.js';

/** A source of uniforms in [0, 1) for one child. */
export type Uniform = () => number;

/** The crossovers NSGAIISampler offers. */
export type CrossoverName = 'uniform' | 'sbx';

/**
 * Uniform crossover (Syswerda 1989): each parameter comes from the second parent with
 * probability `swappingProb`, else from the first.
 */
export function uniformCrossover(
  space: SearchSpace,
  a: Readonly<Record<string, ParamValue>>,
  b: Readonly<Record<string, ParamValue>>,
  swappingProb: number,
  u: Uniform,
): Record<string, ParamValue> {
  const child = nameRecord<ParamValue>();
  for (const name of Object.keys(space)) child[name] = u() < swappingProb ? b[name] : a[name];
  return child;
}

/**
 * Simulated binary crossover (Deb & Agrawal 1995) with distribution index `eta`, on each numeric
 * parameter's position in the unit interval (log parameters in log space), bounded to [0, 1];
 * categoricals take either parent's choice with equal probability.
 */
export function sbxCrossover(
  space: SearchSpace,
  a: Readonly<Record<string, ParamValue>>,
  b: Readonly<Record<string, ParamValue>>,
  eta: number,
  u: Uniform,
): Record<string, ParamValue> {
  const child = nameRecord<ParamValue>();
  for (const [name, d] of Object.entries(space) as [string, Distribution][]) {
    if (d.kind === 'categorical') {
      child[name] = u() < 0.5 ? a[name] : b[name];
      continue;
    }
    const x1 = encodeValue(d, a[name]);
    const x2 = encodeValue(d, b[name]);
    child[name] = decodeValue(d, Math.min(Math.max(sbxChild(x1, x2, eta, u), 0), 1 - 2 ** -53));
  }
  return child;
}

/** One SBX child of x1 and x2 in [0, 1], with the bounded spread of Deb's reference code. */
function sbxChild(x1: number, x2: number, eta: number, u: Uniform): number {
  if (Math.abs(x1 - x2) < 1e-14) return x1;
  const lo = Math.min(x1, x2);
  const hi = Math.max(x1, x2);
  const r = u();
  const spread = (beta: number) => {
    const alpha = 2 - beta ** -(eta + 1);
    return r <= 1 / alpha ? (r * alpha) ** (1 / (eta + 1)) : (1 / (2 - r * alpha)) ** (1 / (eta + 1));
  };
  const c1 = 0.5 * (lo + hi - spread(1 + (2 * lo) / (hi - lo)) * (hi - lo));
  const c2 = 0.5 * (lo + hi + spread(1 + (2 * (1 - hi)) / (hi - lo)) * (hi - lo));
  return u() < 0.5 ? c1 : c2;
}
