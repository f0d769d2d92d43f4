// Several objectives and constraints in one journal, both ways with Optuna 3.1: Optuna continues a
// bonito study and agrees on its Pareto front, and bonito reads Optuna's. Fails, never skips, when
// no Python with Optuna is found (npm test provisions Debian's python3-optuna).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { JournalFileBackend } from '../../src/node/file-journal.js';
import { GPSampler } from '../../src/samplers/gp/sampler.js';
import { NSGAIISampler } from '../../src/samplers/nsga2/sampler.js';
import { parsePythonJson } from '../../src/storage/python-json.js';
import { createStudy, loadStudy } from '../../src/study/create.js';
import { SYSTEM_ATTR } from '../../src/trial/index.js';

const dir = mkdtempSync(join(tmpdir(), 'bonito-optuna-mo-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const script = fileURLToPath(new URL('../fixtures/optuna_multi.py', import.meta.url));

interface Summary {
  directions: string[];
  trials: { number: number; state: string; values: number[] | null; constraints: number[] | null }[];
  best: number[];
}

function optuna(...args: string[]): Summary {
  return parsePythonJson(execFileSync('/usr/bin/python3', [script, ...args], { encoding: 'utf8' })) as Summary;
}

describe('several objectives with Optuna 3.1', () => {
  it('Optuna continues a bonito study with constraints and finds the same Pareto front', async () => {
    const path = join(dir, 'bonito.jsonl');
    const study = await createStudy({
      name: 'mo',
      storage: new JournalFileBackend(path),
      directions: ['minimize', 'maximize'],
      seed: 3,
      sampler: new NSGAIISampler({ populationSize: 4 }),
      constraints: (t) => [(t.params.x as number) - 0.8],
      onWarning: () => {},
    });
    await study.optimize(
      (t) => {
        const x = t.suggestFloat('x', 0, 1);
        const y = t.suggestFloat('y', 0, 1);
        return [x, (1 + y) * (1 - x)];
      },
      { nTrials: 8 },
    );
    const out = optuna('continue', path, 'mo');
    expect(out.directions).toEqual(['MINIMIZE', 'MAXIMIZE']);
    expect(out.trials).toHaveLength(12);
    for (const t of study.trials) {
      expect(out.trials[t.number].values).toEqual(t.values);
      expect(out.trials[t.number].constraints).toEqual(t.systemAttrs[SYSTEM_ATTR.constraints]);
    }
    const reloaded = await loadStudy({ storage: new JournalFileBackend(path), name: 'mo', onWarning: () => {} });
    expect(reloaded.directions).toEqual(['minimize', 'maximize']);
    expect(reloaded.trials).toHaveLength(12);
    expect(reloaded.bestTrials.map((t) => t.number)).toEqual(out.best);
  });

  it('Optuna continues a study the multi-objective GP wrote (its gp:* attributes included) and finds the same front', async () => {
    const path = join(dir, 'bonito-gp.jsonl');
    const study = await createStudy({
      name: 'mo-gp',
      storage: new JournalFileBackend(path),
      directions: ['minimize', 'maximize'],
      seed: 5,
      sampler: new GPSampler({ nStartupTrials: 4 }),
      constraints: (t) => [(t.params.x as number) - 0.8],
      onWarning: () => {},
    });
    await study.optimize(
      (t) => {
        const x = t.suggestFloat('x', 0, 1);
        const y = t.suggestFloat('y', 0, 1);
        return [x, (1 + y) * (1 - x)];
      },
      { nTrials: 10 },
    );
    // The GP's trials carry its per-objective and per-constraint θ and its relative sample.
    const last = study.trials.at(-1)!;
    expect((last.systemAttrs[SYSTEM_ATTR.gpObjectiveLogHyperparameters] as unknown[]).length).toBe(2);
    expect((last.systemAttrs[SYSTEM_ATTR.gpConstraintLogHyperparameters] as unknown[]).length).toBe(1);
    expect(last.systemAttrs[SYSTEM_ATTR.gpRelativeParams]).toEqual(last.params);
    const out = optuna('continue', path, 'mo-gp');
    expect(out.trials).toHaveLength(14);
    for (const t of study.trials) {
      expect(out.trials[t.number].values).toEqual(t.values);
      expect(out.trials[t.number].constraints).toEqual(t.systemAttrs[SYSTEM_ATTR.constraints]);
    }
    // bonito reads Optuna's four trials back and its GP continues the study.
    const reloaded = await loadStudy({ storage: new JournalFileBackend(path), name: 'mo-gp', onWarning: () => {} });
    expect(reloaded.bestTrials.map((t) => t.number)).toEqual(out.best);
    await reloaded.optimize((t) => [t.suggestFloat('x', 0, 1), 1 - t.suggestFloat('y', 0, 1)], { nTrials: 2 });
    expect(reloaded.trials.slice(-2).every((t) => t.state === 'COMPLETE' && t.values?.length === 2)).toBe(true);
  });

  it('bonito reads an Optuna study of two objectives, its constraints and its front', async () => {
    const path = join(dir, 'optuna.jsonl');
    const out = optuna('write', path);
    const study = await loadStudy({ storage: new JournalFileBackend(path), onWarning: () => {} });
    expect(study.directions).toEqual(['minimize', 'maximize']);
    expect(study.trials.map((t) => t.values)).toEqual(out.trials.map((t) => t.values));
    expect(study.trials.map((t) => t.systemAttrs[SYSTEM_ATTR.constraints])).toEqual(out.trials.map((t) => t.constraints));
    expect(study.bestTrials.map((t) => t.number)).toEqual(out.best);
    expect(() => study.bestTrial).toThrow(
      'Study.bestTrial: the study must have one objective but it has 2; use `bestTrials` (the Pareto front).',
    );
    // bonito continues Optuna's study with its default sampler (the GP, for several objectives too).
    await study.optimize((t) => [t.suggestFloat('x', 0, 1), t.suggestFloat('y', 0, 1)], { nTrials: 3 });
    expect(study.trials.slice(-3).every((t) => t.state === 'COMPLETE' && t.values?.length === 2)).toBe(true);
  });
});
