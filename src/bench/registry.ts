import {
  ackley,
  branin,
  goldsteinPrice,
  hartmann6,
  levy,
  rosenbrock,
  sixHumpCamel,
  styblinskiTang,
  type TestFunction,
} from './functions.js';
import { mixed } from './mixed.js';
import { describeValue } from '../errors.js';

const FIXED: Readonly<Record<string, TestFunction>> = {
  branin,
  hartmann6,
  'six-hump-camel': sixHumpCamel,
  'goldstein-price': goldsteinPrice,
  mixed,
};

const FAMILIES: Readonly<Record<string, (d: number) => TestFunction>> = {
  ackley,
  rosenbrock,
  levy,
  'styblinski-tang': styblinskiTang,
};

/** The names `testFunctionByName` accepts: fixed functions, then families as `<family>-<d>`. */
export const TEST_FUNCTION_NAMES: readonly string[] = Object.freeze([
  ...Object.keys(FIXED),
  ...Object.keys(FAMILIES).map((f) => `${f}-<d>`),
]);

/**
 * A test function by its command-line name: `branin`, `hartmann6`, `six-hump-camel`,
 * `goldstein-price`, `mixed` (categorical and conditional parameters), or a family with its dimension such as `ackley-20`, `rosenbrock-5`,
 * `levy-20`, `styblinski-tang-8` (case-insensitive).
 * @throws RangeError naming the accepted names.
 * @example
 * ```ts
 * testFunctionByName('ackley-20').d; // 20
 * ```
 */
export function testFunctionByName(name: string): TestFunction {
  const key = String(name).toLowerCase();
  if (Object.hasOwn(FIXED, key)) return FIXED[key];
  const m = /^(.+)-(\d+)$/.exec(key);
  if (m !== null && Object.hasOwn(FAMILIES, m[1])) {
    const d = Number(m[2]);
    if (d >= 2 && d <= 1000) return FAMILIES[m[1]](d);
  }
  throw new RangeError(
    `testFunctionByName: \`name\` must be one of ${TEST_FUNCTION_NAMES.join(', ')} (2 ≤ d ≤ 1000) but got ${describeValue(name)}.`,
  );
}
