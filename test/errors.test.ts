import { describe, expect, it } from 'vitest';
import { describeValue, toError } from '../src/errors.js';
import {
  badInput,
  checkBoolean,
  checkFinite,
  checkInteger,
  checkJsonData,
  checkNonNegative,
  checkOneOf,
  checkPositiveInteger,
} from '../src/validate.js';

describe('describeValue(v)', () => {
  it('types a value where its type matters', () => {
    expect(describeValue('42')).toBe("'42' (a string)");
    expect(describeValue(42)).toBe('42');
    expect([describeValue(NaN), describeValue(-Infinity), describeValue(-0)]).toEqual(['NaN', '-Infinity', '-0']);
    expect(describeValue(10n)).toBe('10n (a bigint)');
    expect([describeValue(true), describeValue(null), describeValue(undefined)]).toEqual(['true', 'null', 'undefined']);
    expect(describeValue(Symbol('s'))).toBe('Symbol(s) (a symbol)');
    expect(describeValue(function named() {})).toBe('a function named');
  });

  it('previews small plain objects and arrays, names class instances', () => {
    expect(describeValue({ a: 1 })).toBe('an object {"a":1}');
    expect(describeValue([1, 'x'])).toBe('an array [1,"x"]');
    expect(describeValue(Object.create(null))).toBe('an object {}');
    expect(describeValue(new Map())).toBe('a Map');
    expect(describeValue(new Error('x'))).toBe('an Error');
    expect(describeValue({ long: 'x'.repeat(100) })).toBe('an object');
  });

  it('never throws: cyclic objects, throwing getters and toJSON, hostile proxies', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(describeValue(cyclic)).toBe('an object');
    const getter = Object.defineProperty({}, 'x', {
      enumerable: true,
      get: () => {
        throw new Error('no');
      },
    });
    expect(describeValue(getter)).toBe('an object');
    expect(
      describeValue({
        toJSON: () => {
          throw new Error('no');
        },
      }),
    ).toBe('an object');
    const proxy = new Proxy(
      {},
      {
        getPrototypeOf: () => {
          throw new Error('no');
        },
      },
    );
    expect(describeValue(proxy)).toBe('an unreadable value');
  });

  it('escapes quotes and control characters and shortens long strings', () => {
    expect(describeValue("it's\n")).toBe("'it\\'s\\n' (a string)");
    expect(describeValue('y'.repeat(100))).toBe(`'${'y'.repeat(80)}…' (a string)`);
  });
});

describe('toError(thrown)', () => {
  it('keeps an Error, wraps anything else without throwing', () => {
    const e = new RangeError('r');
    expect(toError(e)).toBe(e);
    expect(toError('s').message).toBe('s');
    expect(toError(10n).message).toBe('10n (a bigint) was thrown');
    expect(toError({ code: 1 }).message).toBe('an object {"code":1} was thrown');
    expect(toError(10n).cause).toBe(10n);
  });
});

describe('validators', () => {
  it('format the house message, TypeError for a wrong type, RangeError out of range', () => {
    expect(badInput('F', 'x', 'must be odd', '2')).toBe("F: `x` must be odd but got '2' (a string).");
    expect(() => checkInteger('F', 'n', '3', 0, 9)).toThrow(new TypeError("F: `n` must be an integer in [0, 9] but got '3' (a string)."));
    expect(() => checkInteger('F', 'n', 10, 0, 9)).toThrow(new RangeError('F: `n` must be an integer in [0, 9] but got 10.'));
    expect(() => checkInteger('F', 'n', 2 ** 53)).toThrow(RangeError);
    expect(() => checkPositiveInteger('F', 'n', 0)).toThrow('F: `n` must be a positive integer but got 0.');
    expect(() => checkFinite('F', 'x', NaN)).toThrow(new RangeError('F: `x` must be a finite number but got NaN.'));
    expect(checkNonNegative('F', 't', Infinity)).toBe(Infinity);
    expect(() => checkNonNegative('F', 't', '100')).toThrow(TypeError);
    expect(() => checkBoolean('F', 'b', 1)).toThrow('F: `b` must be a boolean but got 1.');
    expect(checkOneOf('F', 'm', 'a', ['a', 'b', false])).toBe('a');
    expect(() => checkOneOf('F', 'm', 'c', ['a', 'b', false])).toThrow("F: `m` must be 'a', 'b' or false but got 'c' (a string).");
  });

  it('checkJsonData accepts JSON data (non-finite numbers too) and names the path of anything else', () => {
    expect(() => checkJsonData('F', 'v', { a: [1, NaN, { b: null }], c: 'x' }, 'k')).not.toThrow();
    const shared = { n: 1 };
    expect(() => checkJsonData('F', 'v', [shared, shared], 'k')).not.toThrow(); // shared, not cyclic
    const cyclic: unknown[] = [];
    cyclic.push(cyclic);
    expect(() => checkJsonData('F', 'v', cyclic, 'k')).toThrow('but got a cyclic reference at `k[0]`.');
    expect(() => checkJsonData('F', 'v', { d: new Date(0) }, 'k')).toThrow('but got a Date at `k.d`.');
    expect(() => checkJsonData('F', 'v', { u: undefined }, 'k')).toThrow('but got undefined at `k.u`.');
  });
});
