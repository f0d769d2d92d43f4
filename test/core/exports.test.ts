// The wasm interface has one source of truth, the AssemblyScript in assembly/: this compiles both
// builds afresh (as `npm run build:wasm` does, in memory) and checks, for each, that its generated
// TypeScript view and its file in build/ come from the current source and that the module's exports
// agree with the view in name, arity and wasm type. The shipped build (assembly/index.ts →
// build/bonito.wasm, src/core/exports.ts) must export only what src/ calls; the test build
// (assembly/testing.ts → build/bonito-test.wasm, test/helpers/test-exports.ts) adds the kernels
// only tests call.
import { readdirSync, readFileSync } from 'node:fs';
import asc from 'assemblyscript/asc';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  parseBindings,
  parseCodes,
  render,
  renderTestExports,
  testOnly,
  wasmType,
  type CoreFunction,
} from '../../scripts/gen-core-exports.js';
import { testCore } from '../helpers/test-core.js';

const root = new URL('../../', import.meta.url);
const read = (path: string) => readFileSync(new URL(path, root));

interface Build {
  wasm: Uint8Array;
  wat: string;
  functions: CoreFunction[];
}

// The two asc commands of `npm run build:wasm` (checked below), and where each writes.
const SHIPPED = {
  args: 'assembly/index.ts --target release',
  wasm: 'build/bonito.wasm',
  wat: 'build/bonito.wat',
  dts: 'build/bonito.d.ts',
};
const TEST = {
  args: 'assembly/testing.ts --target release --outFile build/bonito-test.wasm --textFile build/bonito-test.wat',
  wasm: 'build/bonito-test.wasm',
  wat: 'build/bonito-test.wat',
  dts: 'build/bonito-test.d.ts',
};

async function compile(target: typeof SHIPPED): Promise<Build> {
  const out = new Map<string, Uint8Array | string>();
  const stderr = asc.createMemoryStream();
  const { error } = await asc.main(target.args.split(' '), {
    stdout: asc.createMemoryStream(),
    stderr,
    writeFile: (name, contents) => void out.set(name, contents),
  });
  if (error) throw new Error(`asc failed: ${error.message}\n${stderr.toString()}`);
  const text = (name: string) => String(out.get(name));
  return { wasm: out.get(target.wasm) as Uint8Array, wat: text(target.wat), functions: parseBindings(text(target.dts)) };
}

