import { isAbsolute, relative } from 'node:path';
import { MedianPruner } from '../../pruners/median.js';
import { NopPruner } from '../../pruners/nop.js';
import type { Pruner } from '../../pruners/base.js';
import { HyperbandPruner } from '../../pruners/hyperband.js';
import { SuccessiveHalvingPruner } from '../../pruners/successive-halving.js';
import type { Sampler } from '../../samplers/base.js';
import { GridSampler } from '../../samplers/grid.js';
import { samplerByName } from '../../samplers/registry.js';
import { createStudy } from '../../study/create.js';
import type { FrozenTrial } from '../../trial/index.js';
import type { Study } from '../../study/study.js';
import { threadObjective } from '../pool/thread-objective.js';
import { threadPool, type ThreadPool } from '../pool/thread-pool.js';
import { describeStorage, openStorage, parseStorageSpec } from '../storage-spec.js';
import { redactUrl } from '../redis-journal.js';
import { CliError } from './cli-error.js';
import { loadConfigModule } from './config-module.js';
import type { PrunerName, SamplerName, TuneConfig, WorkerMode } from './config.js';
import type { JournalBackend } from '../../storage/base.js';
import type { StorageSpec } from '../storage-spec.js';
import { createProgress, type Progress } from './progress.js';
import { studyReport } from './report.js';
import { initCore } from './core-wasm.js';

/** Flags of `bonito tune` (undefined: take the config's value, then the default). @internal */
export interface TuneFlags {
  trials?: number;
  sampler?: SamplerName;
  concurrency?: number;
  storage?: string;
  seed?: number;
  study?: string;
  workers?: WorkerMode;
  top: number;
}

/** Exit status after Ctrl-C (128 + SIGINT), as shells report it. @internal */
export const EXIT_INTERRUPTED = 130;
/** Consecutive failed trials after which the run stops: the objective is probably broken. */
const MAX_CONSECUTIVE_FAILURES = 5;
/** Heartbeat of the trials this process runs, so a later run can fail those of a killed one. */
const HEARTBEAT_MS = 5000;

// From the TypeScript sources there is no packaged bonito.wasm beside the module: use the build.

/**
 * `bonito tune <config>`: creates or resumes the study, runs trials until `trials` have finished
 * (COMPLETE or PRUNED, those of earlier runs included), then prints the top trials and the best
 * parameters. Ctrl-C starts no new trial and lets running ones finish; a second Ctrl-C stops them
 * (they are recorded as FAIL). Either way everything finished is in the storage, and running the
 * same command again resumes.
 * @returns the exit status: 0, 1 after too many consecutive failures, 130 when interrupted.
 * @internal
 */
export async function tune(configPath: string, flags: TuneFlags): Promise<number> {
  await initCore();
  const module = await loadConfigModule(configPath);
  const { config } = module;
  const trials = flags.trials ?? config.trials ?? 20;
  const concurrency = flags.concurrency ?? config.concurrency ?? 1;
  const workers = flags.workers ?? config.workers ?? 'threads';
  const storagePath = flags.storage ?? config.storage;
  const direction = config.direction ?? 'minimize';

  const spec = storagePath === undefined ? undefined : parseStorageSpec(storagePath);
  const opened = spec === undefined ? undefined : openStorage(spec);
  try {
    return await tuneStudy(module, flags, { trials, concurrency, workers, direction, spec, storage: opened?.backend });
  } finally {
    await opened?.close();
  }
}

interface TuneSettings {
  trials: number;
  concurrency: number;
  workers: WorkerMode;
  direction: 'minimize' | 'maximize';
  spec: StorageSpec | undefined;
  storage: JournalBackend | undefined;
}

async function tuneStudy(module: Awaited<ReturnType<typeof loadConfigModule>>, flags: TuneFlags, o: TuneSettings): Promise<number> {
  const { config } = module;
  const { trials, concurrency, workers, direction } = o;
  let progress: Progress | null = null;
  const warn = (message: string) => (progress ? progress.log(message) : process.stderr.write(`${message}\n`));
  const study = await createStudy({
    name: flags.study ?? config.name ?? module.defaultName,
    direction,
    storage: o.storage,
    loadIfExists: true,
    sampler: makeSampler(flags.sampler ?? config.sampler ?? 'gp', config),
    pruner: makePruner(config.pruner ?? 'none'),
    seed: flags.seed ?? config.seed,
    heartbeatIntervalMs: HEARTBEAT_MS,
    onWarning: warn,
  });
  if (study.direction !== direction) {
    throw new CliError(
      `bonito tune: study "${study.name}" in ${o.spec === undefined ? 'memory' : describeStorage(o.spec)} must have the config's direction (${direction}) but got ${study.direction}; pass --study to start another study.`,
    );
  }
  const finishedBefore = finishedCount(study);
  if (finishedBefore > 0) process.stderr.write(`Resuming study "${study.name}": ${finishedBefore} of ${trials} trials finished.\n`);
  if (o.spec === undefined) process.stderr.write('No --storage: trials are kept in memory only, so this run cannot be resumed.\n');

  let status = 0;
  if (finishedBefore < trials) {
    progress = createProgress({ total: trials, start: finishedBefore, tty: process.stderr.isTTY === true, stream: process.stderr });
    status = await runTrials(study, module, { finishedBefore, target: trials, concurrency, workers, progress });
    progress.stop();
    progress = null;
  }
  process.stdout.write(`${studyReport(study, flags.top)}\n`);
  if (o.spec !== undefined) process.stdout.write(`\nSee it in the live dashboard:\n  ${dashboardCommand(o.spec)}\n`);
  return status;
}

