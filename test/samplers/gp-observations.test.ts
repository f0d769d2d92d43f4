import { describe, expect, it } from 'vitest';
import { runSteps } from '../../src/core/steps.js';
import type { ParamValue, SearchSpace } from '../../src/space/distributions.js';
import { SearchSpaceTransform } from '../../src/space/transform.js';
import { encodeTrials, fitsTransform } from '../../src/samplers/gp/model-data.js';
import { ObservationRows } from '../../src/samplers/gp/observations.js';
import { GPSampler } from '../../src/samplers/gp/sampler.js';
import { RandomSampler } from '../../src/samplers/random.js';
import type { Sampler } from '../../src/samplers/base.js';
import { InMemoryJournal } from '../../src/storage/memory.js';
import { createStudy } from '../../src/study/create.js';
import type { Study } from '../../src/study/study.js';
import type { StudyTrial } from '../../src/study/trial.js';
import type { FrozenTrial, StudyView } from '../../src/trial/index.js';

const D = 6;
const NAMES = Array.from({ length: D }, (_, j) => `x${j}`);

/**
 * A trial's objective: a shifted sphere whose first parameter is left out on some trials (the joint
 * space then loses a column in the middle: 'c' sorts before it), with a categorical one; some
 * trials are pruned after a report, some fail.
 */
async function runTrial(study: Study, trial: StudyTrial, dropFirst: boolean): Promise<void> {
  let s = 0;
  for (const name of dropFirst ? NAMES.slice(1) : NAMES) s += (trial.suggestFloat(name, -5, 5) - 1) ** 2;
  s += trial.suggestCategorical('c', ['a', 'b', 'c']) === 'b' ? 0 : 1;
  const kind = trial.number % 17;
  if (kind === 3) {
    trial.report(s, 0);
    await study.tell(trial, { state: 'PRUNED' });
  } else if (kind === 5) {
    await study.tell(trial, { state: 'FAIL' });
  } else {
    await study.tell(trial, s);
  }
}

/** Delegates every call to a GPSampler made afresh for each trial: nothing survives between asks. */
class FreshGP implements Sampler {
  #gp = new GPSampler({ seed: 4 });
  beforeTrial(): void {
    this.#gp = new GPSampler({ seed: 4 });
  }
  inferRelativeSearchSpace(study: StudyView): SearchSpace {
    return this.#gp.inferRelativeSearchSpace(study);
  }
  sampleRelative(study: StudyView, trial: FrozenTrial, space: SearchSpace): Record<string, ParamValue> {
    return this.#gp.sampleRelative(study, trial, space);
  }
  sampleRelativeAsync(study: StudyView, trial: FrozenTrial, space: SearchSpace, options?: { signal?: AbortSignal }) {
    return this.#gp.sampleRelativeAsync(study, trial, space, options);
  }
  sampleIndependent(study: StudyView, trial: FrozenTrial, name: string, distribution: Parameters<Sampler['sampleIndependent']>[3]) {
    return this.#gp.sampleIndependent(study, trial, name, distribution);
  }
}

/** `filled` random trials, then `asks` more with `sampler`; the params of those asks. */
async function trajectory(sampler: Sampler, filled: number, asks: number, dropAt: number): Promise<Record<string, ParamValue>[]> {
  const storage = new InMemoryJournal();
  const filler = await createStudy({ storage, name: 's', sampler: new RandomSampler({ seed: 2 }), onWarning: () => {} });
  for (let i = 0; i < filled; i++) await runTrial(filler, await filler.ask(), false);
  const study = await createStudy({ storage, name: 's', loadIfExists: true, sampler, onWarning: () => {} });
  const out: Record<string, ParamValue>[] = [];
  for (let i = 0; i < asks; i++) {
    const trial = await study.ask();
    await runTrial(study, trial, i === dropAt);
    out.push({ ...trial.params });
  }
  return out;
}

describe('ObservationRows', () => {
  it('gives the observed trials and rows that encoding every trial afresh gives, as the study grows and its space changes', async () => {
    const study = await createStudy({ sampler: new RandomSampler({ seed: 7 }), onWarning: () => {} });
    const rows = new ObservationRows();
    // One space object while the space stays (rows are kept for it), a new one when it changes.
    const spaceOf = (names: string[]): SearchSpace =>
      Object.fromEntries(names.map((n) => [n, study.getTrials(['COMPLETE'])[0].distributions[n]]));
    let space: SearchSpace | undefined;
    for (let i = 0; i < 90; i++) {
      await runTrial(study, await study.ask(), i === 60);
      if (i % 10 !== 9) continue;
      // Before the dropped trial the space has every parameter; after it, one fewer.
      if (i === 9) space = spaceOf([...NAMES, 'c']);
      if (i === 69) space = spaceOf([...NAMES.slice(1), 'c']);
      const transform = new SearchSpaceTransform(space!);
      const got = runSteps(rows.of(study, space!, transform));
      // The reference: the filter and encoding the sampler used before rows were cached.
      const want = study
        .getTrials(['COMPLETE', 'PRUNED'])
        .filter(
          (t) => (t.state === 'COMPLETE' ? t.value !== null : t.value !== null && Number.isFinite(t.value)) && fitsTransform(transform, t),
        );
      expect(got.observed).toEqual(want);
      expect(Array.from(got.x)).toEqual(Array.from(encodeTrials(transform, want)));
    }
  });
});

describe('GPSampler with cached rows', () => {
  it('suggests bit-identical params to a fresh sampler at every ask, past the exact size and across a space change', async () => {
    // 330 trials: the asks fit the 256-trial subset; the 3rd ask drops a parameter (the joint space shrinks).
    const cached = await trajectory(new GPSampler({ seed: 4 }), 330, 6, 2);
    const fresh = await trajectory(new FreshGP(), 330, 6, 2);
    expect(cached.length).toBe(6);
    cached.forEach((params, i) => {
      expect(Object.keys(params).sort()).toEqual(Object.keys(fresh[i]).sort());
      for (const name of Object.keys(params)) expect(Object.is(params[name], fresh[i][name]), `ask ${i}, ${name}`).toBe(true);
    });
  }, 60_000);
});
