// Inputs an adversarial user would try: none may leave a trial RUNNING, replace the real error,
// lose what is recorded or be silently misread. Every message reads
// "<Where>: `<option>` <constraint> but got <value>.".
import { describe, expect, it } from 'vitest';
import { BonitoError } from '../../src/errors.js';
import { RandomSampler } from '../../src/samplers/random.js';
import { InMemoryJournal } from '../../src/storage/memory.js';
import { createStudy, loadStudy } from '../../src/study/create.js';
import type { Objective } from '../../src/study/optimize.js';

const quiet = { onWarning: () => undefined };

describe('an objective returning something other than a number', () => {
  it('an array of one number is the value of a single objective, as in Optuna', async () => {
    const study = await createStudy({ seed: 1, ...quiet });
    await study.optimize(() => [2] as unknown as number, { nTrials: 1 });
    expect(study.trials.map((t) => [t.state, t.value])).toEqual([['COMPLETE', 2]]);
    // A non-number inside is like a non-number returned: FAIL with the reason, and the run goes on.
    await study.optimize(() => ['1'] as unknown as number, { nTrials: 2 });
    expect(study.trials.map((t) => t.state)).toEqual(['COMPLETE', 'FAIL', 'FAIL']);
    expect(String(study.trials[1].systemAttrs.fail_reason)).toBe(
      "TypeError: the objective returned '1' (a string) among its values, not a number",
    );
  });

  const cases: [string, unknown, RegExp][] = [
    ['an object', { value: 3 }, /returned an object \{"value":3\}, not a number/],
    ['a boxed number', new Number(3), /returned a Number, not a number/],
    ['a state object', { state: 'PRUNED' }, /throw TrialPruned/],
  ];
  for (const [what, returned, reason] of cases) {
    it(`fails the trial with a readable reason for ${what} and stops the run with that TypeError`, async () => {
      const study = await createStudy({ seed: 1, ...quiet });
      const objective = (() => returned) as unknown as Objective;
      await expect(study.optimize(objective, { nTrials: 2 })).rejects.toThrow(TypeError);
      expect(study.trials.map((t) => t.state)).toEqual(['FAIL']);
      expect(String(study.trials[0].systemAttrs.fail_reason)).toMatch(/^TypeError: the objective returned/);
      expect(String(study.trials[0].systemAttrs.fail_reason)).toMatch(reason);
      await study.optimize(objective, { nTrials: 2, catch: [TypeError] }); // as in a worker thread
      expect(study.trials.map((t) => t.state)).toEqual(['FAIL', 'FAIL', 'FAIL']);
    });
  }
});

describe('an objective throwing what JSON.stringify cannot handle', () => {
  const cyclic: Record<string, unknown> = { a: 1 };
  cyclic.self = cyclic;
  const badMessage = new Error('x');
  Object.defineProperty(badMessage, 'message', {
    get() {
      throw new Error('no message for you');
    },
  });
  const cases: [string, unknown, RegExp][] = [
    ['a bigint', 10n, /10n \(a bigint\)/],
    ['a cyclic object', cyclic, /an object/],
    ['an Error whose message getter throws', badMessage, /an Error/],
  ];
  for (const [what, thrown, reason] of cases) {
    it(`fails the trial and rethrows ${what} itself`, async () => {
      const study = await createStudy({ seed: 1, ...quiet });
      const run = study.optimize(
        () => {
          throw thrown;
        },
        { nTrials: 3 },
      );
      await expect(run).rejects.toBe(thrown);
      expect(study.trials.map((t) => t.state)).toEqual(['FAIL']);
      expect(String(study.trials[0].systemAttrs.fail_reason)).toMatch(reason);
    });
  }

  it('records the same readable reason through study.tell', async () => {
    const study = await createStudy({ seed: 1, ...quiet });
    const t = await study.ask();
    await study.tell(t, { state: 'FAIL', error: 10n });
    expect(study.trials[0].systemAttrs.fail_reason).toBe('Error: 10n (a bigint) was thrown');
  });
});