/** Wasm parameter and result types of each exported function, read from the text format. */
function exportedSignatures(wat: string): Map<string, { params: string[]; result: string }> {
  const funcs = new Map<string, { params: string[]; result: string }>();
  for (const m of wat.matchAll(/^ \(func (\$\S+)((?: \(param \$\d+ \w+\))*)(?: \(result (\w+)\))?/gm)) {
    const params = [...m[2]!.matchAll(/\(param \$\d+ (\w+)\)/g)].map((p) => p[1]!);
    funcs.set(m[1]!, { params, result: m[3] ?? 'void' });
  }
  const signatures = new Map<string, { params: string[]; result: string }>();
  for (const m of wat.matchAll(/^ \(export "(\w+)" \(func (\$\S+)\)\)$/gm)) signatures.set(m[1]!, funcs.get(m[2]!)!);
  return signatures;
}

/** The text of every .ts file under `dir` (relative to the repository), `skip` left out. */
function sources(dir: string, skip: string): string {
  return readdirSync(new URL(dir, root), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts') && `${dir}${f}` !== skip)
    .map((f) => read(`${dir}${f}`).toString('utf8'))
    .join('\n');
}

const builds: Record<'shipped' | 'test', Build> = {} as never;
beforeAll(async () => {
  builds.shipped = await compile(SHIPPED);
  builds.test = await compile(TEST);
}, 180_000);

it('`npm run build:wasm` runs exactly the two asc commands compiled here', () => {
  const script = JSON.parse(read('package.json').toString('utf8')).scripts['build:wasm'] as string;
  const commands = script.split(' && ').filter((c) => c.startsWith('asc '));
  expect(commands).toEqual([`asc ${SHIPPED.args}`, `asc ${TEST.args}`]);
});

describe.each([
  { name: 'shipped', target: SHIPPED, view: 'src/core/exports.ts' },
  { name: 'test', target: TEST, view: 'test/helpers/test-exports.ts' },
] as const)('the $name build against the AssemblyScript source', ({ name, target, view }) => {
  it(`${view} is what \`npm run build:wasm\` generates from the current source`, () => {
    const expected =
      name === 'shipped'
        ? render(builds.shipped.functions, parseCodes(read('assembly/codes.ts').toString('utf8')))
        : renderTestExports(testOnly(builds.shipped.functions, builds.test.functions));
    expect(read(view).toString('utf8'), 'stale: run `npm run build:wasm`').toBe(expected);
  });

  it(`${target.wasm} is the build of the current source`, () => {
    expect(Buffer.compare(read(target.wasm), builds[name].wasm), 'stale: run `npm run build:wasm`').toBe(0);
  });

  it('the module exports its memory and exactly the interface, imports nothing, and each arity matches', () => {
    const { wasm, functions } = builds[name];
    const module = new WebAssembly.Module(new Uint8Array(wasm));
    expect(WebAssembly.Module.imports(module)).toEqual([]);
    expect(WebAssembly.Module.exports(module)).toEqual([
      ...functions.map((f) => ({ name: f.name, kind: 'function' })),
      { name: 'memory', kind: 'memory' },
    ]);
    const instance = new WebAssembly.Instance(module, {}).exports as Record<string, (...args: unknown[]) => unknown>;
    for (const f of functions) expect(instance[f.name]!.length, f.name).toBe(f.params.length);
  });

  it('every parameter and result has the wasm type its AssemblyScript type compiles to', () => {
    const { wat, functions } = builds[name];
    const signatures = exportedSignatures(wat);
    expect([...signatures.keys()]).toEqual(functions.map((f) => f.name));
    for (const f of functions) {
      expect(signatures.get(f.name), f.name).toEqual({
        params: f.params.map((p) => wasmType(p.type, p.name)),
        result: f.result === 'void' ? 'void' : wasmType(f.result, f.name),
      });
    }
  });

  it('names every export after its file', () => {
    for (const f of builds[name].functions) {
      if (f.file === 'assembly/index.ts') continue;
      const prefix = /assembly\/([\w-]+)\.ts/.exec(f.file)![1]!.replaceAll('-', '_');
      expect(f.name === prefix || f.name.startsWith(`${prefix}_`), `${f.name} of ${f.file}`).toBe(true);
    }
  });
});

describe('which build exports what', () => {
  const called = (code: string, name: string) => new RegExp(`\\b${name}\\b`).test(code);

  it('the shipped build exports only what src/ calls, and src/ calls no test-only kernel', () => {
    const src = sources('src/', 'src/core/exports.ts');
    const extra = testOnly(builds.shipped.functions, builds.test.functions);
    expect(builds.shipped.functions.filter((f) => !called(src, f.name)).map((f) => f.name)).toEqual([]);
    expect(extra.filter((f) => called(src, f.name)).map((f) => f.name)).toEqual([]);
  });

  it('the test build adds the kernels tests call directly, and each is called by a test', () => {
    const tests = sources('test/', 'test/helpers/test-exports.ts');
    const extra = testOnly(builds.shipped.functions, builds.test.functions).map((f) => f.name);
    expect(extra).toEqual([
      'linalg_dot',
      'linalg_axpy',
      'linalg_chol_factor',
      'linalg_solve_lower_many',
      'kernel_matrix',
      'kernel_gram',
      'kernel_grad_x',
      'kernel_grad_hyper',
      'acquisition_log_h',
      'acquisition_log_h_derivative',
    ]);
    expect(extra.filter((name) => !called(tests, name))).toEqual([]);
  });

  it('test files outside TEST_BUILD_TESTS (vitest.config.ts), like this one, run on the shipped build', () => {
    expect(() => testCore()).toThrow('the loaded core is the shipped build, which does not export `linalg_dot`');
  });
});

describe('scripts/gen-core-exports.ts refuses what it cannot mirror faithfully', () => {
  const typings = (file: string, name: string, tags: string, params: string) =>
    'declare namespace __AdaptedExports {\n  /** Exported memory */\n  export const memory: WebAssembly.Memory;\n' +
    `  /**\n   * assembly/${file}/${name}\n${tags}   */\n  export function ${name}(${params}): void;\n}\n`;

  it('reads a well-formed export', () => {
    const tags = '   * @param n `i32`\n   * @param s `u64`\n';
    expect(parseBindings(typings('gp-log-ei', 'gp_log_ei_x', tags, 'n: number, s: bigint'))).toEqual([
      {
        name: 'gp_log_ei_x',
        file: 'assembly/gp-log-ei.ts',
        params: [
          { name: 'n', type: 'i32' },
          { name: 's', type: 'u64' },
        ],
        result: 'void',
      },
    ]);
  });

  it('rejects an export not named after its file (the old acq_ prefix)', () => {
    const misnamed = typings('gp-acquisition', 'acq_roulette_weights', '   * @param n `i32`\n', 'n: number');
    expect(() => parseBindings(misnamed)).toThrow(
      '`acq_roulette_weights` comes from assembly/gp-acquisition.ts, so its name must start with `gp_acquisition_`.',
    );
  });

  it('rejects a type that needs the AssemblyScript runtime', () => {
    expect(() => parseBindings(typings('rng', 'rng_name', '   * @param s `~lib/string/String`\n', 's: string'))).toThrow(
      /cannot read|runtime-free/,
    );
    expect(() => parseBindings(typings('rng', 'rng_name', '   * @param s `string`\n', 's: string'))).toThrow(
      'parameter `s` of `rng_name` has type `string`, which the runtime-free core cannot pass.',
    );
    // A name that Object.prototype carries is no type either.
    expect(() => parseBindings(typings('rng', 'rng_name', '   * @param s `constructor`\n', 's: number'))).toThrow(
      'parameter `s` of `rng_name` has type `constructor`',
    );
  });

  it('rejects a test build that drops or retypes a shipped export', () => {
    const f = (name: string, type: string): CoreFunction => ({
      name,
      file: 'assembly/rng.ts',
      params: [{ name: 'n', type }],
      result: 'void',
    });
    expect(testOnly([f('rng_a', 'i32')], [f('rng_a', 'i32'), f('rng_b', 'i32')])).toEqual([f('rng_b', 'i32')]);
    expect(() => testOnly([f('rng_a', 'i32')], [f('rng_b', 'i32')])).toThrow(
      'the test build does not export `rng_a`, which the shipped build does.',
    );
    expect(() => testOnly([f('rng_a', 'i32')], [f('rng_a', 'f64')])).toThrow('the test build types `rng_a` differently.');
  });

  const code = (name: string, value: string, doc = '/** A code. */') =>
    `${doc}\n// @ts-ignore: decorator\n@inline export const ${name}: i32 = ${value};\n`;

  it('reads codes with their docs and group headings', () => {
    expect(parseCodes(`// Kinds of x.\n\n${code('SPECIAL_A', '0')}${code('SPECIAL_B', '-1')}`)).toEqual([
      { name: 'SPECIAL_A', value: 0, doc: 'A code.', heading: ['// Kinds of x.'] },
      { name: 'SPECIAL_B', value: -1, doc: 'A code.' },
    ]);
  });

  it('rejects two codes under one heading with the same value, a computed code and an undocumented one', () => {
    expect(() => parseCodes(code('LBFGS_A', '2') + code('LBFGS_B', '2'))).toThrow('`LBFGS_B` and `LBFGS_A` share the value 2.');
    expect(parseCodes(`// Group A.\n${code('LBFGS_A', '2')}\n// Group B.\n${code('SOBOL_A', '2')}`)).toHaveLength(2);
    expect(() => parseCodes(code('LBFGS_A', '1 << 2'))).toThrow('is not `@inline export const NAME: i32 = <integer>;`');
    expect(() => parseCodes(code('LBFGS_A', '2', ''))).toThrow('needs a one-line /** doc */');
  });
});
