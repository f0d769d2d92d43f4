// Runs the `bonito` command as a child process, the way users do, on a tiny pure-JS objective
// (test/helpers/cli-quadratic.config.ts) with a JSONL journal.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { JournalFileBackend } from '../../../src/node/file-journal.js';
import { loadStudy } from '../../../src/study/create.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const BIN = 'src/node/cli/bin.ts';
const CONFIG = 'test/helpers/cli-quadratic.config.ts';
const dir = mkdtempSync(join(tmpdir(), 'bonito-cli-'));

afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function bonito(
  args: readonly string[],
  options: { sleepMs?: number; onStderr?: (text: string, child: ReturnType<typeof spawn>) => void; node?: readonly string[] } = {},
): Promise<Run> {
  const child = spawn(process.execPath, [...(options.node ?? ['--import', 'tsx', BIN]), ...args], {
    cwd: ROOT,
    env: { ...process.env, BONITO_TEST_SLEEP_MS: String(options.sleepMs ?? 0) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d));
  child.stderr.on('data', (d: Buffer) => {
    stderr += d;
    options.onStderr?.(stderr, child);
  });
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

async function journal(file: string) {
  return loadStudy({ storage: new JournalFileBackend(file), failStaleTrials: false, onWarning: () => undefined });
}

describe('bonito tune', () => {
  const storage = join(dir, 'tune.jsonl');

  it('runs the trials on worker threads, prints one line per trial, then the top trials and the best parameters', async () => {
    const run = await bonito(['tune', CONFIG, '--trials', '6', '--storage', storage]);
    expect(run.code).toBe(0);
    // Without a terminal, progress is one plain line per finished trial.
    expect(run.stderr.match(/^\[\d\/6\] trial \d value /gm)).toHaveLength(6);
    const study = await journal(storage);
    expect(study.getTrials(['COMPLETE'])).toHaveLength(6);
    const best = study.bestTrial!;
    expect(run.stdout).toContain('Study "quadratic" (minimize): 6 trials: 6 complete, 0 pruned, 0 failed');
    expect(run.stdout).toMatch(/Top 6 trials:\nrank +trial +value +duration +x +shape\n/);
    expect(run.stdout).toContain(`Best value: ${Number(best.value!.toPrecision(6))} (trial ${best.number})`);
    expect(run.stdout).toContain(`Best parameters:\n  x      ${best.params.x}\n  shape  ${best.params.shape}\n`);
  });

  it('gives the same trials on the main thread (--workers main) as on worker threads', async () => {
    // The random sampler draws from (seed, trial number, name) only, so scheduling cannot matter.
    const files = [join(dir, 'threads.jsonl'), join(dir, 'main.jsonl')];
    const runs = await Promise.all(
      files.map((file, i) =>
        bonito(['tune', CONFIG, '--trials', '6', '--sampler', 'random', '--storage', file, '--workers', i === 0 ? 'threads' : 'main']),
      ),
    );
    expect(runs.map((r) => r.code)).toEqual([0, 0]);
    const strip = (trials: readonly { number: number; params: object; value: number | null }[]) =>
      trials.map(({ number, params, value }) => ({ number, params, value }));
    const [threads, main] = await Promise.all(files.map(journal));
    expect(threads.trials).toHaveLength(6);
    expect(strip(main.trials)).toEqual(strip(threads.trials));
  });

  it('works as built (dist/, what `npm run demo` runs): plain node, a TypeScript config loaded through tsx in every worker', async () => {
    // `npm test` builds dist/ first; this checks the shipped worker entry, not the sources.
    const file = join(dir, 'built.jsonl');
    const run = await bonito(['tune', CONFIG, '--trials', '4', '--storage', file], { node: ['dist/node/cli/bin.js'] });
    expect(run.stderr).not.toContain('failed');
    expect(run.code).toBe(0);
    expect((await journal(file)).getTrials(['COMPLETE'])).toHaveLength(4);
  });

  it('stops cleanly on Ctrl-C, keeping what finished, and the same command resumes to exactly --trials', async () => {
    const file = join(dir, 'interrupted.jsonl');
    const args = ['tune', CONFIG, '--trials', '10', '--storage', file];
    let sent = false;
    const first = await bonito(args, {
      sleepMs: 250,
      onStderr: (text, child) => {
        if (!sent && text.includes('[2/10]')) {
          sent = true;
          child.kill('SIGINT');
        }
      },
    });
    expect(first.code).toBe(130);
    expect(first.stderr).toContain('Interrupted: no new trial will start');
    const stopped = await journal(file);
    const kept = stopped.getTrials(['COMPLETE']).length;
    expect(kept).toBeGreaterThanOrEqual(2);
    expect(kept).toBeLessThan(10);
    expect(stopped.getTrials(['RUNNING', 'FAIL'])).toEqual([]); // running trials finished

    const second = await bonito(args);
    expect(second.code).toBe(0);
    expect(second.stderr).toContain(`Resuming study "quadratic": ${kept} of 10 trials finished.`);
    const resumed = await journal(file);
    expect(resumed.getTrials(['COMPLETE'])).toHaveLength(10);
    expect(resumed.trials).toHaveLength(10);
    expect(second.stdout).toContain('10 trials: 10 complete, 0 pruned, 0 failed');
    expect(second.stdout.trimEnd().split('\n').slice(-2)).toEqual(['See it in the live dashboard:', `  npx bonito dashboard ${file}`]);
  });

  it('builds the sampler it is given by name through samplerByName (nsga2: generations in the journal)', async () => {
    const file = join(dir, 'nsga2.jsonl');
    const run = await bonito(['tune', CONFIG, '--trials', '4', '--sampler', 'nsga2', '--workers', 'main', '--storage', file]);
    expect(run.code).toBe(0);
    const study = await journal(file);
    expect(study.getTrials(['COMPLETE'])).toHaveLength(4);
    for (const t of study.trials) expect(t.systemAttrs['nsga2:generation']).toBe(0);
  });

  it('exits with a clear message and status 1 on a bad flag, a missing module or an invalid config', async () => {
    const [zero, sampler, missing, invalid] = await Promise.all([
      bonito(['tune', CONFIG, '--trials', '0']),
      bonito(['tune', CONFIG, '--sampler', 'hyperopt']),
      bonito(['tune', 'no/such/config.ts']),
      bonito(['tune', 'test/helpers/cli-bad.config.ts']),
    ]);
    expect(zero.code).toBe(1);
    expect(zero.stderr).toContain("error: option '-n, --trials <n>' argument '0' is invalid. It must be a positive integer.");
    expect(sampler.code).toBe(1);
    expect(sampler.stderr).toContain('Allowed choices are gp, tpe, cmaes, sobol, random, nsga2, grid.');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe('bonito tune: the config module no/such/config.ts does not exist.\n');
    expect(invalid.code).toBe(1);
    expect(invalid.stderr).toContain('bonito tune: the config in test/helpers/cli-bad.config.ts is invalid:');
    expect(invalid.stderr).toContain('Unrecognized key: "concurency"');
    expect(invalid.stderr).toMatch(/must be a function \(trial\) => number\n +→ at objective/);
    expect(invalid.stderr).toMatch(/Too small: expected number to be >0\n +→ at trials/);
  });
});

describe('bonito show and bonito export', () => {
  const storage = join(dir, 'inspect.jsonl');

  it('show prints the counts, the top trials and the best parameters of a stored study', async () => {
    expect((await bonito(['tune', CONFIG, '--trials', '5', '--storage', storage])).code).toBe(0);
    const shown = await bonito(['show', storage, '--top', '3']);
    expect(shown.code).toBe(0);
    const best = (await journal(storage)).bestTrial!;
    expect(shown.stdout).toMatch(/^Study "quadratic" \(minimize\): 5 trials: 5 complete, 0 pruned, 0 failed\n\nTop 3 trials:\n/);
    expect(shown.stdout.split('\n').filter((l) => /^ +[123] +\d/.test(l))).toHaveLength(3);
    expect(shown.stdout).toContain(`Best parameters:\n  x      ${best.params.x}\n`);
  });

  it('report writes a self-contained HTML page with the best parameters and the plots', async () => {
    const out = join(dir, 'report.html');
    const run = await bonito(['report', storage, '-o', out, '--top', '3']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`Wrote the report of study "quadratic" (5 trials) to ${out}`);
    const html = readFileSync(out, 'utf8');
    const best = (await journal(storage)).bestTrial!;
    expect(html).toContain(`Best trial: #${best.number}`);
    expect(html.match(/<svg[\s>]/g)!.length).toBeGreaterThanOrEqual(2); // history and one slice per parameter
    expect(html).not.toMatch(/<script/i);
    const missing = await bonito(['report', join(dir, 'none.jsonl')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('bonito report: the storage file');
  });

  it('export writes the study as JSON and as CSV, the same data the library exports', async () => {
    const study = await journal(storage);
    const json = await bonito(['export', storage, '--format', 'json']);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toEqual(JSON.parse(study.export('json')));
    const csv = await bonito(['export', storage, '-f', 'csv']);
    expect(csv.code).toBe(0);
    expect(csv.stdout).toBe(study.export('csv'));
    expect(csv.stdout.split('\r\n')[0]).toBe('number,state,value,datetime_start,datetime_complete,duration_ms,params_shape,params_x');
  });

  it('refuses a missing file, a missing --format and an unknown format', async () => {
    const [missing, noFormat, xml] = await Promise.all([
      bonito(['show', join(dir, 'none.jsonl')]),
      bonito(['export', storage]),
      bonito(['export', storage, '--format', 'xml']),
    ]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('bonito show: the storage file');
    expect(missing.stderr).toContain('does not exist.');
    expect(noFormat.code).toBe(1);
    expect(noFormat.stderr).toContain("error: required option '-f, --format <format>' not specified");
    expect(xml.code).toBe(1);
    expect(xml.stderr).toContain('Allowed choices are csv, json.');
  });
});

describe('bonito errors that are not bonito’s', () => {
  const noStack = (text: string) => expect(text).not.toMatch(/^\s+at /m);

  it('prints a file-system error as one line and exits 1; --verbose adds the stack', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'bonito-cli-dir-'));
    try {
      const quiet = await bonito(['export', folder, '-f', 'csv']);
      expect(quiet.code).toBe(1);
      expect(quiet.stderr.trim().split('\n')).toHaveLength(1);
      expect(quiet.stderr).toMatch(/EISDIR/);
      noStack(quiet.stderr);
      const verbose = await bonito(['export', folder, '-f', 'csv', '--verbose']);
      expect(verbose.code).toBe(1);
      expect(verbose.stderr).toMatch(/^\s+at /m);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('prints a thrown string as one line and exits 1', async () => {
    const run = await bonito(['tune', 'test/helpers/cli-throws-string.config.ts', '-n', '1']);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/the objective gave up/);
    noStack(run.stderr);
  });
});
