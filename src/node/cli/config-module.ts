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
  const { ns, url, typescript, file } = await importUserModule(path, 'bonito tune', 'config module');
  const defaultName = basename(file)
    .replace(TS_EXTENSION, '')
    .replace(/\.[cm]?js$/, '')
    .replace(/\.config$/, '');
  return { config: parseTuneConfig(ns, path), url, typescript, defaultName };
}

/**
 * Imports a user's module (JavaScript, or TypeScript through tsx, registered here when this
 * process does not run under it already).
 * @param path - the module path as typed (relative to the current directory).
 * @param command - the command, for messages ("bonito tune").
 * @param what - what the module is, for messages ("config module").
 * @throws CliError when the file is missing or cannot be imported.
 * @internal
 */
export async function importUserModule(
  path: string,
  command: string,
  what: string,
): Promise<{ ns: Record<string, unknown>; url: string; typescript: boolean; file: string }> {
  const file = resolve(path);
  if (!existsSync(file)) throw new CliError(`${command}: the ${what} ${path} does not exist.`);
  const typescript = TS_EXTENSION.test(file);
  if (typescript && !underTsx()) await registerTsx(path, command, what);
  const url = pathToFileURL(file).href;
  try {
    return { ns: (await import(url)) as Record<string, unknown>, url, typescript, file };
  } catch (err) {
    const e = toError(err);
    throw new CliError(
      `${command}: the ${what} ${path} could not be loaded: ${e.message}${e.stack ? `\n${e.stack.split('\n').slice(1, 4).join('\n')}` : ''}`,
    );
  }
}

function underTsx(): boolean {
  return import.meta.url.endsWith('.ts') || process.execArgv.some((a) => /(^|[\\/])tsx([\\/]|$)/.test(a));
}

async function registerTsx(path: string, command: string, what: string): Promise<void> {
  try {
    const tsx = (await import('tsx/esm/api')) as { register: () => unknown };
    tsx.register();
  } catch (err) {
    throw new CliError(
      `${command}: the ${what} ${path} is TypeScript, which needs the tsx package (npm install --save-dev tsx) or a compiled .js module (${toError(err).message}).`,
    );
  }
}
