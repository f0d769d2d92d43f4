import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parsePythonJson, stringifyPythonJson } from '../../src/storage/python-json.js';

describe('stringifyPythonJson / parsePythonJson', () => {
  it('writes non-finite numbers as Python does', () => {
    // Reference: json.dumps({"v": [float("inf"), float("-inf"), float("nan"), 1.5]}) in CPython 3.11,
    // without its spaces.
    expect(stringifyPythonJson({ v: [Infinity, -Infinity, NaN, 1.5] })).toBe('{"v":[Infinity,-Infinity,NaN,1.5]}');
  });

  it('reads Python output with spaces and non-finite tokens, leaving look-alike strings alone', () => {
    const text = '{"a": NaN, "b": [Infinity, -Infinity], "c": "NaN Infinity", "d": "say \\"NaN\\"", "e": -1e-7}';
    expect(parsePythonJson(text)).toEqual({ a: NaN, b: [Infinity, -Infinity], c: 'NaN Infinity', d: 'say "NaN"', e: -1e-7 });
  });

  it('rejects text that is not JSON', () => {
    expect(() => parsePythonJson('{"a": Nan}')).toThrow(SyntaxError);
    expect(() => parsePythonJson('{"a": 1')).toThrow(SyntaxError);
  });

  it('round-trips any JSON value, non-finite numbers included', () => {
    const value = fc.letrec((tie) => ({
      leaf: fc.oneof(fc.double(), fc.string(), fc.boolean(), fc.constant(null), fc.constantFrom('NaN', 'Infinity', '\u0000x')),
      node: fc.oneof({ depthSize: 'small' }, tie('leaf'), fc.array(tie('node')), fc.dictionary(fc.string(), tie('node'))),
    })).node;
    fc.assert(
      fc.property(value, (v) => {
        const text = stringifyPythonJson(v);
        expect(text).not.toContain('\n');
        expect(parsePythonJson(text)).toEqual(normalise(v));
      }),
      { numRuns: 300 },
    );
  });
});

/** -0 is written as 0 (as `JSON.stringify` and Python do). */
function normalise(v: unknown): unknown {
  if (typeof v === 'number') return Object.is(v, -0) ? 0 : v;
  if (Array.isArray(v)) return v.map(normalise);
  if (typeof v === 'object' && v !== null) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, normalise(x)]));
  return v;
}

describe('parsePythonJson with strings that look like its internal placeholders', () => {
  it('keeps a user string equal to a non-finite placeholder as that string', () => {
    for (const token of ['NaN', 'Infinity', '-Infinity']) {
      const s = `\u0000bonito-nonfinite:${token}`;
      const back = parsePythonJson(stringifyPythonJson({ values: [Infinity], attr: s, list: [s, NaN] })) as Record<string, unknown>;
      expect(back.attr).toBe(s);
      expect(back.list).toEqual([s, NaN]);
      expect(back.values).toEqual([Infinity]);
    }
  });

  it('round-trips any string next to a non-finite number', () => {
    fc.assert(
      fc.property(fc.string(), fc.constantFrom(NaN, Infinity, -Infinity), (s, x) => {
        const back = parsePythonJson(stringifyPythonJson({ s: [s, `\u0000bonito-nonfinite:${s}`], x })) as { s: string[]; x: number };
        expect(back.s).toEqual([s, `\u0000bonito-nonfinite:${s}`]);
        expect(Object.is(back.x, x)).toBe(true);
      }),
    );
  });
});
