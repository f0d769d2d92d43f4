// The wasm interface has one source of truth, the AssemblyScript in assembly/: this compiles it
// afresh (as `npm run build:wasm` does, in memory) and checks that src/core/exports.ts, its
// generated TypeScript view, and build/bonito.wasm, the module every other test loads, both come
// from it, and that the module's exports agree with the interface in name, arity and wasm type.
import { readFileSync } from 'node:fs';
import asc from 'assemblyscript/asc';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseBindings, parseCodes, render, wasmType, type CoreFunction } from '../../scripts/gen-core-exports.js';

const root = new URL('../../', import.meta.url);
const read = (path: string) => readFileSync(new URL(path, root));

interface Build {
  wasm: Uint8Array;
  wat: string;
  dts: string;
}

async function compile(): Promise<Build> {
  const out = new Map<string, Uint8Array | string>();
  const stderr = asc.createMemoryStream();
  const { error } = await asc.main(['assembly/index.ts', '--target', 'release'], {
    stdout: asc.createMemoryStream(),
    stderr,
    writeFile: (name, contents) => void out.set(name, contents),
  });
  if (error) throw new Error(`asc failed: ${error.message}\n${stderr.toString()}`);
  const text = (name: string) => String(out.get(name));
  const wasm = out.get('build/bonito.wasm') as Uint8Array;
  return { wasm, wat: text('build/bonito.wat'), dts: text('build/bonito.d.ts') };
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

describe('the wasm interface (src/core/exports.ts) against the AssemblyScript source', () => {
  let build: Build;
  let functions: CoreFunction[];
  beforeAll(async () => {
    build = await compile();
    functions = parseBindings(build.dts);
  }, 180_000);

  it('src/core/exports.ts is what `npm run build:wasm` generates from the current source', () => {
    const expected = render(functions, parseCodes(read('assembly/codes.ts').toString('utf8')));
    expect(read('src/core/exports.ts').toString('utf8'), 'stale: run `npm run build:wasm`').toBe(expected);
  });

  it('build/bonito.wasm, which the other tests load, is the build of the current source', () => {
    expect(Buffer.compare(read('build/bonito.wasm'), build.wasm), 'stale: run `npm run build:wasm`').toBe(0);
  });

  it('the module exports its memory and exactly the interface, imports nothing, and each arity matches', () => {
    const module = new WebAssembly.Module(new Uint8Array(build.wasm));
    expect(WebAssembly.Module.imports(module)).toEqual([]);
    expect(WebAssembly.Module.exports(module)).toEqual([
      ...functions.map((f) => ({ name: f.name, kind: 'function' })),
      { name: 'memory', kind: 'memory' },
    ]);
    const instance = new WebAssembly.Instance(module, {}).exports as Record<string, (...args: unknown[]) => unknown>;
    for (const f of functions) expect(instance[f.name]!.length, f.name).toBe(f.params.length);
  });

  it('every parameter and result has the wasm type its AssemblyScript type compiles to', () => {
    const signatures = exportedSignatures(build.wat);
    expect([...signatures.keys()]).toEqual(functions.map((f) => f.name));
    for (const f of functions) {
      expect(signatures.get(f.name), f.name).toEqual({
        params: f.params.map((p) => wasmType(p.type, p.name)),
        result: f.result === 'void' ? 'void' : wasmType(f.result, f.name),
      });
    }
  });

  it('names every export after its file', () => {
    for (const f of functions) {
      if (f.file === 'assembly/index.ts') continue;
      const prefix = /assembly\/([\w-]+)\.ts/.exec(f.file)![1]!.replaceAll('-', '_');
      expect(f.name === prefix || f.name.startsWith(`${prefix}_`), `${f.name} of ${f.file}`).toBe(true);
    }
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
