// Optuna 3.1 (Debian's python3-optuna) reads a bonito journal, and bonito reads Optuna's. The
// test fails, never skips, when no Python with Optuna is found: CI installs python3-optuna.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { TrialPruned } from '../../src/errors.js';
import { JournalFileBackend } from '../../src/node/file-journal.js';
import { createStudy, loadStudy } from '../../src/study/create.js';
import type { Study } from '../../src/study/study.js';
import { asPython, normalise, optuna } from '../helpers/optuna.js';

const dir = mkdtempSync(join(tmpdir(), 'bonito-optuna-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function writeBonitoStudy(path: string): Promise<Study> {
  const study = await createStudy({ name: 'from-bonito', storage: new JournalFileBackend(path), seed: 12, onWarning: () => undefined });
  await study.setUserAttr('source', 'bonito');
  await study.enqueueTrial({ lr: 0.001, act: null });
  await study.optimize(
    (trial) => {
      const lr = trial.suggestFloat('lr', 1e-4, 1e-1, { log: true });
      const units = trial.suggestInt('units', 8, 64, { step: 8 });
      const act = trial.suggestCategorical('act', ['relu', null, false, 2.5]);
      trial.suggestFloat('drop', 0, 0.5, { step: 0.1 });
      trial.setUserAttr('tag', { units, act });
      trial.report(lr * units, 0);
      trial.report(trial.number === 1 ? Infinity : lr, 1);
      if (trial.number === 2) throw new TrialPruned();
      if (trial.number === 3) return NaN;
      if (trial.number === 4) return -Infinity;
      return lr * units;
    },
    { nTrials: 6 },
  );
  (await study.ask()).suggestInt('units', 8, 64, { step: 8 }); // RUNNING
  await study.enqueueTrial({ lr: 0.02 }); // WAITING
  await study.refresh();
  return study;
}

describe('Optuna 3.1 round trip', () => {
  it('Optuna reads a bonito journal: states, values, params, intermediate values, attributes', async () => {
    const path = join(dir, 'bonito.jsonl');
    const study = await writeBonitoStudy(path);
    const [py] = optuna('dump', path);
    expect(py.name).toBe('from-bonito');
    expect(py.direction).toBe('MINIMIZE');
    expect(py.user_attrs).toEqual({ source: 'bonito' });
    expect(py.trials.map((t) => t.state)).toEqual(['COMPLETE', 'COMPLETE', 'PRUNED', 'FAIL', 'COMPLETE', 'COMPLETE', 'RUNNING', 'WAITING']);
    expect(py.trials[4].value).toBe(-Infinity);
    expect(py.trials[1].intermediate_values['1']).toBe(Infinity);
    expect(py.trials[0].params.lr).toBe(0.001); // the enqueued value
    expect(normalise(py.trials)).toEqual(normalise(study.trials.map(asPython)));
  });

  it('bonito reads a journal Optuna wrote, continues the study, and Optuna reads the result', async () => {
    const path = join(dir, 'optuna.jsonl');
    const [before] = optuna('write', path);
    expect(before.trials.map((t) => t.state)).toEqual(['COMPLETE', 'COMPLETE', 'PRUNED', 'FAIL', 'COMPLETE', 'COMPLETE', 'RUNNING', 'WAITING']);

    const study = await loadStudy({ storage: new JournalFileBackend(path), name: 'from-optuna', seed: 1 });
    expect(study.direction).toBe('maximize');
    expect(study.userAttrs).toEqual({ source: 'optuna' });
    expect(normalise(study.trials.map(asPython))).toEqual(normalise(before.trials));
    expect(study.bestValue).toBe(Infinity);

    // bonito claims Optuna's WAITING trial, finishes it, and adds one of its own.
    const claimed = await study.ask();
    expect(claimed.number).toBe(7);
    expect(claimed.suggestFloat('lr', 1e-4, 1e-1, { log: true })).toBe(0.05);
    claimed.suggestCategorical('act', ['relu', null, true, 3]);
    await study.tell(claimed, 0.5);
    const fresh = await study.ask();
    fresh.suggestInt('layers', 1, 5);
    fresh.report(1, 0);
    await study.tell(fresh, { state: 'PRUNED' });

    const [after] = optuna('dump', path);
    expect(after.trials.map((t) => t.state)).toEqual(['COMPLETE', 'COMPLETE', 'PRUNED', 'FAIL', 'COMPLETE', 'COMPLETE', 'RUNNING', 'COMPLETE', 'PRUNED']);
    expect(after.trials[7].params).toMatchObject({ lr: 0.05 });
    expect(after.trials[8].value).toBe(1);
    expect(normalise(after.trials)).toEqual(normalise(study.trials.map(asPython)));
  });
});
