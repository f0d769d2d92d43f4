import { z } from 'zod';
import type { Pruner } from '../../pruners/base.js';
import type { Sampler } from '../../samplers/base.js';
import { SAMPLER_NAMES } from '../../samplers/registry.js';
import type { GridSearchSpace } from '../../space/grid.js';
import type { Objective } from '../../study/optimize.js';

/** Samplers `bonito tune` builds by name: those of `samplerByName`, and `grid` from the config's `grid`. */
export const TUNE_SAMPLER_NAMES = [...SAMPLER_NAMES, 'grid'] as const;
/** Pruners `bonito tune` builds by name. */
export const PRUNER_NAMES = ['none', 'median', 'successive-halving', 'hyperband'] as const;
/** Where `bonito tune` runs objectives: worker threads, or the main thread. */
export const WORKER_MODES = ['threads', 'main'] as const;

export type SamplerName = (typeof TUNE_SAMPLER_NAMES)[number];
export type PrunerName = (typeof PRUNER_NAMES)[number];
export type WorkerMode = (typeof WORKER_MODES)[number];

/**
 * What a `bonito tune` config module default-exports. Only `objective` is required; the other
 * fields are defaults that command-line flags override.
 */
export interface TuneConfig {
  /** `(trial) => value`, sync or async. With worker threads, each worker imports the module and uses this. */
  objective: Objective;
  /** @defaultValue 'minimize' */
  direction?: 'minimize' | 'maximize';
  /** Study name in the storage. @defaultValue the config file's name without extension */
  name?: string;
  /** Finished trials to reach (`--trials`). @defaultValue 20 */
  trials?: number;
  /** `--sampler` name, or a sampler instance. @defaultValue 'gp' */
  sampler?: SamplerName | Sampler;
  /** Value lists for `sampler: 'grid'`. */
  grid?: GridSearchSpace;
  /** `'none'`, `'median'`, `'successive-halving'`, `'hyperband'`, or a pruner instance. @defaultValue 'none' */
  pruner?: PrunerName | Pruner;
  /** Trials at once (`--concurrency`). @defaultValue 1 */
  concurrency?: number;
  /** Study seed (`--seed`). @defaultValue drawn at random, then recorded */
  seed?: number;
  /** JSONL journal file, relative to the current directory, or `redis://host:port/db?prefix=name` (`--storage`). @defaultValue in memory */
  storage?: string;
  /** `'threads'` (a worker-thread pool of `concurrency` threads) or `'main'` (`--workers`). @defaultValue 'threads' */
  workers?: WorkerMode;
}

const isFunction = (v: unknown): boolean => typeof v === 'function';
const hasMethod = (name: string) => (v: unknown) =>
  typeof v === 'object' && v !== null && typeof (v as Record<string, unknown>)[name] === 'function';
const positiveInt = z.int().positive();
const choice = z.union([z.string(), z.number(), z.boolean(), z.null()]);

const schema = z
  .strictObject({
    objective: z.custom<Objective>(isFunction, { message: 'must be a function (trial) => number' }),
    direction: z.enum(['minimize', 'maximize']).optional(),
    name: z.string().min(1).optional(),
    trials: positiveInt.optional(),
    sampler: z
      .union([z.enum(TUNE_SAMPLER_NAMES), z.custom<Sampler>(hasMethod('sampleIndependent'), { message: 'must be a sampler' })])
      .optional(),
    grid: z.record(z.string(), z.array(choice).min(1)).optional(),
    pruner: z.union([z.enum(PRUNER_NAMES), z.custom<Pruner>(hasMethod('prune'), { message: 'must be a pruner' })]).optional(),
    concurrency: positiveInt.optional(),
    seed: z.int().nonnegative().optional(),
    storage: z.string().min(1).optional(),
    workers: z.enum(WORKER_MODES).optional(),
  })
  .refine((c) => c.sampler !== 'grid' || c.grid !== undefined, {
    message: "`sampler: 'grid'` needs a `grid` of value lists",
    path: ['grid'],
  });

/**
 * Types a `bonito tune` config module's default export (it returns its argument unchanged).
 * @param config - the objective and the defaults of the command-line flags.
 * @returns `config`.
 * @example
 * ```ts
 * // tune.config.ts, run with: npx bonito tune tune.config.ts --trials 40 --storage study.jsonl
 * import { defineConfig } from 'bonito/node';
 * export default defineConfig({
 *   direction: 'minimize',
 *   objective: (trial) => (trial.suggestFloat('x', -5, 5) - 2) ** 2,
 *   sampler: 'gp',
 *   concurrency: 2,
 * });
 * ```
 */
export function defineConfig(config: TuneConfig): TuneConfig {
  return config;
}

/**
 * Checks a config module's namespace.
 * @param ns - the imported module.
 * @param where - the module's path, for messages.
 * @returns the validated config.
 * @throws TypeError with every problem listed.
 * @internal
 */
export function parseTuneConfig(ns: Record<string, unknown>, where: string): TuneConfig {
  const exported = ns.default;
  if (typeof exported !== 'object' || exported === null) {
    const got = exported === undefined ? 'no default export' : exported === null ? 'null' : `a ${typeof exported}`;
    throw new TypeError(
      `bonito tune: the config module ${where} must default-export a config object such as { objective, direction } but got ${got}.`,
    );
  }
  const result = schema.safeParse(exported);
  if (!result.success) {
    throw new TypeError(`bonito tune: the config in ${where} is invalid:\n${z.prettifyError(result.error)}`);
  }
  return result.data as TuneConfig;
}
