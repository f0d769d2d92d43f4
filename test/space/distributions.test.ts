import { describe, expect, it } from 'vitest';
import {
  categoricalDistribution,
  contains,
  distributionFromJson,
  distributionToJson,
  floatDistribution,
  fromInternal,
  intDistribution,
  sameDistribution,
  toInternal,
} from '../../src/space/distributions.js';

describe('floatDistribution()', () => {
  it('returns frozen plain data with defaults log=false and step=null', () => {
    const d = floatDistribution('x', -1, 2);
    expect(d).toEqual({ kind: 'float', low: -1, high: 2, log: false, step: null });
    expect(Object.isFrozen(d)).toBe(true);
  });

  it('rejects low > high naming the parameter and the values, and accepts low == high as Optuna does', () => {
    expect(() => floatDistribution('lr', 1, 0)).toThrow(new RangeError("suggestFloat('lr'): `high` must be at least low = 1 but got 0."));
    expect(floatDistribution('lr', 1, 1)).toEqual({ kind: 'float', low: 1, high: 1, log: false, step: null });
    expect(floatDistribution('lr', 0.5, 0.5, { log: true }).high).toBe(0.5);
    expect(floatDistribution('lr', 0.5, 0.5, { step: 0.1 }).step).toBe(0.1);
  });

  it('rejects log with low <= 0', () => {
    expect(() => floatDistribution('lr', 0, 1, { log: true })).toThrow(
      new RangeError("suggestFloat('lr'): `low` must be positive when log is true but got 0."),
    );
  });

  it('rejects a step that does not divide the range and accepts decimal steps that do', () => {
    expect(() => floatDistribution('x', 0, 1, { step: 0.3 })).toThrow(
      new RangeError("suggestFloat('x'): `step` must divide high - low = 1 but got 0.3."),
    );
    expect(floatDistribution('x', 0.1, 0.9, { step: 0.2 }).step).toBe(0.2);
    expect(floatDistribution('x', 0, 1, { step: 0.1 }).step).toBe(0.1);
  });

  it('rejects log combined with a step, non-positive steps and non-finite bounds', () => {
    expect(() => floatDistribution('x', 1, 2, { log: true, step: 0.5 })).toThrow(
      new RangeError("suggestFloat('x'): `step` must be null when log is true but got 0.5."),
    );
    expect(() => floatDistribution('x', 0, 1, { step: 0 })).toThrow(
      new RangeError("suggestFloat('x'): `step` must be a positive finite number but got 0."),
    );
    expect(() => floatDistribution('x', 0, Infinity)).toThrow(
      new RangeError("suggestFloat('x'): `high` must be a finite number but got Infinity."),
    );
    expect(() => floatDistribution('x', NaN, 1)).toThrow(RangeError);
  });

  it('rejects bounds of the wrong kind with a TypeError', () => {
    expect(() => floatDistribution('x', '0' as unknown as number, 1)).toThrow(
      new TypeError("suggestFloat('x'): `low` must be a finite number but got '0' (a string)."),
    );
  });
});

describe('intDistribution()', () => {
  it('returns step 1 by default', () => {
    expect(intDistribution('n', 1, 5)).toEqual({ kind: 'int', low: 1, high: 5, log: false, step: 1 });
  });

  it('rejects fractional bounds, steps that do not divide, and log with step != 1', () => {
    expect(() => intDistribution('n', 0.5, 3)).toThrow(new TypeError("suggestInt('n'): `low` must be a safe integer but got 0.5."));
    expect(() => intDistribution('n', 0, 10, { step: 3 })).toThrow(
      new RangeError("suggestInt('n'): `step` must divide high - low = 10 but got 3."),
    );
    expect(() => intDistribution('n', 1, 16, { log: true, step: 3 })).toThrow(
      new RangeError("suggestInt('n'): `step` must be 1 when log is true but got 3."),
    );
    expect(() => intDistribution('n', 0, 16, { log: true })).toThrow(
      new RangeError("suggestInt('n'): `low` must be positive when log is true but got 0."),
    );
    expect(() => intDistribution('n', 0, 10, { step: 2.5 })).toThrow(
      new TypeError("suggestInt('n'): `step` must be a positive integer but got 2.5."),
    );
    expect(() => intDistribution('n', 4, 3)).toThrow(new RangeError("suggestInt('n'): `high` must be at least low = 4 but got 3."));
    expect(intDistribution('n', 3, 3, { step: 2 })).toEqual({ kind: 'int', low: 3, high: 3, log: false, step: 2 });
    // Beyond 2^53 only a journal may hold (Python ints); a caller's bound must be exact.
    expect(() => intDistribution('n', 0, 2 ** 60)).toThrow(/`high` must be a safe integer but got 1152921504606847000\./);
  });
});