describe('Study.tell with a trial of another study', () => {
  it('refuses a trial of another study with its own storage, and keeps its own trial RUNNING', async () => {
    const mine = await createStudy({ seed: 1, ...quiet });
    const other = await createStudy({ seed: 2, ...quiet });
    const own = await mine.ask();
    const foreign = await other.ask();
    expect(own.number).toBe(foreign.number);
    await expect(mine.tell(foreign, 5)).rejects.toThrow(
      /Study.tell: `trial` must be a trial of study ".*" but got trial 0 of another study or storage\./,
    );
    expect(mine.trials[0].state).toBe('RUNNING');
    await mine.tell(own, 1);
    expect(mine.trials[0].value).toBe(1);
  });

  it('refuses a trial of another study in the same storage', async () => {
    const storage = new InMemoryJournal();
    const a = await createStudy({ name: 'a', storage, seed: 1, ...quiet });
    const b = await createStudy({ name: 'b', storage, seed: 2, ...quiet });
    await a.ask();
    const tb = await b.ask();
    await expect(a.tell(tb, 5)).rejects.toThrow(/must be a trial of study "a"/);
  });
});

describe('names that are Object.prototype members', () => {
  const names = ['constructor', 'toString', '__proto__', 'hasOwnProperty'];

  it('are accepted as parameter names and attribute keys, and survive a reload', async () => {
    const storage = new InMemoryJournal();
    const study = await createStudy({ name: 'p', storage, seed: 3, ...quiet });
    const t = await study.ask();
    const values = names.map((n, i) => t.suggestFloat(n, i, i + 1));
    names.forEach((n, i) => t.setUserAttr(n, i));
    await study.tell(t, 1);
    await study.setUserAttr('__proto__', 'study');
    for (const s of [study, await loadStudy({ name: 'p', storage })]) {
      const got = s.trials[0];
      expect(names.map((n) => Object.hasOwn(got.params, n) && got.params[n])).toEqual(values);
      expect(names.map((n) => Object.hasOwn(got.userAttrs, n) && got.userAttrs[n])).toEqual([0, 1, 2, 3]);
      expect(Object.keys(got.distributions).sort()).toEqual([...names].sort());
      // biome-ignore lint/suspicious/noProto: a user attribute named __proto__ is what is tested.
      expect(Object.hasOwn(s.userAttrs, '__proto__') && s.userAttrs.__proto__).toBe('study');
    }
  });

  it('are suggested once per trial: a second suggest returns the recorded value', async () => {
    const study = await createStudy({ seed: 3, ...quiet });
    const t = await study.ask();
    const v = t.suggestInt('constructor', 0, 10);
    expect(t.suggestInt('constructor', 0, 10)).toBe(v);
    expect(() => t.suggestFloat('toString', 0, 1)).not.toThrow();
    expect(() => t.suggestFloat('toString', 0, 2)).toThrow(/suggestFloat: `toString` must keep one distribution/);
  });

  it('are enqueued and used as fixed parameters', async () => {
    const study = await createStudy({ seed: 3, ...quiet });
    await study.enqueueTrial({ constructor: 4, __proto__: 2 } as never);
    const t = await study.ask();
    expect(t.suggestInt('constructor', 0, 10)).toBe(4);
  });
});

describe('optimize options of the wrong type', () => {
  it('throws a TypeError naming timeoutMs for a string', async () => {
    const study = await createStudy({ seed: 1 });
    await expect(study.optimize(() => 1, { nTrials: 2, timeoutMs: '100' as never })).rejects.toThrow(TypeError);
    await expect(study.optimize(() => 1, { nTrials: 2, timeoutMs: '100' as never })).rejects.toThrow(
      "Study.optimize: `timeoutMs` must be a non-negative number but got '100' (a string).",
    );
    await expect(study.optimize(() => 1, { nTrials: '3' as never })).rejects.toThrow(
      "Study.optimize: `nTrials` must be a non-negative integer but got '3' (a string).",
    );
    expect(study.trials).toHaveLength(0);
  });
});

