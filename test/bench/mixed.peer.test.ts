// The Optuna side of the mixed benchmark (bench/peers/optuna_mixed.py) must compute the same
// function as src/bench/mixed.ts, or the side-by-side regret table compares different problems.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { mixed } from '../../src/bench/mixed.js';
import { createStudy } from '../../src/study/create.js';
import { RandomSampler } from '../../src/samplers/random.js';
import { findPython } from '../helpers/optuna.js';

const script = fileURLToPath(new URL('../../bench/peers/optuna_mixed.py', import.meta.url));

describe('bench/peers/optuna_mixed.py', () => {
  it('computes the same values as mixed.objective at 300 random points of every branch (to 1e-13 relative)', async () => {
    const study = await createStudy({ sampler: new RandomSampler(), seed: 11, onWarning: () => {} });
    const points: Record<string, unknown>[] = [];
    for (let i = 0; i < 300; i++) {
      const trial = await study.ask();
      points.push(mixed.suggest!(trial));
      await study.tell(trial, 0);
    }
    points.push({ kind: 'c', w: 0.01, c_x0: mixed.argmin[6], c_x1: mixed.argmin[7], c_x2: mixed.argmin[8] });
    const theirs = JSON.parse(
      execFileSync(findPython(), [script, 'eval'], { input: JSON.stringify(points), encoding: 'utf8' }),
    ) as number[];
    expect(theirs).toHaveLength(points.length);
    points.forEach((p, i) => {
      const ours = mixed.objective(p);
      expect(Math.abs(theirs[i] - ours)).toBeLessThanOrEqual(1e-13 * Math.max(1, Math.abs(ours)));
    });
    expect(new Set(points.map((p) => p.kind))).toEqual(new Set(['a', 'b', 'c']));
  });
});
