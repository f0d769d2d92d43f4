// Keeps README.md honest: every TypeScript snippet is type-checked against the sources and the
// runnable ones are executed, so a renamed API or a changed option breaks this test.
//
// Convention (also stated at the top of README's "Using it"), by the fence's info string:
//   ```ts run            run as its own module, and type-checked
//   ```ts run continued  appended to the runnable block before it (same module, same variables)
//   ```ts check          type-checked only (too slow to run here, or it needs other files)
// In a runnable block, an expression statement ending in `// => <value>` is asserted: the
// expression must deep-equal the value (typed arrays compare as arrays).
// Imports of 'bonito', 'bonito/numeric', 'bonito/bench', 'bonito/node', 'bonito/browser' and
// 'bonito/tfjs' are rewritten to src/index.ts, src/numeric.ts, src/bench/index.ts,
// src/node/index.ts, src/browser/index.ts and src/tfjs/index.ts. Runnable snippets run with the
// temporary folder as the current directory, so a relative file such as 'study.jsonl' lands there.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const readme = readFileSync(join(root, 'README.md'), 'utf8');

interface Block {
  readonly line: number;
  readonly lang: string;
  readonly flags: readonly string[];
  readonly code: string;
}

interface Program {
  readonly name: string;
  readonly run: boolean;
  /** The code as a reader sees it (type-checked). */
  code: string;
  /** The code with its `// =>` claims turned into assertions (run). */
  checked: string;
  claims: number;
}

/** `expr; // => value` lines (not declarations or control flow). */
const CLAIM = /^(\s*)(?!(?:const|let|var|import|export|for|if|return|throw)\b)(\S.*?);\s*\/\/ => (.+?)\s*$/;

/** The block's code with each claim line replaced by an assertion that names its README line. */
function withClaims(b: Block): { code: string; claims: number } {
  let claims = 0;
  const code = b.code
    .split('\n')
    .map((line, i) => {
      const m = CLAIM.exec(line);
      if (m === null) return line;
      claims++;
      return `${m[1]}__readmeClaim(${m[2]}, ${m[3]}, ${JSON.stringify(`README.md:${b.line + 1 + i}`)});`;
    })
    .join('\n');
  return { code, claims };
}

/** Fenced blocks of a markdown text, with the 1-based line of their opening fence. */
function fencedBlocks(markdown: string): Block[] {
  const blocks: Block[] = [];
  const lines = markdown.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const open = /^```(\S*)\s*(.*)$/.exec(lines[i]);
    if (open === null) continue;
    const start = i;
    const body: string[] = [];
    for (i++; i < lines.length && !/^```\s*$/.test(lines[i]); i++) body.push(lines[i]);
    if (i === lines.length) throw new Error(`README.md: the fence opened on line ${start + 1} is never closed.`);
    blocks.push({ line: start + 1, lang: open[1], flags: open[2].split(/\s+/).filter(Boolean), code: body.join('\n') });
  }
  return blocks;
}

/** Groups the TypeScript blocks into the programs the convention describes. */
function programs(blocks: readonly Block[]): Program[] {
  const out: Program[] = [];
  let lastRunnable: Program | null = null;
  for (const b of blocks) {
    if (b.lang !== 'ts') continue;
    const where = `README.md:${b.line}`;
    const mode = b.flags.join(' ');
    if (mode === 'run') {
      const c = withClaims(b);
      lastRunnable = { name: where, run: true, code: b.code, checked: c.code, claims: c.claims };
      out.push(lastRunnable);
    } else if (mode === 'run continued') {
      if (lastRunnable === null) throw new Error(`${where}: \`ts run continued\` needs a \`ts run\` block before it.`);
      const c = withClaims(b);
      lastRunnable.code += `\n// ${where}\n${b.code}`;
      lastRunnable.checked += `\n// ${where}\n${c.code}`;
      lastRunnable.claims += c.claims;
    } else if (mode === 'check') {
      out.push({ name: where, run: false, code: b.code, checked: b.code, claims: 0 });
    } else {
      throw new Error(`${where}: a ts block must be marked \`run\`, \`run continued\` or \`check\` but got "${mode}".`);
    }
  }
  return out;
}

const ENTRY: Readonly<Record<string, string>> = {
  bonito: 'src/index.js',
  'bonito/numeric': 'src/numeric.js',
  'bonito/bench': 'src/bench/index.js',
  'bonito/node': 'src/node/index.js',
  'bonito/browser': 'src/browser/index.js',
  'bonito/tfjs': 'src/tfjs/index.js',
};

