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

  it('ships TypeScript declarations that a strict NodeNext project compiles against', async () => {
    writeFileSync(
      join(project, 'user.ts'),
      `import { init, Rng, type Seed } from 'bonito';\nawait init();\nconst seed: Seed = 3n;\nconst u: Float64Array = new Rng(seed).uniform(3);\nexport { u };\n`,
    );
    writeFileSync(
      join(project, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: { strict: true, module: 'NodeNext', moduleResolution: 'NodeNext', target: 'ES2022', noEmit: true, skipLibCheck: false, types: [] },
        files: ['user.ts'],
      }),
    );
    const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
    const result = await run(process.execPath, [tsc, '-p', project]).catch((e: { stdout: string }) => e);
    expect('stdout' in result ? result.stdout : '').toBe('');
  });
});
