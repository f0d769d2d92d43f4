// `bonito show`, `bonito export` and `bonito report`: read a journal (file or Redis) without writing to it.
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { NopPruner } from '../../pruners/nop.js';
import { RandomSampler } from '../../samplers/random.js';
import { loadStudy } from '../../study/create.js';
import type { Study } from '../../study/study.js';
import { openStorage, parseStorageSpec } from '../storage-spec.js';
import { CliError } from './cli-error.js';
import { writeStudyReport } from '../report/html.js';
import { studyReport } from './report.js';
import { initCore } from './core-wasm.js';

/**
 * Runs `use` on a study of a journal (a file or a redis:// URL) opened read-only: no stale-trial
 * failing, nothing appended; a Redis connection is closed afterwards.
 */
async function withStudy<T>(command: string, storage: string, name: string | undefined, use: (study: Study) => Promise<T>): Promise<T> {
  const spec = parseStorageSpec(storage);
  if (spec.kind === 'file' && !existsSync(spec.path)) throw new CliError(`bonito ${command}: the storage file ${storage} does not exist.`);
  await initCore();
  const opened = openStorage(spec, { readOnly: true });
  try {
    let study: Study;
    try {
      study = await loadStudy({
        storage: opened.backend,
        name,
        sampler: new RandomSampler(),
        pruner: new NopPruner(),
        failStaleTrials: false,
        onWarning: (m) => process.stderr.write(`${m}\n`),
      });
    } catch (err) {
      if (err instanceof RangeError)
        throw new CliError(`bonito ${command}: ${err.message.replace(/^loadStudy: /, '')} Use --study <name>.`);
      throw err;
    }
    return await use(study);
  } finally {
    await opened.close();
  }
}

/**
 * `bonito show <storage>`: the study's counts, top trials and best parameters.
 * @internal
 */
export async function show(path: string, flags: { study?: string; top: number }): Promise<number> {
  return withStudy('show', path, flags.study, async (study) => {
    process.stdout.write(`${studyReport(study, flags.top)}\n`);
    return 0;
  });
}

/**
 * `bonito export <storage> --format csv|json`: every trial, to stdout or `--output`.
 * @internal
 */
export async function exportStudy(path: string, flags: { format: 'csv' | 'json'; study?: string; output?: string }): Promise<number> {
  const text = await withStudy('export', path, flags.study, async (study) => study.export(flags.format));
  const body = text.endsWith('\n') ? text : `${text}\n`;
  if (flags.output === undefined) process.stdout.write(body);
  else await writeFile(resolve(flags.output), body);
  return 0;
}

/**
 * `bonito report <storage> [-o report.html]`: the study as one self-contained HTML page.
 * @internal
 */
export async function reportStudy(path: string, flags: { output: string; study?: string; top: number }): Promise<number> {
  return withStudy('report', path, flags.study, async (study) => {
    const out = resolve(flags.output);
    await writeStudyReport(study, out, { top: flags.top });
    process.stdout.write(`Wrote the report of study "${study.name}" (${study.trials.length} trials) to ${out}\n`);
    return 0;
  });
}
