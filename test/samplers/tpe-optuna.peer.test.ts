// TPE against Optuna 3.1 (Debian's python3-optuna): the Parzen estimators give Optuna's
// log-densities, and a study run by one TPE in a JSONL journal is continued by the other. Fails,
// never skips, without a Python that has Optuna 3.x.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JournalFileBackend } from '../../src/node/file-journal.js';
import {
  categoricalDistribution,
  contains,
  distributionToJson,
  floatDistribution,
  intDistribution,
  type Distribution,
} from '../../src/space/distributions.js';
import { parsePythonJson } from '../../src/storage/python-json.js';
import { createStudy, loadStudy } from '../../src/study/create.js';
import type { Trial } from '../../src/trial/index.js';
import { TPESampler, defaultWeights } from '../../src/samplers/tpe/index.js';
import { ParzenEstimator } from '../../src/samplers/tpe/parzen-estimator.js';

const dir = mkdtempSync(join(tmpdir(), 'bonito-tpe-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const script = fileURLToPath(new URL('../fixtures/optuna_tpe.py', import.meta.url));

function findPython(): string {
  for (const candidate of ['/usr/bin/python3', 'python3']) {
    try {
      const v = execFileSync(candidate, ['-c', 'import optuna; print(optuna.__version__)'], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
      });
      if (v.startsWith('3.')) return candidate;
    } catch {
      // try the next one
    }
  }
  throw new Error('No Python with Optuna 3.x found: install it with `apt-get install -y python3-optuna`.');
}
const python = findPython();

function py(args: string[], input?: string): unknown {
  return parsePythonJson(execFileSync(python, [script, ...args], { encoding: 'utf8', input }));
}

/** The shared objective of the journal tests (the same as optuna_tpe.py's). */
function objective(t: Trial): number {
  const x = t.suggestFloat('x', -5, 5);
  if (t.suggestCategorical('kind', ['a', 'b']) === 'a') return (x - 1) ** 2 + Math.abs(t.suggestInt('n', 1, 9) - 3);
  return (x + 1) ** 2 + Math.abs(Math.log10(t.suggestFloat('lr', 1e-4, 1, { log: true })) + 2);
}

interface PyTrial {
  number: number;
  state: string;
  value: number | null;
  params: Record<string, unknown>;
}

// A deterministic spread of observations and query points for each kind of parameter.
function lcg(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 48271) % 2147483647) / 2147483647;
}

function valuesOf(d: Distribution, count: number, next: () => number): number[] {
  return Array.from({ length: count }, () => {
    if (d.kind === 'categorical') return Math.floor(next() * d.choices.length);
    if (d.log) return Math.exp(Math.log(d.low) + next() * (Math.log(d.high) - Math.log(d.low)));
    if (d.step !== null) return d.low + Math.round((next() * (d.high - d.low)) / d.step) * d.step;
    return d.low + next() * (d.high - d.low);
  });
}