/** The snippet with its package imports pointed at the sources (NodeNext: `.js` names the `.ts`). */
function rewriteImports(code: string, dir: string): string {
  return code.replace(
    /(from\s+|import\s*\(\s*)'(bonito(?:\/node|\/browser|\/tfjs|\/numeric|\/bench)?)'/g,
    (_, head: string, spec: string) => {
      const target = relative(dir, join(root, ENTRY[spec])).split('\\').join('/');
      return `${head}'${target.startsWith('.') ? target : `./${target}`}'`;
    },
  );
}

const all = programs(fencedBlocks(readme));
const runnable = all.filter((p) => p.run);
// Inside the repo (so node_modules and @types resolve as for any test), in a dot folder that
// tsconfig's and vitest's globs skip; removed afterwards.
mkdirSync(join(root, 'test/docs/.snippets'), { recursive: true });
const dir = mkdtempSync(join(root, 'test/docs/.snippets/run-'));
const files = all.map((_p, i) => join(dir, `snippet-${String(i).padStart(2, '0')}.ts`));
// What runs: the claims asserted. Not type-checked (the helper is a global), so kept apart.
const runFiles = all.map((_p, i) => join(dir, `run-${String(i).padStart(2, '0')}.mts`));

/**
 * Typed arrays become plain arrays, Maps arrays of entries and null-prototype records (trial
 * `params`, `userAttrs`...) plain objects, so a claim can be a literal.
 */
function plain(v: unknown): unknown {
  if (ArrayBuffer.isView(v) && !(v instanceof DataView)) return Array.from(v as unknown as ArrayLike<unknown>);
  if (v instanceof Map) return [...v].map(plain);
  if (Array.isArray(v)) return v.map(plain);
  if (v !== null && typeof v === 'object' && [Object.prototype, null].includes(Object.getPrototypeOf(v))) {
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, plain(x)]));
  }
  return v;
}

/** `tsc --noEmit` over every snippet, started at once so it overlaps with the runs. */
let typecheck: Promise<{ code: number | null; output: string }>;

beforeAll(() => {
  (globalThis as { __readmeClaim?: unknown }).__readmeClaim = (actual: unknown, expected: unknown, where: string) =>
    expect(plain(actual), `the claim at ${where}`).toStrictEqual(expected);
  all.forEach((p, i) => {
    writeFileSync(files[i], `// ${p.name}\n${rewriteImports(p.code, dir)}\nexport {};\n`);
    writeFileSync(runFiles[i], `// ${p.name}\n${rewriteImports(p.checked, dir)}\nexport {};\n`);
  });
  writeFileSync(
    join(dir, 'tsconfig.json'),
    JSON.stringify({
      extends: relative(dir, join(root, 'tsconfig.json')),
      compilerOptions: { noEmit: true },
      // The sources' ambient declarations (typings for untyped packages) come along.
      include: ['*.ts', `${relative(dir, join(root, 'src'))}/**/*.d.ts`],
    }),
  );
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  typecheck = new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [tsc, '-p', dir], { cwd: root });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
});

afterAll(async () => {
  await typecheck?.catch(() => undefined);
  rmSync(dir, { recursive: true, force: true });
  try {
    rmdirSync(join(root, 'test/docs/.snippets')); // only when no other run is using it
  } catch {
    // another run's folder is still there
  }
});

describe('README.md', () => {
  it('marks its snippets so that most of them run and their results are asserted', () => {
    expect(all.length).toBeGreaterThanOrEqual(10);
    expect(runnable.length).toBeGreaterThanOrEqual(8);
    expect(runnable.reduce((n, p) => n + p.claims, 0)).toBeGreaterThanOrEqual(8);
  });

  it('rewrites every package import to the sources', () => {
    for (const p of all) expect(rewriteImports(p.code, dir)).not.toMatch(/['"]bonito(\/\w+)?['"]/);
  });

  describe('runs each runnable snippet', () => {
    for (const p of runnable) {
      it(`runs the snippet at ${p.name}`, async () => {
        const cwd = process.cwd();
        process.chdir(dir);
        try {
          await import(pathToFileURL(runFiles[all.indexOf(p)]).href);
        } finally {
          process.chdir(cwd);
        }
      });
    }
  });

  it('type-checks every snippet against the sources', async () => {
    const { code, output } = await typecheck;
    // Map the temporary file names back to README lines in the failure message.
    const readable = output.replace(/snippet-(\d+)\.ts/g, (m, i: string) => `${m} (${all[Number(i)].name})`);
    const inSnippets = readable.split('\n').filter((line) => line.includes('.snippets/'));
    expect(inSnippets, 'type errors in README snippets').toEqual([]);
    // Anything else tsc reports is in the sources the snippets import (or in this harness's set-up).
    expect(readable, 'tsc errors outside the README snippets').toBe('');
    expect(code).toBe(0);
  });
});
