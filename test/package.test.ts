import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// A throwaway user project whose node_modules/bonito links to this package as built in dist/
// (npm test builds first): it checks the exports map, the shipped .wasm and the typings.
const run = promisify(execFile);
const root = new URL('..', import.meta.url).pathname;
let project: string;

beforeAll(() => {
  project = mkdtempSync(join(tmpdir(), 'bonito-user-'));
  mkdirSync(join(project, 'node_modules'));
  symlinkSync(root, join(project, 'node_modules', 'bonito'), 'dir');
  // A Node user's @types/node, for the bonito/node typings (the core's compile without it).
  mkdirSync(join(project, 'node_modules', '@types'));
  symlinkSync(join(root, 'node_modules', '@types', 'node'), join(project, 'node_modules', '@types', 'node'), 'dir');
  writeFileSync(join(project, 'package.json'), JSON.stringify({ type: 'module' }));
});

afterAll(() => rmSync(project, { recursive: true, force: true }));

describe("the package as a user's project sees it", () => {
  it("import { init, Rng } from 'bonito' loads the shipped wasm with no argument", async () => {
    const script = `
      import { init, Rng, isInitialized } from 'bonito';
      import { wasmPath } from 'bonito/node';
      await init();
      console.log(JSON.stringify({ ok: isInitialized(), u: Array.from(new Rng(42).uniform(2)), wasm: wasmPath() }));
    `;
    writeFileSync(join(project, 'user.mjs'), script);
    const { stdout } = await run(process.execPath, [join(project, 'user.mjs')], { cwd: project });
    const out = JSON.parse(stdout) as { ok: boolean; u: number[]; wasm: string };
    expect(out.ok).toBe(true);
    expect(out.u).toHaveLength(2);
    expect(out.wasm).toMatch(/dist\/bonito\.wasm$/);
  });

  // Every entry's typings are compiled with skipLibCheck false, so a declaration that names a type
  // stripInternal removed (or one never exported) fails here. Each entry is re-exported whole, which
  // makes tsc check every declaration file it reaches. The core entries compile without @types/node.
  it('ships TypeScript declarations that a strict NodeNext project compiles against', async () => {
    const out = await compileUser(
      `import { init, Rng, type Seed } from 'bonito';
      import { GaussianProcess, logExpectedImprovement, erfc, Sobol, type GaussianProcessFitStatus } from 'bonito/numeric';
      import { branin, runRegret, type TestFunction } from 'bonito/bench';
      export * as core from 'bonito';
      export * as numeric from 'bonito/numeric';
      export * as bench from 'bonito/bench';
      await init();
      const seed: Seed = 3n;
      export const u: Float64Array = new Rng(seed).uniform(3);
      const gp = GaussianProcess.fit([0.1, 0.5, 0.9], [1, 0, 1], { d: 1 });
      export const status: GaussianProcessFitStatus = gp.fitStatus;
      export const f: TestFunction = branin;
      export const values = [erfc(1), logExpectedImprovement(0, 1, 0), new Sobol(2).random(1), runRegret];`,
      [],
    );
    expect(out).toBe('');
  });

  // tfjs 4.22's own declarations do not pass skipLibCheck false (which is why its users set
  // skipLibCheck true); bonito's declarations must still be clean, so only errors located in
  // @tensorflow's files are allowed here.
  it("bonito/node and bonito/tfjs typings compile with @types/node (TensorFlow.js's own declarations aside)", async () => {
    const out = await compileUser(`export * as node from 'bonito/node';\nexport * as tfjs from 'bonito/tfjs';`, ['node']);
    const located = out.split('\n').filter((line) => /error TS\d+/.test(line));
    expect(located.filter((line) => !line.includes('node_modules/@tensorflow/'))).toEqual([]);
  });

  it('the root export is what a study needs; numeric building blocks and test functions are in subpaths', async () => {
    const [core, numeric, bench] = await Promise.all(
      ['dist/index.js', 'dist/numeric.js', 'dist/bench/index.js'].map(
        (path) => import(join(root, path)) as Promise<Record<string, unknown>>,
      ),
    );
    for (const name of ['branin', 'runRegret', 'GaussianProcess', 'erfc', 'logExpectedImprovement', 'maximizeAcquisition'])
      expect(core).not.toHaveProperty(name);
    for (const name of ['createStudy', 'GPSampler', 'Rng', 'Sobol', 'init']) expect(core).toHaveProperty(name);
    for (const name of ['GaussianProcess', 'erfc', 'ndtri', 'maximizeAcquisition', 'Rng', 'Sobol', 'sobolPoint', 'init'])
      expect(numeric).toHaveProperty(name);
    for (const name of ['branin', 'runRegret', 'runBenchmark', 'zdt1', 'quartiles', 'centeredDiscrepancy'])
      expect(bench).toHaveProperty(name);
  });
});

/** Type-checks `code` as the user project's only file; returns tsc's output ('' when clean). */
async function compileUser(code: string, types: string[]): Promise<string> {
  writeFileSync(join(project, 'user.ts'), `${code}\n`);
  writeFileSync(
    join(project, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        strict: true,
        module: 'NodeNext',
        moduleResolution: 'NodeNext',
        target: 'ES2022',
        noEmit: true,
        skipLibCheck: false,
        types,
      },
      files: ['user.ts'],
    }),
  );
  const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
  const result = await run(process.execPath, [tsc, '-p', project]).catch((e: { stdout: string }) => e);
  return 'stdout' in result ? result.stdout : '';
}
