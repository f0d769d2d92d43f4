// Layer rules of docs/architecture.md, checked over every import in src/: an import may point to
// its own folder or to a lower layer, never up or sideways to a peer (so src/browser never reaches
// src/node); `node:*` only under src/node/, `@tensorflow/*` only under src/tfjs/. Exits 1 and
// lists every violation.
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const src = join(root, 'src');

/** Folders of src/ from the bottom up; folders in one row are peers and may not import each other. */
export const LAYERS = [
  ['errors.ts'],
  ['validate.ts'],
  ['core'],
  ['space', 'pareto'],
  ['trial'],
  ['storage', 'samplers', 'pruners', 'importance'],
  ['study'],
  ['data'],
  ['report', 'bench', 'tfjs'],
  ['node', 'browser'],
  ['index.ts', 'numeric.ts'],
];

const rank = new Map(LAYERS.flatMap((row, i) => row.map((name) => [name, i])));

function* files(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* files(path);
    else if (/\.(ts|mts|mjs|js)$/.test(entry.name) && !entry.name.endsWith('.d.ts')) yield path;
  }
}

/** The top-level unit of src/ a path belongs to: a folder name, or a root file's name. */
const unitOf = (path) => relative(src, path).split(/[\\/]/)[0].replace(/\.js$/, '.ts');

const specifiers = (text) => {
  const found = [];
  const pattern =
    /(?:^|[\s;])(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\s*\(\s*['"]([^'"]+)['"]\s*\)|^\s*import\s+['"]([^'"]+)['"]/gm;
  for (const m of text.matchAll(pattern)) found.push(m[1] ?? m[2] ?? m[3]);
  return found;
};

/** Pairs a layer order allows but the package entries forbid: bonito/node must not need bonito/tfjs. */
const FORBIDDEN = [['node', 'tfjs']];

const problems = [];
const graph = new Map();
for (const file of files(src)) {
  graph.set(file, []);
  const from = unitOf(file);
  const text = readFileSync(file, 'utf8');
  for (const spec of specifiers(text)) {
    const where = relative(root, file);
    if (spec.startsWith('node:') && from !== 'node') problems.push(`${where}: imports ${spec}, but only src/node/ may use Node built-ins`);
    if (spec.startsWith('@tensorflow/') && from !== 'tfjs')
      problems.push(`${where}: imports ${spec}, but only src/tfjs/ may use TensorFlow.js`);
    if (!spec.startsWith('.')) continue;
    const target = resolve(dirname(file), spec).replace(/\.js$/, '.ts');
    graph.get(file).push(target);
    const to = unitOf(target);
    if (FORBIDDEN.some(([x, y]) => x === from && y === to))
      problems.push(`${where}: imports ${spec}, but src/${from} may not depend on src/${to}`);
    if (to === from || to.startsWith('..')) continue;
    const a = rank.get(from);
    const b = rank.get(to);
    if (a === undefined) problems.push(`${where}: src/${from} has no layer in scripts/check-layers.mjs`);
    else if (b === undefined) problems.push(`${where}: imports src/${to}, which has no layer in scripts/check-layers.mjs`);
    else if (b > a) problems.push(`${where}: imports ${spec}, an upward import (${from} is layer ${a}, ${to} is layer ${b})`);
    else if (b === a) problems.push(`${where}: imports ${spec}, a sideways import between peers ${from} and ${to}`);
  }
}

// Import cycles between files (a folder's files must form a DAG too: study.ts and optimize.ts once
// imported each other).
const state = new Map();
const stack = [];
function visit(file) {
  state.set(file, 'open');
  stack.push(file);
  for (const next of graph.get(file) ?? []) {
    if (!graph.has(next)) continue;
    if (state.get(next) === 'open') {
      const cycle = stack
        .slice(stack.indexOf(next))
        .concat(next)
        .map((f) => relative(root, f));
      problems.push(`import cycle: ${cycle.join(' -> ')}`);
    } else if (!state.has(next)) visit(next);
  }
  stack.pop();
  state.set(file, 'done');
}
for (const file of graph.keys()) if (!state.has(file)) visit(file);

if (problems.length > 0) {
  console.error(`Layer rules: ${problems.length} violation(s)\n${problems.map((p) => `  ${p}`).join('\n')}`);
  process.exit(1);
}
console.log(`Layer rules: every import in src/ points down (${LAYERS.map((row) => row.join(' ')).join(' < ')}).`);
