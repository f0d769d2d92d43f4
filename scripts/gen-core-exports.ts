// Writes src/core/exports.ts, the TypeScript view of the wasm core, from the AssemblyScript build:
// the functions from the typings asc emits beside build/bonito.wasm (`"bindings": ["raw"]` in
// asconfig.json), the numeric codes from assembly/codes.ts. It also writes
// test/helpers/test-exports.ts, the view of what the test build (build/bonito-test.wasm, from
// assembly/testing.ts) exports beyond the shipped one. Run by `npm run build:wasm`;
// test/core/exports.test.ts runs the same functions on fresh in-memory compiles and fails when a
// committed file differs or a module disagrees with it.
//
// The parsers are strict on purpose: anything they do not recognise (a new AssemblyScript type, a
// code that is not an integer literal, an export named after another file) stops the build with a
// message, rather than producing an interface that only looks right.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** One exported function as the AssemblyScript source declares it. */
export interface CoreFunction {
  name: string;
  /** Source file, e.g. `assembly/rng.ts`. */
  file: string;
  params: { name: string; type: string }[];
  /** AssemblyScript result type, `void` for none. */
  result: string;
}

/** One numeric code of assembly/codes.ts. */
export interface CoreCode {
  name: string;
  value: number;
  doc: string;
  /** The `//` paragraph that opens the code's group, on its first code. */
  heading?: string[];
}

// AssemblyScript value types that can cross the boundary without a runtime, with their wasm type.
// The loader hands out the raw instance exports, so these are the raw JavaScript types too:
// 64-bit integers arrive as BigInts, everything else (bool and usize included) as numbers.
const WASM_TYPE: Record<string, string> = {
  bool: 'i32',
  i8: 'i32',
  u8: 'i32',
  i16: 'i32',
  u16: 'i32',
  i32: 'i32',
  u32: 'i32',
  isize: 'i32',
  usize: 'i32',
  i64: 'i64',
  u64: 'i64',
  f32: 'f32',
  f64: 'f64',
};

/** The wasm value type of an AssemblyScript parameter or result type; throws for any other type. */
export function wasmType(asType: string, where: string): string {
  const t = Object.hasOwn(WASM_TYPE, asType) ? WASM_TYPE[asType] : undefined;
  if (t === undefined) throw new Error(`gen-core-exports: ${where} has type \`${asType}\`, which the runtime-free core cannot pass.`);
  return t;
}

function tsType(asType: string, where: string): string {
  return wasmType(asType, where) === 'i64' ? 'bigint' : 'number';
}

/**
 * The exported functions, in export order, from asc's raw-bindings typings (build/bonito.d.ts).
 * Checks that the module exports its memory and that every function outside assembly/index.ts is
 * named after its file (assembly/gp-log-ei.ts → `gp_log_ei` or `gp_log_ei_*`).
 */
export function parseBindings(dts: string): CoreFunction[] {
  const body = /declare namespace __AdaptedExports \{\n([\s\S]*?)\n\}\n/.exec(dts)?.[1];
  if (body === undefined) throw new Error('gen-core-exports: no `__AdaptedExports` namespace in the typings.');
  const entries = body.split(/\n(?= {2}\/\*\*)/);
  if (!/^ {2}\/\*\* Exported memory \*\/\n {2}export const memory: WebAssembly\.Memory;$/.test(entries[0] ?? '')) {
    throw new Error('gen-core-exports: the module must export its memory first.');
  }
  return entries.slice(1).map(parseFunction);
}

