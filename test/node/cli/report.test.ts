import { describe, expect, it } from 'vitest';
import { countLine, formatNumber, formatTable, studyReport, topTrials, type ReportStudy } from '../../../src/node/cli/report.js';
import type { FrozenTrial, TrialState } from '../../../src/trial/index.js';

function trial(number: number, state: TrialState, value: number | null, params: Record<string, number | string> = {}): FrozenTrial {
  return {
    number,
    trialId: number,
    state,
    value,
    values: value === null ? null : [value],
    params,
    distributions: {},
    intermediateValues: new Map(),
    userAttrs: {},
    systemAttrs: {},
    datetimeStart: new Date(1000 * number),
    datetimeComplete: state === 'RUNNING' ? null : new Date(1000 * number + 1500),
  };
}

function study(direction: 'minimize' | 'maximize', trials: FrozenTrial[]): ReportStudy {
  const sign = direction === 'minimize' ? 1 : -1;
  const done = trials.filter((t) => t.state === 'COMPLETE');
  const bestTrial = done.reduce<FrozenTrial | undefined>(
    (b, t) => (b === undefined || sign * t.value! < sign * b.value! ? t : b),
    undefined,
  );
  return { name: 's', direction, trials, bestTrial };
}

describe('formatNumber(v)', () => {
  it('prints integers whole and other numbers to six significant digits without trailing zeros', () => {
    expect(formatNumber(3)).toBe('3');
    expect(formatNumber(0.5)).toBe('0.5');
    expect(formatNumber(1 / 3)).toBe('0.333333');
    expect(formatNumber(123456789.5)).toBe('1.23457e+8');
    expect(formatNumber(1.5e-9)).toBe('1.5e-9');
    expect(formatNumber(-Infinity)).toBe('-Infinity');
  });
});

describe('formatTable(header, rows)', () => {
  it('right-aligns numeric columns (headers included) and left-aligns text, under a dashed rule', () => {
    expect(
      formatTable(
        ['n', 'act'],
        [
          ['1', 'relu'],
          ['10', 'tanh'],
        ],
      ),
    ).toBe(' n  act\n--  ----\n 1  relu\n10  tanh');
  });
});

describe('studyReport(study, top)', () => {
  const trials = [
    trial(0, 'COMPLETE', 3, { x: 0.25, act: 'relu' }),
    trial(1, 'FAIL', null, { x: 1 }),
    trial(2, 'COMPLETE', 1, { x: 0.125, act: 'tanh' }),
    trial(3, 'PRUNED', 0.5, { x: 2 }),
    trial(4, 'COMPLETE', 2, { x: 1 / 3, act: 'relu' }),
    trial(5, 'RUNNING', null),
  ];

  it('ranks COMPLETE trials by value in the study direction, ties by number', () => {
    expect(topTrials(study('minimize', trials), 2).map((t) => t.number)).toEqual([2, 4]);
    expect(topTrials(study('maximize', trials), 10).map((t) => t.number)).toEqual([0, 4, 2]);
    expect(topTrials(study('minimize', [trial(1, 'COMPLETE', 1), trial(0, 'COMPLETE', 1)]), 2).map((t) => t.number)).toEqual([0, 1]);
  });

  it('counts every state it finds', () => {
    expect(countLine(trials)).toBe('6 trials: 3 complete, 1 pruned, 1 failed, 1 running');
  });

  it('prints the counts, the table of the top trials and the best parameters in full precision', () => {
    expect(studyReport(study('minimize', trials), 2)).toBe(
      [
        'Study "s" (minimize): 6 trials: 3 complete, 1 pruned, 1 failed, 1 running',
        '',
        'Top 2 trials:',
        'rank  trial  value  duration         x  act',
        '----  -----  -----  --------  --------  ----',
        '   1      2      1     1.5 s     0.125  tanh',
        '   2      4      2     1.5 s  0.333333  relu',
        '',
        'Best value: 1 (trial 2)',
        'Best parameters:',
        '  x    0.125',
        '  act  tanh',
      ].join('\n'),
    );
  });

  it('says so when no trial has completed', () => {
    expect(studyReport(study('minimize', [trial(0, 'FAIL', null)]), 5)).toBe(
      'Study "s" (minimize): 1 trial: 0 complete, 0 pruned, 1 failed\n\nNo trial has completed yet.',
    );
  });
});
