import { existsSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { toError } from '../../errors.js';
import { CliError } from './cli-error.js';
import { parseTuneConfig, type TuneConfig } from './config.js';

/** A loaded `bonito tune` config module. @internal */
export interface ConfigModule {
  readonly config: TuneConfig;
  /** `file:` URL, for the workers to import. */
  readonly url: string;
  /** The module is TypeScript (the workers must load it through tsx). */
  readonly typescript: boolean;
  /** Study name when the config gives none: the file name without `.config` and extension. */
  readonly defaultName: string;
}

const TS_EXTENSION = /\.[cm]?tsx?$/;

/**
 * Imports and validates a config module. A TypeScript module is loaded through tsx, registered
 * here when this process does not run under it already.
 * @param path - the module path as typed (relative to the current directory).
 * @throws CliError when the file is missing or cannot be imported; TypeError for an invalid config.
 * @internal
 */
export async function loadConfigModule(path: string): Promise<ConfigModule> {
  const file = resolve(path);
  if (!existsSync(file)) throw new CliError(`bonito tune: the config module ${path} does not exist.`);
  const typescript = TS_EXTENSION.test(file);
  if (typescript && !underTsx()) await registerTsx(path);
  const url = pathToFileURL(file).href;
  let ns: Record<string, unknown>;
  try {
    ns = (await import(url)) as Record<string, unknown>;
  } catch (err) {
    const e = toError(err);
    throw new CliError(`bonito tune: the config module ${path} could not be loaded: ${e.message}${e.stack ? `\n${e.stack.split('\n').slice(1, 4).join('\n')}` : ''}`);
  }
  const defaultName = basename(file).replace(TS_EXTENSION, '').replace(/\.[cm]?js$/, '').replace(/\.config$/, '');
  return { config: parseTuneConfig(ns, path), url, typescript, defaultName };
}

/** This process already loads TypeScript (bonito's own sources, `node --import tsx`, the `tsx` command). */
function underTsx(): boolean {
  return import.meta.url.endsWith('.ts') || process.execArgv.some((a) => /(^|[\\/])tsx([\\/]|$)/.test(a));
}

async function registerTsx(path: string): Promise<void> {
  try {
    const tsx = (await import('tsx/esm/api')) as { register: () => unknown };
    tsx.register();
  } catch (err) {
    throw new CliError(
      `bonito tune: the config module ${path} is TypeScript, which needs the tsx package (npm install --save-dev tsx) or a compiled .js config (${toError(err).message}).`,
    );
  }
}