function parseFunction(entry: string): CoreFunction {
  const m = /^ {2}\/\*\*\n {3}\* assembly\/([\w-]+)\/(\w+)\n((?: {3}\* @\w+ .*\n)*) {3}\*\/\n {2}export function (\w+)\((.*)\): \w+;$/.exec(
    entry,
  );
  if (!m) throw new Error(`gen-core-exports: cannot read this export of the typings:\n${entry}`);
  const [, file, name, tags, declared, declaredParams] = m as unknown as string[];
  if (name !== declared) throw new Error(`gen-core-exports: \`${declared}\` is documented as \`${name}\`.`);
  const params: CoreFunction['params'] = [];
  let result = 'void';
  for (const tag of tags!.split('\n').filter(Boolean)) {
    const t = /^ {3}\* @(param (\w+)|returns) `(\w+)`$/.exec(tag);
    if (!t) throw new Error(`gen-core-exports: cannot read \`${tag.trim()}\` of \`${name}\`.`);
    if (t[2] !== undefined) params.push({ name: t[2], type: t[3]! });
    else result = t[3]!;
  }
  const names = declaredParams!
    .split(', ')
    .filter(Boolean)
    .map((p) => p.split(':')[0]);
  if (names.join() !== params.map((p) => p.name).join()) {
    throw new Error(`gen-core-exports: the parameters of \`${name}\` disagree between its signature and its tags.`);
  }
  for (const p of params) wasmType(p.type, `parameter \`${p.name}\` of \`${name}\``);
  if (result !== 'void') wasmType(result, `the result of \`${name}\``);
  const prefix = file!.replaceAll('-', '_');
  if (file !== 'index' && name !== prefix && !name!.startsWith(`${prefix}_`)) {
    throw new Error(`gen-core-exports: \`${name}\` comes from assembly/${file}.ts, so its name must start with \`${prefix}_\`.`);
  }
  return { name: name!, file: `assembly/${file}.ts`, params, result };
}

/**
 * The codes of assembly/codes.ts: each a one-line doc comment, the decorator comment, then
 * `@inline export const NAME: i32 = <integer>;`. A `//` paragraph opens a group (and becomes its
 * heading); the codes of one group must differ.
 */
export function parseCodes(source: string): CoreCode[] {
  const codes: CoreCode[] = [];
  const lines = source.split('\n');
  let paragraph: string[] = [];
  let heading: string[] | undefined;
  lines.forEach((line, i) => {
    if (line.startsWith('// ') && line !== '// @ts-ignore: decorator') {
      paragraph.push(line);
      return;
    }
    if (paragraph.length > 0) [heading, paragraph] = [paragraph, []];
    if (!/\bexport\b/.test(line)) return;
    const m = /^@inline export const ([A-Z][A-Z0-9_]*): i32 = (-?\d+);$/.exec(line);
    if (!m) throw new Error(`gen-core-exports: assembly/codes.ts:${i + 1} is not \`@inline export const NAME: i32 = <integer>;\`.`);
    const doc = /^\/\*\* (.+) \*\/$/.exec(lines[i - 2] ?? '')?.[1];
    if (lines[i - 1] !== '// @ts-ignore: decorator' || doc === undefined) {
      throw new Error(`gen-core-exports: assembly/codes.ts:${i + 1} needs a one-line /** doc */ and the decorator comment above it.`);
    }
    codes.push({ name: m[1]!, value: Number(m[2]), doc, ...(heading ? { heading } : {}) });
    heading = undefined;
  });
  let seen = new Map<number, string>();
  for (const c of codes) {
    if (c.heading) seen = new Map();
    const other = seen.get(c.value);
    if (other !== undefined) throw new Error(`gen-core-exports: \`${c.name}\` and \`${other}\` share the value ${c.value}.`);
    seen.set(c.value, c.name);
  }
  return codes;
}

// The formatter's line width (biome.json).
const WIDTH = 140;

/** The text of src/core/exports.ts. */
export function render(functions: CoreFunction[], codes: CoreCode[]): string {
  const out = [
    '// Generated by scripts/gen-core-exports.ts from the AssemblyScript build (`npm run build:wasm`):',
    '// do not edit. The functions are the exports of assembly/index.ts as asc types them, the codes',
    '// those of assembly/codes.ts. test/core/exports.test.ts fails when this file is stale.',
    '',
    '/**',
    ' * The flat ABI of build/bonito.wasm. Pointers (`usize`) are byte offsets into `memory`; 64-bit',
    ' * integers are BigInts. Each comment gives the AssemblyScript signature.',
    ' * @internal',
    ' */',
    'export interface CoreExports {',
    '  memory: WebAssembly.Memory;',
    ...members(functions),
    '}',
  ];
  for (const c of codes) {
    if (c.heading) out.push('', ...c.heading, '');
    out.push(`/** ${c.doc} */`, `export const ${c.name} = ${c.value};`);
  }
  return `${out.join('\n')}\n`;
}

/**
 * The functions only the test build exports: those of `test` that `shipped` lacks. Throws when the
 * test build drops a shipped export or types one differently, since tests that load it must be
 * able to run everything the shipped core can.
 */
