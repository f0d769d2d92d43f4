// Optuna 3.1 (Debian's python3-optuna) reads a bonito journal, and bonito reads Optuna's. The
// test fails, never skips, when no Python with Optuna is found: CI installs python3-optuna.
import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { TrialPruned } from '../../src/errors.js';
import { JournalFileBackend } from '../../src/node/file-journal.js';
import { UNREADABLE_KEY } from '../../src/storage/replay.js';
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
    expect(before.trials.map((t) => t.state)).toEqual([
      'COMPLETE',
      'COMPLETE',
      'PRUNED',
      'FAIL',
      'COMPLETE',
      'COMPLETE',
      'RUNNING',
      'WAITING',
    ]);

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
    expect(after.trials.map((t) => t.state)).toEqual([
      'COMPLETE',
      'COMPLETE',
      'PRUNED',
      'FAIL',
      'COMPLETE',
      'COMPLETE',
      'RUNNING',
      'COMPLETE',
      'PRUNED',
    ]);
    expect(after.trials[7].params).toMatchObject({ lr: 0.05 });
    expect(after.trials[8].value).toBe(1);
    expect(normalise(after.trials)).toEqual(normalise(study.trials.map(asPython)));
  });

  it('keeps every id in place when Optuna wrote a record bonito cannot read, and reads ints beyond 2^53', async () => {
    const path = join(dir, 'edge.jsonl');
    const [pyA, pyB] = optuna('write_edge', path);
    const warnings: string[] = [];
    const a = await loadStudy({ storage: new JournalFileBackend(path), name: 'a', seed: 1, onWarning: (m) => warnings.push(m) });
    // Trial 1 was created by a record holding CategoricalDistribution([1, 1.0]): it keeps its id
    // and everything readable, marked; trial 2 only lost that parameter.
    expect(a.trials.map((t) => [t.number, t.trialId, t.state, t.value])).toEqual(pyA.trials.map((t, i) => [t.number, i, t.state, t.value]));
    expect(a.trials[1].params).toEqual({ x: 0.25 });
    expect(a.trials[1].systemAttrs[UNREADABLE_KEY]).toMatch(/`choices\[1\]` must differ from every earlier choice/);
    expect(a.trials[2].params).toEqual({ x: pyA.trials[2].params.x });
    expect(warnings.join('\n')).toMatch(
      /record 4 \(line 5 of .*edge\.jsonl\) could not be read in full .* it keeps trial id 1 \(trial 1 of study "a"\)/,
    );
    expect(warnings.join('\n')).toMatch(
      /\(line 8 of .*\) was skipped because .*must differ from every earlier choice.* \(it creates no id, so no other record moves\)/,
    );

    const b = await loadStudy({ storage: new JournalFileBackend(path), name: 'b', seed: 1, onWarning: () => undefined });
    expect(normalise(b.trials.map(asPython))).toEqual(normalise(pyB.trials));
    expect(b.trials[0].params.big).toBe(pyB.trials[0].params.big); // beyond 2^53: the double Optuna itself stored
    expect(b.trials[0].params.big).toBeGreaterThan(2 ** 53);
    // bonito's own writes land on its own trial, as Optuna sees it.
    const t = await b.ask();
    t.suggestFloat('y', -1, 1);
    await b.tell(t, 42);
    const [afterA, afterB] = optuna('dump', path);
    expect(afterA.trials).toHaveLength(3);
    expect(afterB.trials.map((x) => x.value)).toEqual([...pyB.trials.map((x) => x.value), 42]);
    expect(normalise(afterB.trials)).toEqual(normalise(b.trials.map(asPython)));
  });

  it('Optuna still reads a journal after bonito repaired a torn last line', async () => {
    const path = join(dir, 'torn.jsonl');
    const study = await createStudy({ name: 'torn', storage: new JournalFileBackend(path), seed: 4 });
    await study.optimize((t) => t.suggestFloat('x', 0, 1), { nTrials: 2 });
    appendFileSync(path, '{"op_code": 6, "worker_id": "dead", "trial_id": 1, "state'); // a writer killed mid-append
    const again = await loadStudy({ name: 'torn', storage: new JournalFileBackend(path, { onCorruptLine: () => undefined }) });
    await again.optimize((t) => t.suggestFloat('x', 0, 1), { nTrials: 2 });
    const [py] = optuna('dump', path);
    expect(py.trials.map((t) => t.state)).toEqual(['COMPLETE', 'COMPLETE', 'COMPLETE', 'COMPLETE']);
    expect(normalise(py.trials)).toEqual(normalise(again.trials.map(asPython)));
  });
});
