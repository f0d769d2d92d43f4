import { describe, expect, it } from 'vitest';
import { categoricalDistribution, floatDistribution, intDistribution } from '../../src/space/distributions.js';
import { intersectionSearchSpace } from '../../src/space/intersection.js';
import type { FrozenTrial, TrialState } from '../../src/study/frozen-trial.js';

function trial(number: number, state: TrialState, distributions: FrozenTrial['distributions']): FrozenTrial {
  return {
    number,
    trialId: number,
    state,
    value: state === 'COMPLETE' ? 0 : null,
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
    const space = intersectionSearchSpace([
      trial(0, 'COMPLETE', { x, n, c }),
      trial(1, 'RUNNING', { x }),
      trial(2, 'COMPLETE', { n, x }),
    ]);
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