export function testOnly(shipped: CoreFunction[], test: CoreFunction[]): CoreFunction[] {
  const byName = new Map(test.map((f) => [f.name, f]));
  for (const f of shipped) {
    const t = byName.get(f.name);
    if (t === undefined) throw new Error(`gen-core-exports: the test build does not export \`${f.name}\`, which the shipped build does.`);
    if (JSON.stringify(t) !== JSON.stringify(f)) throw new Error(`gen-core-exports: the test build types \`${f.name}\` differently.`);
  }
  const shippedNames = new Set(shipped.map((f) => f.name));
  return test.filter((f) => !shippedNames.has(f.name));
}

/** The text of test/helpers/test-exports.ts: the test build's extra functions. */
export function renderTestExports(extra: CoreFunction[]): string {
  const out = [
    '// Generated by scripts/gen-core-exports.ts from the test build (`npm run build:wasm`): do not edit.',
    '// The functions assembly/testing.ts exports beyond the shipped assembly/index.ts: kernels only',
    '// tests call directly. test/core/exports.test.ts fails when this file is stale.',
    "import type { CoreExports } from '../../src/core/exports.js';",
    '',
    '/** The names of the test-only exports, in export order. */',
    ...namesConst(extra.map((f) => `'${f.name}'`)),
    '',
    '/** The flat ABI of build/bonito-test.wasm: the shipped one plus the test-only kernels. */',
    'export interface TestCoreExports extends CoreExports {',
    ...members(extra).slice(1),
    '}',
  ];
  return `${out.join('\n')}\n`;
}

// `export const TEST_ONLY_EXPORTS = [...] as const;`, broken over lines as the formatter would.
function namesConst(quoted: string[]): string[] {
  const oneLine = `export const TEST_ONLY_EXPORTS = [${quoted.join(', ')}] as const;`;
  if (oneLine.length <= WIDTH) return [oneLine];
  return ['export const TEST_ONLY_EXPORTS = [', ...quoted.map((q) => `  ${q},`), '] as const;'];
}

// Interface members, one group per source file, each with its AssemblyScript signature.
function members(functions: CoreFunction[]): string[] {
  const out: string[] = [];
  let file = '';
  for (const f of functions) {
    if (f.file !== file) out.push('', `  // ${f.file}`);
    file = f.file;
    const asParams = f.params.map((p) => `${p.name}: ${p.type}`);
    const tsParams = f.params.map((p) => `${p.name}: ${tsType(p.type, f.name)}`);
    const tsResult = f.result === 'void' ? 'void' : tsType(f.result, f.name);
    const asDoc = `(${asParams.join(', ')}): ${f.result}`;
    if (asDoc.length + 9 <= WIDTH) out.push(`  /** ${asDoc} */`);
    else out.push('  /**', ...packed(asDoc.split(/(?<=,) /), '   * '), '   */');
    // Laid out as the formatter (Biome, biome.json) would, so formatting the tree leaves it alone.
    const oneLine = `  ${f.name}(${tsParams.join(', ')}): ${tsResult};`;
    if (oneLine.length <= WIDTH) out.push(oneLine);
    else out.push(`  ${f.name}(`, ...tsParams.map((p) => `    ${p},`), `  ): ${tsResult};`);
  }
  return out;
}

// Words (here: parameters with their commas) packed into lines of at most WIDTH columns.
function packed(words: string[], indent: string): string[] {
  const lines: string[] = [];
  let current = '';
  for (const w of words) {
    if (current && indent.length + current.length + 1 + w.length > WIDTH) {
      lines.push(indent + current);
      current = w;
    } else {
      current = current ? `${current} ${w}` : w;
    }
  }
  if (current) lines.push(indent + current);
  return lines;
}

// Rewriting an unchanged file would only wake file watchers.
function writeIfChanged(url: URL, text: string): void {
  let current = '';
  try {
    current = readFileSync(url, 'utf8');
  } catch {
    // First generation.
  }
  if (current !== text) writeFileSync(url, text);
}

const invokedDirectly = process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1];
if (invokedDirectly) {
  const at = (path: string) => new URL(`../${path}`, import.meta.url);
  const shipped = parseBindings(readFileSync(at('build/bonito.d.ts'), 'utf8'));
  const test = parseBindings(readFileSync(at('build/bonito-test.d.ts'), 'utf8'));
  writeIfChanged(at('src/core/exports.ts'), render(shipped, parseCodes(readFileSync(at('assembly/codes.ts'), 'utf8'))));
  writeIfChanged(at('test/helpers/test-exports.ts'), renderTestExports(testOnly(shipped, test)));
}