/**
 * The command that opens the storage in `bonito dashboard`: a file path relative to here when it
 * is below here, quoted for a POSIX shell when needed; a Redis URL without its password.
 */
function dashboardCommand(spec: StorageSpec): string {
  let target: string;
  if (spec.kind === 'file') {
    const rel = relative(process.cwd(), spec.path);
    target = rel === '' || rel.startsWith('..') || isAbsolute(rel) ? spec.path : rel;
  } else {
    target = spec.prefix === '' ? redactUrl(spec.url) : `${redactUrl(spec.url)}?prefix=${encodeURIComponent(spec.prefix)}`;
  }
  const quoted = /^[\w@%+=:,./-]+$/.test(target) ? target : `'${target.replace(/'/g, `'\\''`)}'`;
  return `npx bonito dashboard ${quoted}`;
}

interface RunOptions {
  finishedBefore: number;
  /** Finished trials the study should reach, counting every process's (other hosts on a shared storage too). */
  target: number;
  concurrency: number;
  workers: WorkerMode;
  progress: Progress;
}

async function runTrials(study: Study, module: Awaited<ReturnType<typeof loadConfigModule>>, o: RunOptions): Promise<number> {
  const pool: ThreadPool | null =
    o.workers === 'threads' ? threadPool({ size: o.concurrency, typescript: module.typescript || undefined }) : null;
  const stop = new AbortController();
  let status = 0;
  let interrupts = 0;
  const onInterrupt = () => {
    interrupts += 1;
    status = EXIT_INTERRUPTED;
    if (interrupts === 1) {
      stop.abort();
      o.progress.log('Interrupted: no new trial will start; waiting for the running ones (Ctrl-C again to stop them).');
    } else if (pool !== null) {
      o.progress.log('Stopping the running trials; they are recorded as failed.');
      void pool.close({ force: true });
    } else {
      // An objective on this thread cannot be stopped from outside; its trial stays RUNNING
      // until a later run sees its heartbeat has stopped and fails it.
      o.progress.stop();
      process.exit(EXIT_INTERRUPTED);
    }
  };
  process.on('SIGINT', onInterrupt);
  process.on('SIGTERM', onInterrupt);
  let failStreak = 0;
  let finished = o.finishedBefore;
  const onTrial = (s: Study, t: FrozenTrial) => {
    // The study as last synced: other processes' finished trials count toward the target too,
    // so N processes on one shared storage stop together near it instead of each running it all.
    finished = Math.max(finished + (t.state === 'COMPLETE' || t.state === 'PRUNED' ? 1 : 0), finishedCount(s));
    o.progress.trialFinished(t, Math.min(finished, o.target), s.bestValue);
    if (finished >= o.target && !stop.signal.aborted) stop.abort();
    failStreak = t.state === 'FAIL' ? failStreak + 1 : 0;
    if (failStreak >= MAX_CONSECUTIVE_FAILURES && !stop.signal.aborted) {
      o.progress.log(`Stopping: ${failStreak} trials in a row failed; fix the objective and run the same command again.`);
      status = 1;
      stop.abort();
    }
  };
  try {
    await study.optimize(pool === null ? module.config.objective : threadObjective(module.url), {
      nTrials: o.target - o.finishedBefore,
      concurrency: o.concurrency,
      executor: pool ?? undefined,
      signal: stop.signal,
      catch: [Error],
      callbacks: [onTrial],
    });
  } finally {
    process.off('SIGINT', onInterrupt);
    process.off('SIGTERM', onInterrupt);
    await pool?.close({ force: true });
  }
  return status;
}

function finishedCount(study: Study): number {
  return study.getTrials(['COMPLETE', 'PRUNED']).length;
}

function makeSampler(sampler: SamplerName | Sampler, config: TuneConfig): Sampler {
  if (typeof sampler !== 'string') return sampler;
  if (sampler !== 'grid') return samplerByName(sampler);
  if (config.grid === undefined)
    throw new CliError('bonito tune: `--sampler grid` needs a `grid` of value lists in the config but got none.');
  return new GridSampler(config.grid);
}

function makePruner(pruner: PrunerName | Pruner): Pruner {
  if (typeof pruner !== 'string') return pruner;
  if (pruner === 'median') return new MedianPruner();
  if (pruner === 'successive-halving') return new SuccessiveHalvingPruner();
  if (pruner === 'hyperband') return new HyperbandPruner();
  return new NopPruner();
}