describe('suggestFloat over the widest finite range', () => {
  it('spreads values over [-1.7e308, 1.7e308] instead of always returning high', async () => {
    const study = await createStudy({ seed: 4, sampler: new RandomSampler(), ...quiet });
    const values: number[] = [];
    for (let i = 0; i < 40; i++) {
      const t = await study.ask();
      values.push(t.suggestFloat('x', -1.7e308, 1.7e308));
      await study.tell(t, 0);
    }
    expect(values.every((v) => v >= -1.7e308 && v <= 1.7e308)).toBe(true);
    expect(new Set(values).size).toBe(40);
    expect(values.some((v) => v < 0) && values.some((v) => v > 0)).toBe(true);
  });

  it('stays finite and inside the range under the default (GP) sampler', async () => {
    const study = await createStudy({ seed: 4, ...quiet });
    await study.optimize((t) => t.suggestFloat('x', -1.7e308, 1.7e308) / 1e308, { nTrials: 14 });
    const xs = study.trials.map((t) => t.params.x as number);
    expect(study.trials.every((t) => t.state === 'COMPLETE')).toBe(true);
    expect(xs.every((v) => v >= -1.7e308 && v <= 1.7e308)).toBe(true);
    expect(xs.filter((v) => v === 1.7e308).length).toBeLessThan(xs.length);
  });
});

describe('user attributes that are not JSON data', () => {
  it('rejects a Map, a Set and a bigint with the key and path named', async () => {
    const study = await createStudy({ seed: 1, ...quiet });
    const t = await study.ask();
    expect(() => t.setUserAttr('m', new Map([['a', 1]]))).toThrow(
      'Trial.setUserAttr: `value` must be plain JSON data (objects, arrays, strings, numbers, booleans, null) but got a Map at `m`.',
    );
    expect(() => t.setUserAttr('s', { inner: new Set([1]) })).toThrow(/but got a Set at `s.inner`/);
    expect(() => t.setUserAttr('b', [1, 10n])).toThrow(/but got 10n \(a bigint\) at `b\[1\]`/);
    await expect(study.setUserAttr('m', new Map())).rejects.toThrow(/Study.setUserAttr: `value` must be plain JSON data/);
    t.setUserAttr('ok', { a: [1, 'x', null, true, { b: Infinity }] });
    await study.tell(t, 1);
    expect(study.trials[0].userAttrs).toEqual({ ok: { a: [1, 'x', null, true, { b: Infinity }] } });
  });
});

describe('CSV export of text a spreadsheet would run as a formula', () => {
  it("prefixes cells starting with =, +, -, @, tab or CR with ', but not negative numbers", async () => {
    const study = await createStudy({ seed: 1, ...quiet });
    const t = await study.ask();
    t.suggestCategorical('c', ['=1+1', 'plain']);
    t.suggestFloat('neg', -5, -1);
    const attrs = ['=HYPERLINK("x")', '+1', '-1+2', '@SUM(A1)', '\tx', '\rx', '-3'];
    attrs.forEach((a, i) => t.setUserAttr(`a${i}`, a));
    t.setUserAttr('n', -3);
    await study.tell(t, -2);
    const [header, row] = study.toCSV().split('\r\n');
    const cells = parseCsvRow(row);
    const get = (name: string) => cells[header.split(',').indexOf(name)];
    expect(get('value')).toBe('-2');
    expect(Number(get('params_neg'))).toBeLessThan(0);
    expect(get('user_attrs_n')).toBe('-3');
    expect(attrs.map((_, i) => get(`user_attrs_a${i}`))).toEqual(attrs.map((a) => `'${a}`));
    expect(["'=1+1", 'plain']).toContain(get('params_c'));
  });
});

/** Splits one RFC 4180 row (quotes doubled inside quoted cells). */
function parseCsvRow(row: string): string[] {
  const cells: string[] = [];
  let i = 0;
  while (i <= row.length) {
    if (row[i] === '"') {
      let text = '';
      i++;
      while (i < row.length) {
        if (row[i] === '"' && row[i + 1] === '"') {
          text += '"';
          i += 2;
        } else if (row[i] === '"') break;
        else text += row[i++];
      }
      cells.push(text);
      i += 2;
    } else {
      const end = row.indexOf(',', i);
      cells.push(row.slice(i, end === -1 ? row.length : end));
      i = end === -1 ? row.length + 1 : end + 1;
    }
  }
  return cells;
}

it('BonitoError stays the base class', () => expect(new BonitoError('x')).toBeInstanceOf(Error));