describe("TPE's Parzen estimator against Optuna 3.1's", () => {
  const spaces: Record<string, Record<string, Distribution>> = {
    float: { x: floatDistribution('x', -3, 7) },
    'log float': { lr: floatDistribution('lr', 1e-5, 1, { log: true }) },
    'stepped float': { q: floatDistribution('q', 0, 1, { step: 0.05 }) },
    'int with step': { n: intDistribution('n', -4, 20, { step: 2 }) },
    categorical: { c: categoricalDistribution('c', ['a', 'b', 'c', 'd']) },
    mixed: {
      x: floatDistribution('x', -3, 7),
      n: intDistribution('n', 0, 10),
      c: categoricalDistribution('c', ['a', 'b', 'c']),
    },
  };
  const cases: { label: string; ours: Float64Array; spec: unknown }[] = [];
  for (const [label, space] of Object.entries(spaces)) {
    for (const multivariate of [false, true]) {
      if (!multivariate && Object.keys(space).length > 1) continue;
      for (const n of [0, 3, 30]) {
        const names = Object.keys(space);
        const next = lcg(7 + n);
        const observations = names.map((k) => valuesOf(space[k], n, next));
        const points = names.map((k) => valuesOf(space[k], 40, next));
        const pe = new ParzenEstimator(
          names.map((k) => space[k]),
          observations,
          defaultWeights(n),
          {
            priorWeight: 1,
            considerEndpoints: false,
            considerMagicClip: true,
            multivariate,
          },
        );
        cases.push({
          label: `${label}${multivariate ? ' (multivariate)' : ''}, ${n} observations`,
          ours: pe.logPdf(points.map((p) => Float64Array.from(p))),
          spec: {
            space: Object.fromEntries(names.map((k) => [k, JSON.parse(distributionToJson(space[k]))])),
            observations: Object.fromEntries(names.map((k, j) => [k, observations[j]])),
            points: Object.fromEntries(names.map((k, j) => [k, points[j]])),
            multivariate,
          },
        });
      }
    }
  }
  // One Python process for every case: importing Optuna takes seconds.
  let theirs: number[][] = [];
  beforeAll(() => {
    theirs = py(['parzen'], JSON.stringify(cases.map((c) => c.spec))) as number[][];
  });
  it.each(cases.map((c, i) => ({ ...c, i })))('$label: same log-densities', ({ ours, i }) => {
    expect(theirs[i]).toHaveLength(ours.length);
    for (let j = 0; j < ours.length; j++) expect(ours[j], `point ${j}`).toBeCloseTo(theirs[i][j], 9);
  });
});

describe('TPE journal round trip with Optuna 3.1', () => {
  it('Optuna continues a study that bonito TPE ran, and bonito continues it again', async () => {
    const path = join(dir, 'bonito-first.jsonl');
    const study = await createStudy({
      name: 'tpe',
      storage: new JournalFileBackend(path),
      sampler: new TPESampler({ seed: 1 }),
      onWarning: () => {},
    });
    await study.optimize(objective, { nTrials: 15 });
    const trials = py(['continue', path, 'tpe', '10']) as PyTrial[];
    expect(trials).toHaveLength(25);
    expect(trials.every((t) => t.state === 'COMPLETE')).toBe(true);
    // Optuna read bonito's trials as its own: the first 15 are unchanged.
    expect(trials.slice(0, 15).map((t) => t.value)).toEqual(study.trials.map((t) => t.value));

    const again = await loadStudy({
      name: 'tpe',
      storage: new JournalFileBackend(path),
      sampler: new TPESampler({ seed: 1 }),
      onWarning: () => {},
    });
    await again.optimize(objective, { nTrials: 5 });
    expect(again.trials).toHaveLength(30);
    for (const t of again.trials.slice(25)) {
      expect(t.state).toBe('COMPLETE');
      for (const [name, d] of Object.entries(t.distributions)) expect(contains(d, t.params[name])).toBe(true);
    }
  });

  it('bonito TPE continues a study that Optuna TPE ran, and models its trials', async () => {
    const path = join(dir, 'optuna-first.jsonl');
    const before = py(['start', path, 'opt', '30']) as PyTrial[];
    expect(before).toHaveLength(30);
    const study = await loadStudy({
      name: 'opt',
      storage: new JournalFileBackend(path),
      sampler: new TPESampler({ seed: 3 }),
      onWarning: () => {},
    });
    expect(study.trials.map((t) => t.value)).toEqual(before.map((t) => t.value));
    await study.optimize(objective, { nTrials: 20 });
    const added = study.trials.slice(30);
    expect(added.every((t) => t.state === 'COMPLETE')).toBe(true);
    // Past start-up from the first new trial: the model of Optuna's 30 trials concentrates the new
    // ones near the optima (x = ±1), which 20 uniform draws on [-5, 5] would not do.
    const near = added.filter((t) => Math.abs(Math.abs(t.params.x as number) - 1) < 1.5).length;
    expect(near).toBeGreaterThanOrEqual(12);
    const after = py(['continue', path, 'opt', '1']) as PyTrial[];
    expect(after).toHaveLength(51);
  });
});
