import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { categoricalDistribution, floatDistribution, intDistribution } from '../../src/space/distributions.js';
import { IntersectionSearchSpace, intersectionSearchSpace } from '../../src/samplers/intersection.js';
import type { FrozenTrial, TrialState } from '../../src/trial/index.js';

function trial(number: number, state: TrialState, distributions: FrozenTrial['distributions']): FrozenTrial {
  return {
    number,
    trialId: number,
    state,
    value: state === 'COMPLETE' ? 0 : null,
    values: state === 'COMPLETE' ? [0] : null,
    params: {},
    distributions,
    intermediateValues: new Map(),
    userAttrs: {},
    systemAttrs: {},
    datetimeStart: null,
    datetimeComplete: null,
  };
}

const x = floatDistribution('x', 0, 1);
const n = intDistribution('n', 1, 4);
const c = categoricalDistribution('c', ['a', 'b']);

describe('intersectionSearchSpace()', () => {
  it('is empty before any trial completes', () => {
    expect(intersectionSearchSpace([])).toEqual({});
    expect(intersectionSearchSpace([trial(0, 'RUNNING', { x }), trial(1, 'FAIL', { x })])).toEqual({});
  });

  it('keeps the parameters every completed trial shares, names sorted', () => {
    const space = intersectionSearchSpace([trial(0, 'COMPLETE', { x, n, c }), trial(1, 'RUNNING', { x }), trial(2, 'COMPLETE', { n, x })]);
    expect(Object.keys(space)).toEqual(['n', 'x']);
    expect(space.x).toBe(x);
  });

  it('drops a parameter whose distribution changed', () => {
    const space = intersectionSearchSpace([trial(0, 'COMPLETE', { x, n }), trial(1, 'COMPLETE', { x: floatDistribution('x', 0, 2), n })]);
    expect(Object.keys(space)).toEqual(['n']);
  });

  it('counts pruned trials only when asked', () => {
    const trials = [trial(0, 'COMPLETE', { x, n }), trial(1, 'PRUNED', { x })];
    expect(Object.keys(intersectionSearchSpace(trials))).toEqual(['n', 'x']);
    expect(Object.keys(intersectionSearchSpace(trials, { includePruned: true }))).toEqual(['x']);
  });
});

describe('IntersectionSearchSpace (incremental)', () => {
  it('after every update equals intersectionSearchSpace of all the trials so far', () => {
    const pool = [x, n, c, floatDistribution('x', 0, 2), intDistribution('k', 0, 9)];
    const names = ['x', 'n', 'c', 'x', 'k'];
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            keep: fc.array(fc.boolean(), { minLength: 5, maxLength: 5 }),
            state: fc.constantFrom<TrialState>('COMPLETE', 'PRUNED', 'FAIL'),
          }),
          { maxLength: 25 },
        ),
        fc.boolean(),
        (specs, includePruned) => {
          const all = specs.map((spec, i) => {
            const ds: Record<string, (typeof pool)[number]> = {};
            spec.keep.forEach((k, j) => k && (ds[names[j]] = pool[j]));
            return trial(i, spec.state, ds);
          });
          const joint = new IntersectionSearchSpace({ includePruned });
          for (let end = 0; end <= all.length; end++) {
            expect(joint.update(all.slice(0, end))).toEqual(intersectionSearchSpace(all.slice(0, end), { includePruned }));
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});
