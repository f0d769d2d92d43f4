import { describe, expect, it } from 'vitest';
import { runSteps } from '../../src/core/steps.js';
import type { SearchSpace } from '../../src/space/distributions.js';
import { SearchSpaceTransform } from '../../src/space/transform.js';
import { encodeTrials, fitsTransform } from '../../src/samplers/gp/model-data.js';
import { observedRows } from '../../src/samplers/gp/observations.js';
import { GPSampler } from '../../src/samplers/gp/sampler.js';
import { RandomSampler } from '../../src/samplers/random.js';
import { InMemoryJournal } from '../../src/storage/memory.js';
import { createStudy, loadStudy } from '../../src/study/create.js';
import type { Study } from '../../src/study/study.js';
import type { StudyTrial } from '../../src/study/trial.js';

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

describe('observedRows', () => {
  it('gives the observed trials and rows that encoding every trial afresh gives, as the study grows and its space changes', async () => {
    const study = await createStudy({ sampler: new RandomSampler({ seed: 7 }), onWarning: () => {} });
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
      const got = runSteps(observedRows(study, space!, transform));
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
  it('suggests bit-identical params to a fresh sampler on a fresh study handle at every ask, past the exact size and across a space change', async () => {
    const storage = new InMemoryJournal();
    const filler = await createStudy({ storage, name: 's', sampler: new RandomSampler({ seed: 2 }), onWarning: () => {} });
    for (let i = 0; i < 330; i++) await runTrial(filler, await filler.ask(), false);
    const sampler = new GPSampler({ seed: 4 });
    const study = await loadStudy({ storage, name: 's', sampler, onWarning: () => {} });
    for (let i = 0; i < 6; i++) {
      const trial = await study.ask(); // cached rows after the first ask
      // A second handle on the same journal: its own replay and snapshots, so nothing cached fits it.
      const other = await loadStudy({ storage, name: 's', sampler: new GPSampler({ seed: 4 }), onWarning: () => {} });
      const fresh = new GPSampler({ seed: 4 });
      const space = fresh.inferRelativeSearchSpace(other);
      const want = fresh.sampleRelative(other, other.getTrials()[trial.number], space);
      await runTrial(study, trial, i === 2); // the 3rd ask drops a parameter: the joint space shrinks
      expect(Object.keys(want).length).toBeGreaterThan(0);
      // The dropped parameter is not suggested on that trial; every other one is the relative value.
      for (const name of Object.keys(want)) {
        if (i === 2 && name === NAMES[0]) continue;
        expect(Object.is(trial.params[name], want[name]), `ask ${i}, ${name}`).toBe(true);
      }
    }
  }, 60_000);
});
