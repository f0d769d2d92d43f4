import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// `bonito/tfjs` and the dataset readers of `bonito/node` as a user's project sees them: the
// built dist/ (npm test builds first) run by plain Node, outside vitest's module loader.
const run = promisify(execFile);
const root = new URL('../..', import.meta.url).pathname;
let project: string;

beforeAll(() => {
  project = mkdtempSync(join(tmpdir(), 'bonito-tfjs-user-'));
  mkdirSync(join(project, 'node_modules'));
  symlinkSync(root, join(project, 'node_modules', 'bonito'), 'dir');
  writeFileSync(join(project, 'package.json'), JSON.stringify({ type: 'module' }));
});

afterAll(() => rmSync(project, { recursive: true, force: true }));

describe("bonito/tfjs as a user's project sees it", () => {
  it('trains on the wasm backend and loads the shipped data sets under plain Node', async () => {
    writeFileSync(
      join(project, 'user.mjs'),
      `
      import { init } from 'bonito';
      import { assertTfjsBackend, loadIris, loadMnist, trainAndScore } from 'bonito/tfjs';
      import { loadCars } from 'bonito/node';
      await init();
      const first = { suggestInt: (n, lo) => lo, suggestFloat: (n, lo) => lo, suggestCategorical: (n, c) => c[0] };
      const r = await trainAndScore(first, { data: loadIris(), model: { epochs: 2, learningRate: 0.01 }, seed: 1 });
      assertTfjsBackend('wasm');
      console.log(JSON.stringify({ mean: r.mean, cars: loadCars().n, mnist: (await loadMnist({ size: 50, seed: 1 })).n }));
    `,
    );
    const { stdout } = await run(process.execPath, [join(project, 'user.mjs')], { cwd: project });
    const out = JSON.parse(stdout) as { mean: number; cars: number; mnist: number };
    expect(out.mean).toBeGreaterThanOrEqual(0);
    expect(out.mean).toBeLessThanOrEqual(1);
    expect([out.cars, out.mnist]).toEqual([392, 50]);
  });

  it('ships declarations a strict NodeNext project compiles against (skipLibCheck, which tfjs 4.22 needs)', async () => {
    writeFileSync(
      join(project, 'user.ts'),
      `
      import { loadIris, trainAndScore, type MlpSpace, type TrainResult, type TrainerTrial } from 'bonito/tfjs';
      declare const trial: TrainerTrial;
      const space: MlpSpace = { layers: { low: 1, high: 2 }, optimizer: ['adam', 'sgd'] };
      export const result: Promise<TrainResult> = trainAndScore(trial, { data: loadIris(), model: space, scoring: { kFold: 3 } });
    `,
    );
    writeFileSync(
      join(project, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          strict: true,
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          target: 'ES2022',
          noEmit: true,
          skipLibCheck: true,
          types: [],
        },
        files: ['user.ts'],
      }),
    );
    const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
    const result = await run(process.execPath, [tsc, '-p', project]).catch((e: { stdout: string }) => e);
    expect('stdout' in result ? result.stdout : '').toBe('');
  });
});
