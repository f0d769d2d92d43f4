import { readFileSync } from 'node:fs';
import { Command, InvalidArgumentError, Option } from 'commander';
import { toError } from '../../errors.js';
import { CliError } from './cli-error.js';
import { TUNE_SAMPLER_NAMES, WORKER_MODES } from './config.js';

/** This package's version: package.json sits three folders up from both src/node/cli and dist/node/cli. */
function packageVersion(): string {
  return (JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
}

function positiveInteger(text: string): number {
  const n = Number(text);
  if (!/^\d+$/.test(text.trim()) || !Number.isSafeInteger(n) || n < 1) throw new InvalidArgumentError('It must be a positive integer.');
  return n;
}

function port(text: string): number {
  const n = Number(text);
  if (!/^\d+$/.test(text.trim()) || n > 65535) throw new InvalidArgumentError('It must be an integer from 0 to 65535.');
  return n;
}

function seed(text: string): number {
  const n = Number(text);
  if (!/^\d+$/.test(text.trim()) || !Number.isSafeInteger(n))
    throw new InvalidArgumentError('It must be a non-negative integer below 2^53.');
  return n;
}

/**
 * The `bonito` command line: `tune`, `show`, `export`, `report`, `dashboard`, `benchmark`. Each action loads its module on demand,
 * so `--help` and flag errors answer at once.
 * @returns the program; `await program.parseAsync(argv)`, then read `process.exitCode`.
 * @internal
 */
export function createProgram(): Command {
  const program = new Command('bonito')
    .description('Hyperparameter optimization: tune an objective, inspect and export studies.')
    .version(packageVersion(), '-V, --version', 'print the version of bonito')
    .showHelpAfterError('(run with --help for usage)')
    .configureHelp({ showGlobalOptions: true })
    .option('--verbose', 'print the stack trace of an error');

  program
    .command('tune')
    .description('Run (or resume) a study on the objective of a config module, then print the best trials.')
    .argument('<config-module>', 'module whose default export is { objective, direction, ... } (see defineConfig)')
    .option(
      '-n, --trials <n>',
      'finished trials to reach, counting earlier runs and other processes on the same storage (default: config, else 20)',
      positiveInteger,
    )
    .addOption(new Option('-s, --sampler <name>', 'how parameters are chosen (default: config, else gp)').choices(TUNE_SAMPLER_NAMES))
    .option('-c, --concurrency <n>', 'trials at once; with threads, also the pool size (default: config, else 1)', positiveInteger)
    .option(
      '--storage <file|url>',
      'JSONL journal or redis://host:port/db?prefix=name; the same command resumes from it, and runs on several hosts share it (default: config, else in memory)',
    )
    .option('--seed <n>', 'study seed (default: config, else the recorded one, else random)', seed)
    .option('--study <name>', 'study name in the storage (default: config name, else the file name)')
    .addOption(
      new Option('--workers <mode>', 'run objectives in worker threads or on the main thread (default: config, else threads)').choices(
        WORKER_MODES,
      ),
    )
    .option('--top <n>', 'trials in the final table', positiveInteger, 10)
    .action(async (config: string, flags) => {
      const { tune } = await import('./tune.js');
      process.exitCode = await tune(config, flags);
    });

  program
    .command('show')
    .description('Print a study: trial counts, the top trials and the best parameters.')
    .argument('<storage>', 'JSONL journal file or redis://host:port/db?prefix=name')
    .option('--study <name>', 'study to show when the storage holds several')
    .option('--top <n>', 'trials in the table', positiveInteger, 10)
    .action(async (storage: string, flags) => {
      const { show } = await import('./inspect.js');
      process.exitCode = await show(storage, flags);
    });

  program
    .command('export')
    .description('Write every trial of a study as CSV or JSON.')
    .argument('<storage>', 'JSONL journal file or redis://host:port/db?prefix=name')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['csv', 'json']).makeOptionMandatory())
    .option('--study <name>', 'study to export when the storage holds several')
    .option('-o, --output <file>', 'write here instead of stdout')
    .action(async (storage: string, flags) => {
      const { exportStudy } = await import('./inspect.js');
      process.exitCode = await exportStudy(storage, flags);
    });

  program
    .command('report')
    .description(
      'Write a self-contained HTML report of a study: best trials and plots (history, parameters, learning curves, parallel coordinates).',
    )
    .argument('<storage>', 'JSONL journal file or redis://host:port/db?prefix=name')
    .option('-o, --output <file>', 'the HTML file to write', 'report.html')
    .option('--study <name>', 'study to report when the storage holds several')
    .option('--top <n>', 'trials in the table', positiveInteger, 10)
    .action(async (storage: string, flags) => {
      const { reportStudy } = await import('./inspect.js');
      process.exitCode = await reportStudy(storage, flags);
    });

  program
    .command('dashboard')
    .description(
      'Serve a live dashboard of the studies in a storage: plots, trial table, best trial; new trials appear as they are written.',
    )
    .argument('<storage>', 'JSONL journal file or redis://host:port/db?prefix=name')
    .option('-p, --port <n>', 'TCP port; 0 picks a free one', port, 8080)
    .option('--host <address>', 'address to listen on', '127.0.0.1')
    .action(async (storage: string, flags) => {
      const { dashboard } = await import('./dashboard.js');
      process.exitCode = await dashboard(storage, flags);
    });

  program
    .command('benchmark')
    .description('Compare samplers on standard test functions: regret quartiles and time per trial, regret-curve charts.')
    .option('--samplers <names>', 'comma-separated sampler names (gp, sobol, random, nsga2, ...)', 'gp,sobol,random')
    .option(
      '--functions <names>',
      'comma-separated test functions (branin, hartmann6, ackley-<d>, rosenbrock-<d>, styblinski-tang-<d>, mixed, ...) or modules whose default export is defineTestFunction(...)',
      'branin,hartmann6,ackley-10,rosenbrock-5,styblinski-tang-8',
    )
    .option('-n, --trials <n>', 'trials per run', positiveInteger, 100)
    .option('--seeds <n>', 'runs per sampler and function (seeds 0 … n − 1)', positiveInteger, 10)
    .option('--shift', 'run each function on a copy shifted randomly per seed, so no sampler wins by starting at the centre')
    .option('-o, --output <file>', 'write an HTML page with the regret-curve charts (needs vega and vega-lite)')
    .option('--json <file>', 'write every regret curve and quartile as JSON')
    .action(async (flags) => {
      const { benchmark } = await import('./benchmark.js');
      process.exitCode = await benchmark(flags);
    });

  return program;
}

/**
 * Runs the command line; an error prints one message (its stack only with `--verbose`) and sets
 * exit status 1.
 * @param argv - `process.argv`.
 * @internal
 */
export async function runCli(argv: readonly string[]): Promise<void> {
  try {
    await createProgram().parseAsync([...argv]);
  } catch (err) {
    process.stderr.write(`${describeFailure(err, argv.includes('--verbose'))}\n`);
    process.exitCode = 1;
  }
}

/**
 * What the CLI prints for an error: its message alone (a file-system error, a thrown string or
 * a config problem is not a bug in bonito, and a stack would bury the one line that matters),
 * with the stack only under `--verbose`.
 */
function describeFailure(err: unknown, verbose: boolean): string {
  const e = toError(err);
  if (verbose) return (typeof e.stack === 'string' ? e.stack : '') || `${e.name}: ${e.message}`;
  const plain = e instanceof CliError || e instanceof TypeError || e instanceof RangeError;
  return plain ? e.message : `${e.name}: ${e.message} (run with --verbose for the stack)`;
}
