import { resolve } from 'node:path';
import type { JournalBackend } from '../storage/base.js';
import { JournalFileBackend } from './file-journal.js';
import { JournalRedisBackend, redactUrl } from './redis-journal.js';

/** Where a `--storage` (or a config's `storage`) points. */
export type StorageSpec =
  | { readonly kind: 'file'; readonly path: string }
  | { readonly kind: 'redis'; readonly url: string; readonly prefix: string };

/**
 * Reads a storage spec: `redis://[user:password@]host[:port][/db][?prefix=P]` (or `rediss://`)
 * is a Redis journal with key prefix `P` (Optuna's default, `''`, when absent); anything else is
 * a JSONL file path, relative to the current directory.
 * @throws RangeError on a Redis URL that does not parse or has a query other than `prefix`.
 * @example
 * ```ts
 * parseStorageSpec('redis://db:6379/0?prefix=mnist'); // { kind: 'redis', url: 'redis://db:6379/0', prefix: 'mnist' }
 * parseStorageSpec('runs/study.jsonl'); // { kind: 'file', path: '/abs/runs/study.jsonl' }
 * ```
 */
export function parseStorageSpec(spec: string): StorageSpec {
  if (!/^rediss?:\/\//i.test(spec)) return { kind: 'file', path: resolve(spec) };
  let url: URL;
  try {
    url = new URL(spec);
  } catch {
    throw new RangeError(
      `bonito: \`--storage\` must be redis://host[:port][/db][?prefix=name] but got ${JSON.stringify(redactUrl(spec))}.`,
    );
  }
  const unknown = [...url.searchParams.keys()].filter((k) => k !== 'prefix');
  if (unknown.length > 0) {
    throw new RangeError(
      `bonito: a Redis \`--storage\` takes only the query parameter \`prefix\` but got ${unknown.map((k) => `\`${k}\``).join(', ')}.`,
    );
  }
  const prefix = url.searchParams.get('prefix') ?? '';
  url.search = '';
  return { kind: 'redis', url: url.toString(), prefix };
}

/** The spec for messages: the file path, or the URL without its password plus the prefix. */
export function describeStorage(spec: StorageSpec): string {
  return spec.kind === 'file' ? spec.path : `${redactUrl(spec.url)}${spec.prefix === '' ? '' : ` (prefix "${spec.prefix}")`}`;
}

/** A backend for a spec, and how to let go of it (a Redis connection; nothing for a file). */
export function openStorage(
  spec: StorageSpec,
  options: { readOnly?: boolean } = {},
): { backend: JournalBackend; close: () => Promise<void> } {
  if (spec.kind === 'file')
    return { backend: new JournalFileBackend(spec.path, { readOnly: options.readOnly === true }), close: async () => undefined };
  const backend = new JournalRedisBackend(spec.url, { prefix: spec.prefix });
  return { backend, close: () => backend.close() };
}
