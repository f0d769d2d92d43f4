// The browser app's pure parts: its CSV reader, and its page-side suggestion of the MLP space,
// which must ask exactly what `suggestMlp` asks in the worker (the worker replays the page's
// parameters through a FixedTrial, which refuses a missing or out-of-range one).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCsv, tableDataset } from '../../examples/browser/csv.js';
import { checkSpace, FIELDS, suggestSpace, toMlpSpace, type AppSpace } from '../../examples/browser/space.js';
import { createStudy, FixedTrial, init, RandomSampler } from '../../src/index.js';
import { createDataset, suggestMlp } from '../../src/tfjs/index.js';

describe('parseCsv', () => {
  it('reads quoted cells with commas, doubled quotes and line breaks, CRLF and a BOM', () => {
    const text = '\uFEFFa,"b, ""c""",d\r\n1,"x\ny",3\r\n\r\n4,5,""\r\n';
    expect(parseCsv(text)).toEqual({
      columns: ['a', 'b, "c"', 'd'],
      rows: [
        ['1', 'x\ny', '3'],
        ['4', '5', ''],
      ],
    });
  });

  it('gives back any table written with RFC 4180 quoting', () => {
    const cell = fc.string({ unit: fc.constantFrom('a', 'Z', ',', '"', '\n', '\r\n', ' ', '<', '1') });
    const quote = (s: string) => `"${s.replace(/"/g, '""')}"`;
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 5 }), fc.infiniteStream(cell), (width, height, cells) => {
        const columns = Array.from({ length: width }, (_, j) => `c${j}${cells.next().value}`);
        const rows = Array.from({ length: height }, () => Array.from({ length: width }, () => cells.next().value as string));
        fc.pre(new Set(columns).size === width && rows.every((r) => r.join('') !== '' || width > 1));
        const text = [columns, ...rows].map((r) => r.map(quote).join(',')).join('\n');
        expect(parseCsv(text)).toEqual({ columns, rows });
      }),
    );
  });

  it('names the line of a ragged row, an unclosed quote, a duplicate column and a missing body', () => {
    expect(() => parseCsv('a,b\n1,2\n3\n')).toThrow('CSV: row 2 must have 2 cells (as the header) but has 1.');
    expect(() => parseCsv('a,b\n1,"2\n')).toThrow('CSV: a quoted cell opened before line 3 is never closed.');
    expect(() => parseCsv('a,a\n1,2\n')).toThrow('CSV: column names must be unique but "a" appears twice.');
    expect(() => parseCsv('a,b\n')).toThrow('CSV: the file must have a header and at least one row but got 1 line(s).');
  });
});

describe('tableDataset', () => {
  const table = parseCsv('w,<b>h</b>,kind\n1,2,cat\n3, 4 ,dog\n5,6,cat\n');

  it('maps class names to indices in order of appearance, features are the other columns', () => {
    const input = tableDataset(table, 'kind', 'classification', 'pets.csv');
    const data = createDataset(input);
    expect(Array.from(data.x)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(Array.from(data.y)).toEqual([0, 1, 0]);
    expect(data).toMatchObject({ featureNames: ['w', '<b>h</b>'], classNames: ['cat', 'dog'], targetName: 'kind', task: 'classification' });
  });

  it('refuses text in a feature or regression target, one class, and an unknown target', () => {
    expect(() => tableDataset(table, 'w', 'regression')).toThrow('CSV: column "kind" must hold numbers but row 1 has "cat".');
    expect(() => tableDataset(parseCsv('x,y\n1,a\n2,a\n'), 'y', 'classification')).toThrow(
      'CSV: a classification target must have at least 2 classes but "y" has 1.',
    );
    expect(() => tableDataset(table, 'nope', 'classification')).toThrow('CSV: `target` must be one of the columns but got "nope".');
  });
});

const DEFAULTS = Object.fromEntries(FIELDS.map((f) => [f.key, { low: f.low, high: f.high, log: f.log }])) as AppSpace;

describe('the page-side MLP space', () => {
  it('suggests exactly the parameters suggestMlp replays in the worker, for any valid space', async () => {
    await init();
    const range = (f: (typeof FIELDS)[number]) =>
      fc
        .tuple(
          f.kind === 'int' ? fc.integer({ min: f.min, max: Math.min(f.max, 200) }) : fc.double({ min: f.min, max: f.max, noNaN: true }),
          f.kind === 'int' ? fc.integer({ min: f.min, max: Math.min(f.max, 200) }) : fc.double({ min: f.min, max: f.max, noNaN: true }),
          fc.boolean(),
        )
        .map(([a, b, log]) => ({ low: Math.min(a, b), high: Math.max(a, b), log: log && Math.min(a, b) > 0 }));
    const spaces = fc.record(
      Object.fromEntries(FIELDS.map((f) => [f.key, range(f)])) as Record<keyof AppSpace, fc.Arbitrary<AppSpace['layers']>>,
    );
    await fc.assert(
      fc.asyncProperty(spaces, fc.integer({ min: 0, max: 1000 }), async (space, seed) => {
        const study = await createStudy({ seed, sampler: new RandomSampler() });
        const trial = await study.ask();
        const params = suggestSpace(trial, checkSpace(space));
        const replay = new FixedTrial(params, trial.number);
        const mlp = suggestMlp(replay, toMlpSpace(space));
        expect(replay.params).toEqual(params); // every parameter used, none missing
        expect(replay.distributions).toEqual(trial.distributions); // the same distributions
        expect(mlp).toMatchObject({
          activation: 'relu',
          optimizer: 'adam',
          l1: 0,
          weightDecay: 0,
          layers: params.layers ?? space.layers.low,
        });
      }),
      { numRuns: 60 },
    );
  });

  it('fixes an entry whose bounds are equal (not a study parameter)', async () => {
    await init();
    const study = await createStudy({ seed: 1, sampler: new RandomSampler() });
    const params = suggestSpace(await study.ask(), {
      ...DEFAULTS,
      layers: { low: 2, high: 2, log: false },
      epochs: { low: 5, high: 5, log: false },
    });
    expect(Object.keys(params).sort()).toEqual(['batch_size', 'dropout', 'l2', 'learning_rate', 'units_0', 'units_1']);
  });

  it('refuses a bad space with a sentence naming the entry', () => {
    const bad = (key: keyof AppSpace, r: AppSpace['layers']) => () => checkSpace({ ...DEFAULTS, [key]: r });
    expect(bad('epochs', { low: 3, high: 2, log: false })).toThrow('Search space: `epochs` must have low <= high but got 3 > 2.');
    expect(bad('layers', { low: 1.5, high: 2, log: false })).toThrow('Search space: `hidden layers` must be a whole number but got 1.5.');
    expect(bad('dropout', { low: 0, high: 1, log: false })).toThrow('Search space: `dropout` must be a number in [0, 0.95] but got 1.');
    expect(bad('l2', { low: 0, high: 0.1, log: true })).toThrow('Search space: `L2 penalty` must have low > 0 on a log scale but got 0.');
    expect(bad('units', { low: Number.NaN, high: 4, log: false })).toThrow(
      'Search space: `units per layer` must be a number in [1, 4096] but got NaN.',
    );
  });
});
