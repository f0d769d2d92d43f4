// `bonito benchmark` as users run it: a child process, named samplers and functions, a function
// module of the user's own, the table on stdout, JSON and HTML files.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'bonito-benchmark-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const bonito = (args: string[]) =>
  run(process.execPath, ['--import', 'tsx', 'src/node/cli/bin.ts', 'benchmark', ...args], { cwd: ROOT }).catch(
    (e: { code: number; stdout: string; stderr: string }) => e,
  );

describe('bonito benchmark', () => {
  it('compares samplers on named and user-defined functions, writing the table, JSON and charts', async () => {
    const json = join(dir, 'bench.json');
    const html = join(dir, 'bench.html');
    const out = await bonito([
      '--samplers',
      'sobol,random',
      '--functions',
      'branin,test/helpers/sphere-function.ts',
      '--trials',
      '8',
      '--seeds',
      '2',
      '--shift',
      '--json',
      json,
      '-o',
      html,
    ]);
    expect(out.stdout).toMatch(/^function\s+sampler\s+regret @8 median \[q1, q3\]\s+ms\/trial/);
    expect(out.stdout).toContain('Branin (shifted)    sobol');
    expect(out.stdout).toContain('Sphere-2 (shifted)  random');
    expect(out.stderr.trim().split('\n')).toHaveLength(4); // one progress line per (function, sampler)
    const data = JSON.parse(readFileSync(json, 'utf8')) as { samplers: string[]; cells: { fn: string; curves: number[][] }[] };
    expect(data.samplers).toEqual(['sobol', 'random']);
    expect(data.cells.map((c) => c.curves.length)).toEqual([2, 2, 2, 2]);
    const page = readFileSync(html, 'utf8');
    expect(page.match(/<svg/g)).toHaveLength(2);
    expect(page).toContain('Branin (shifted): simple regret vs trials');
  });

  it('runs the mixed categorical/conditional space by name, and refuses to shift it', async () => {
    const [mixed, shifted] = await Promise.all([
      bonito(['--samplers', 'tpe', '--functions', 'mixed', '--trials', '6', '--seeds', '1']),
      bonito(['--samplers', 'tpe', '--functions', 'branin,mixed', '--trials', '6', '--seeds', '1', '--shift']),
    ]);
    expect(mixed.stdout).toMatch(/\nMixed +tpe +\d/);
    const refused = shifted as { code: number; stdout: string; stderr: string };
    expect(refused.code).toBe(1);
    // Refused before any run, so no progress line and no table.
    expect(refused.stderr.trim()).toBe(
      'runBenchmark: `shift` needs a box of floats but got Mixed (categorical or conditional parameters cannot be shifted).',
    );
    expect(refused.stdout).toBe('');
  });

  it('names a bad sampler or function in one line and exits 1', async () => {
    const badSampler = (await bonito(['--samplers', 'sobol,nope'])) as { code: number; stderr: string };
    expect(badSampler.code).toBe(1);
    expect(badSampler.stderr.trim()).toBe(
      "samplerByName: `name` must be one of gp, tpe, cmaes, sobol, random, nsga2 but got 'nope' (a string).",
    );
    const badFunction = (await bonito(['--functions', 'ackley'])) as { code: number; stderr: string };
    expect(badFunction.code).toBe(1);
    expect(badFunction.stderr).toContain('testFunctionByName: `name` must be one of branin');
  });
});
