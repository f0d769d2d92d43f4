// Studies for the dashboard tests, written to a JSONL journal the way a user's tuning run would:
// names, parameters and attributes that are HTML (and JSON) hostile, intermediate values, and
// every trial state, so the page and the API are checked against what escaping must survive.
import { JournalFileBackend } from '../../src/node/file-journal.js';
import { RandomSampler } from '../../src/samplers/random.js';
import { createStudy } from '../../src/study/create.js';
import type { Study } from '../../src/study/study.js';

/** Markup that runs script if a page ever inserts it as HTML. */
export const HOSTILE = '<img src=x onerror="window.__pwned=1">';
export const HOSTILE_STUDY = `${HOSTILE} </script>"\u2028study`;
export const HOSTILE_PARAM = `<b>x</b> & "y"`;

/** Opens (or creates) the hostile study on `path`. */
export async function openHostileStudy(path: string): Promise<Study> {
  return createStudy({
    storage: new JournalFileBackend(path),
    name: HOSTILE_STUDY,
    direction: 'minimize',
    sampler: new RandomSampler({ seed: 3 }),
    loadIfExists: true,
  });
}

/**
 * Runs `count` trials of a quadratic with learning curves; trial 1 is pruned and trial 2 fails.
 * @returns the numbers of the trials it ran.
 */
export async function runHostileTrials(study: Study, count: number): Promise<number[]> {
  const numbers: number[] = [];
  for (let i = 0; i < count; i++) {
    const trial = await study.ask();
    numbers.push(trial.number);
    const x = trial.suggestFloat(HOSTILE_PARAM, -3, 3);
    const kind = trial.suggestCategorical('kind', [HOSTILE, 'plain']);
    trial.setUserAttr(HOSTILE, `${HOSTILE}-${trial.number}`);
    const value = (x - 1) ** 2 + (kind === 'plain' ? 0 : 0.5);
    for (let step = 0; step < 3; step++) trial.report(value + (3 - step), step);
    if (trial.number === 1) await study.tell(trial, { state: 'PRUNED' });
    else if (trial.number === 2) await study.tell(trial, { state: 'FAIL', error: HOSTILE });
    else await study.tell(trial, value);
  }
  return numbers;
}