describe('categoricalDistribution()', () => {
  it('copies and freezes the choices', () => {
    const choices = ['a', 1, true, null];
    const d = categoricalDistribution('c', choices);
    choices.push('b');
    expect(d.choices).toEqual(['a', 1, true, null]);
    expect(Object.isFrozen(d.choices)).toBe(true);
  });

  it('rejects an empty list, unsupported kinds and repeated choices', () => {
    expect(() => categoricalDistribution('c', [])).toThrow(
      new RangeError("suggestCategorical('c'): `choices` must hold at least one choice but got an array []."),
    );
    expect(() => categoricalDistribution('c', ['a', {} as unknown as string])).toThrow(
      new TypeError("suggestCategorical('c'): `choices[1]` must be a string, a finite number, a boolean or null but got an object {}."),
    );
    expect(() => categoricalDistribution('c', [1, NaN])).toThrow(TypeError);
    expect(() => categoricalDistribution('c', ['a', 'a'])).toThrow(
      new TypeError("suggestCategorical('c'): `choices[1]` must differ from every earlier choice but got 'a' (a string)."),
    );
    expect(() => categoricalDistribution('c', 'ab' as unknown as string[])).toThrow(TypeError);
  });
});

describe('sameDistribution()', () => {
  it('compares kind, bounds, log, step and choices in order', () => {
    expect(sameDistribution(floatDistribution('a', 0, 1), floatDistribution('b', 0, 1))).toBe(true);
    expect(sameDistribution(floatDistribution('a', 0, 1), floatDistribution('a', 0, 2))).toBe(false);
    expect(sameDistribution(floatDistribution('a', 1, 2), floatDistribution('a', 1, 2, { log: true }))).toBe(false);
    expect(sameDistribution(floatDistribution('a', 0, 1), intDistribution('a', 0, 1))).toBe(false);
    expect(sameDistribution(categoricalDistribution('c', [1, 2]), categoricalDistribution('c', [2, 1]))).toBe(false);
    expect(sameDistribution(categoricalDistribution('c', [1, 2]), categoricalDistribution('c', [1, 2]))).toBe(true);
    expect(sameDistribution(categoricalDistribution('c', [0, 1]), intDistribution('c', 0, 1))).toBe(false);
  });
});

describe('contains()', () => {
  it('checks bounds, integrality and the step grid', () => {
    expect(contains(floatDistribution('x', 0, 1), 1)).toBe(true);
    expect(contains(floatDistribution('x', 0, 1), 1.0000001)).toBe(false);
    expect(contains(floatDistribution('x', 0, 1, { step: 0.1 }), 0.30000000000000004)).toBe(true);
    expect(contains(floatDistribution('x', 0, 1, { step: 0.1 }), 0.35)).toBe(false);
    expect(contains(intDistribution('n', 0, 10, { step: 2 }), 4)).toBe(true);
    expect(contains(intDistribution('n', 0, 10, { step: 2 }), 5)).toBe(false);
    expect(contains(intDistribution('n', 0, 10), 2.5)).toBe(false);
    expect(contains(intDistribution('n', 0, 10), 'a')).toBe(false);
    expect(contains(categoricalDistribution('c', ['a', null]), null)).toBe(true);
    expect(contains(categoricalDistribution('c', [1]), '1')).toBe(false);
  });
});

describe('toInternal() and fromInternal()', () => {
  it('map categorical values to indices and back, and leave numbers alone', () => {
    const c = categoricalDistribution('c', ['a', false, 3]);
    expect(toInternal(c, false)).toBe(1);
    expect(fromInternal(c, 2)).toBe(3);
    expect(toInternal(floatDistribution('x', 0, 1), 0.25)).toBe(0.25);
    expect(fromInternal(intDistribution('n', 0, 9), 4)).toBe(4);
  });

  it('reject unknown choices and bad indices', () => {
    const c = categoricalDistribution('c', ['a']);
    expect(() => toInternal(c, 'b')).toThrow(new RangeError("toInternal: `value` must be one of ['a'] but got 'b' (a string)."));
    expect(() => fromInternal(c, 1)).toThrow(new RangeError('fromInternal: `internal` must be an integer index in [0, 1) but got 1.'));
  });
});

