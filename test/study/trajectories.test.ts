// Whole study trajectories, pinned to the bit. Each study below runs a fixed seed for 40 trials and
// its trials (every parameter and value as the hex of its float64, categorical choices as JSON)
// are hashed; test/fixtures/trajectories.json holds the hashes recorded from the wasm build that
// still exported the test-only kernels (issue #11). Any change that moves one bit of a sampler's
// output (a kernel's summation order, the wasm layout, an RNG stream) fails here by name; a
// deliberate change re-records with `npx vitest run test/study/trajectories.test.ts -u` and says so
// in its commit.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ackley, branin, hartmann6, type TestFunction } from '../../src/bench/index.js';
import { createStudy, type FrozenTrial } from '../../src/index.js';
import type { Sampler } from '../../src/samplers/base.js';
import { CmaEsSampler, GPSampler, NSGAIISampler, RandomSampler, SobolSampler, TPESampler } from '../../src/samplers/index.js';
import type { SuggestingTrial } from '../../src/trial/index.js';

const N_TRIALS = 40;

function float64Hex(x: number): string {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  return view.getBigUint64(0).toString(16).padStart(16, '0');
}

function exact(value: unknown): string {
  return typeof value === 'number' ? float64Hex(value) : JSON.stringify(value);
}

/** Every trial's state, parameters (sorted by name) and values, exactly, as one digest. */
function trajectoryHash(trials: readonly FrozenTrial[]): string {
  const hash = createHash('sha256');
  for (const t of trials) {
    const params = Object.keys(t.params)
      .sort()
      .map((name) => `${name}=${exact(t.params[name])}`);
    const values = (t.values ?? []).map(exact);
    hash.update(`${t.number} ${t.state} ${params.join(',')} -> ${values.join(',')}\n`);
  }
  return hash.digest('hex');
}

async function run(
  sampler: Sampler | undefined,
  objective: (t: SuggestingTrial) => number | number[],
  extra: { seed: number; directions?: ('minimize' | 'maximize')[]; constraints?: (t: FrozenTrial) => number[] },
): Promise<string> {
  const study = await createStudy({ ...extra, ...(sampler ? { sampler } : {}), onWarning: () => {} });
  await study.optimize(objective, { nTrials: N_TRIALS });
  expect(study.trials).toHaveLength(N_TRIALS);
  return trajectoryHash(study.trials);
}

function onFunction(f: TestFunction): (t: SuggestingTrial) => number {
  return (t) => f.evaluate(f.bounds.map(([low, high], i) => t.suggestFloat(`x${i}`, low, high)));
}

// Log float, int and categorical: the GP's one-hot and rounding paths.
function mixed(t: SuggestingTrial): number {
  const lr = t.suggestFloat('lr', 1e-4, 1, { log: true });
  const units = t.suggestInt('units', 4, 64);
  const act = t.suggestCategorical('act', ['relu', 'tanh', 'gelu']);
  const x = t.suggestFloat('x', -2, 2);
  return ((lr - 0.003) * 100) ** 2 + ((units - 30) / 20) ** 2 + (act === 'tanh' ? 0 : 0.7) + x * x * (x - 1) * (x + 1.5);
}

const studies: Record<string, () => Promise<string>> = {
  'default sampler (GP) on Branin': () => run(undefined, onFunction(branin), { seed: 11 }),
  'default sampler (GP) on Hartmann6': () => run(undefined, onFunction(hartmann6), { seed: 12 }),
  'default sampler (GP) on Ackley-10': () => run(undefined, onFunction(ackley(10)), { seed: 13 }),
  'GP on a mixed space': () => run(new GPSampler(), mixed, { seed: 14 }),
  'constrained GP on Branin': () =>
    run(new GPSampler(), onFunction(branin), {
      seed: 15,
      constraints: (t) => [(t.params.x0 as number) + (t.params.x1 as number) - 8],
    }),
  'Sobol on Hartmann6': () => run(new SobolSampler(), onFunction(hartmann6), { seed: 16 }),
  'random on a mixed space': () => run(new RandomSampler(), mixed, { seed: 17 }),
  'TPE on Hartmann6': () => run(new TPESampler(), onFunction(hartmann6), { seed: 18 }),
  'CMA-ES on Ackley-10': () => run(new CmaEsSampler(), onFunction(ackley(10)), { seed: 19 }),
  'NSGA-II on two objectives': () =>
    run(
      new NSGAIISampler({ populationSize: 10 }),
      (t) => {
        const x = t.suggestFloat('x', 0, 1);
        const y = t.suggestFloat('y', 0, 1);
        return [x, (1 + 9 * y) * (1 - Math.sqrt(x / (1 + 9 * y)))];
      },
      { seed: 20, directions: ['minimize', 'minimize'] },
    ),
  'default sampler (GP, log-EHVI) on two objectives': () =>
    run(
      undefined,
      (t) => {
        const x = t.suggestFloat('x', 0, 1);
        const y = t.suggestFloat('y', 0, 1);
        return [x, (1 + 9 * y) * (1 - (x / (1 + 9 * y)) ** 2)];
      },
      { seed: 21, directions: ['minimize', 'minimize'] },
    ),
  'constrained GP (log-EHVI + log PoF) on three objectives': () =>
    run(
      new GPSampler(),
      (t) => {
        const a = t.suggestFloat('a', 0, 1);
        const b = t.suggestFloat('b', 0, 1);
        const n = t.suggestInt('n', 0, 4);
        const g = 1 + (n - 2) ** 2 / 4;
        return [g * Math.cos(a) * Math.cos(b), g * Math.cos(a) * Math.sin(b), -g * Math.sin(a)];
      },
      {
        seed: 22,
        directions: ['minimize', 'minimize', 'maximize'],
        constraints: (t) => [(t.params.a as number) + (t.params.b as number) - 1.5],
      },
    ),
};

describe('study trajectories are bit-identical to the recorded ones', () => {
  it('matches every recorded hash', async () => {
    const hashes: Record<string, string> = {};
    for (const [name, study] of Object.entries(studies)) hashes[name] = await study();
    await expect(`${JSON.stringify(hashes, null, 2)}\n`).toMatchFileSnapshot('../fixtures/trajectories.json');
  }, 120_000);
});