describe('distributionToJson() and distributionFromJson()', () => {
  it('write the record shapes of Optuna JournalStorage', () => {
    expect(distributionToJson(floatDistribution('x', 0.5, 2, { log: true }))).toBe(
      '{"name":"FloatDistribution","attributes":{"low":0.5,"high":2,"log":true,"step":null}}',
    );
    expect(distributionToJson(intDistribution('n', 1, 9, { step: 2 }))).toBe(
      '{"name":"IntDistribution","attributes":{"low":1,"high":9,"log":false,"step":2}}',
    );
    expect(distributionToJson(categoricalDistribution('c', ['a', null, 1.5, true]))).toBe(
      '{"name":"CategoricalDistribution","attributes":{"choices":["a",null,1.5,true]}}',
    );
  });

  it('round-trip every kind', () => {
    for (const d of [
      floatDistribution('x', -3, 7.5),
      floatDistribution('x', 1e-5, 1, { log: true }),
      floatDistribution('x', 0, 1, { step: 0.25 }),
      intDistribution('n', -4, 8, { step: 4 }),
      intDistribution('n', 1, 1024, { log: true }),
      categoricalDistribution('c', ['relu', 0, false, null]),
    ]) {
      expect(distributionFromJson(distributionToJson(d))).toEqual(d);
    }
  });

  it('read what Python writes, including float formatting, legacy names and single-value ranges', () => {
    // json.dumps output of optuna.distributions.distribution_to_json (Optuna 3.1).
    expect(
      distributionFromJson('{"name": "FloatDistribution", "attributes": {"step": null, "low": 0.0, "high": 1.0, "log": false}}'),
    ).toEqual(floatDistribution('x', 0, 1));
    expect(distributionFromJson('{"name": "UniformDistribution", "attributes": {"low": 0.0, "high": 2.0}}')).toEqual(
      floatDistribution('x', 0, 2),
    );
    expect(distributionFromJson('{"name": "LogUniformDistribution", "attributes": {"low": 0.1, "high": 2.0}}')).toEqual(
      floatDistribution('x', 0.1, 2, { log: true }),
    );
    expect(distributionFromJson('{"name": "DiscreteUniformDistribution", "attributes": {"low": 0.0, "high": 1.0, "q": 0.5}}')).toEqual(
      floatDistribution('x', 0, 1, { step: 0.5 }),
    );
    expect(distributionFromJson('{"name": "IntUniformDistribution", "attributes": {"low": 0, "high": 4, "step": 2}}')).toEqual(
      intDistribution('n', 0, 4, { step: 2 }),
    );
    expect(distributionFromJson('{"name": "IntLogUniformDistribution", "attributes": {"low": 1, "high": 8}}')).toEqual(
      intDistribution('n', 1, 8, { log: true }),
    );
    expect(distributionFromJson('{"name": "IntDistribution", "attributes": {"low": 3, "high": 3, "log": false, "step": 1}}')).toEqual({
      kind: 'int',
      low: 3,
      high: 3,
      log: false,
      step: 1,
    });
  });

  it('read integer bounds beyond 2^53 (Python ints) as the nearest double instead of rejecting them', () => {
    const d = distributionFromJson(
      '{"name": "IntDistribution", "attributes": {"log": false, "step": 1, "low": 0, "high": 1152921504606846977}}',
    );
    expect(d).toEqual({ kind: 'int', low: 0, high: 2 ** 60, log: false, step: 1 });
    // Optuna stores the value itself as a float: 1.152921504606847e+18 is 2^60, inside the bounds.
    expect(contains(d, 1.152921504606847e18)).toBe(true);
  });

  it('reject malformed JSON, unknown names and invalid attributes', () => {
    expect(() => distributionFromJson('{')).toThrow(
      new TypeError("distributionFromJson: `json` must be valid JSON but got '{' (a string)."),
    );
    expect(() => distributionFromJson('{"name":"Beta","attributes":{}}')).toThrow(
      new TypeError("distributionFromJson: `name` must be an Optuna distribution name but got 'Beta' (a string)."),
    );
    expect(() => distributionFromJson('{"name":"FloatDistribution"}')).toThrow(
      new TypeError('distributionFromJson: `attributes` must be an object but got undefined.'),
    );
    expect(() => distributionFromJson('{"name":"FloatDistribution","attributes":{"low":2,"high":1,"log":false,"step":null}}')).toThrow(
      new RangeError('distributionFromJson: `high` must be at least low = 2 but got 1.'),
    );
  });
});
