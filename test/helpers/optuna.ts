// The Python side of the Optuna round trips: finding an interpreter with Optuna 3.x, running
// test/fixtures/optuna_roundtrip.py, and comparing its dump with bonito's trials.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { distributionToJson } from '../../src/space/distributions.js';
import { parsePythonJson } from '../../src/storage/python-json.js';
import { formatDatetime } from '../../src/storage/records.js';
import type { FrozenTrial } from '../../src/trial/index.js';

const script = fileURLToPath(new URL('../fixtures/optuna_roundtrip.py', import.meta.url));

let python: string | undefined;

/** The first interpreter that imports optuna 3.x (Debian's is /usr/bin/python3, not pyenv's). */
export function findPython(): string {
  if (python !== undefined) return python;
  for (const candidate of ['/usr/bin/python3', 'python3']) {
    try {
      const v = execFileSync(candidate, ['-c', 'import optuna; print(optuna.__version__)'], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
      });
      if (v.startsWith('3.')) return (python = candidate);
    } catch {
      // try the next one
    }
  }
  throw new Error('No Python with Optuna 3.x found: install it with `apt-get install -y python3-optuna`.');
}

export interface PyTrial {
  number: number;
  state: string;
  value: number | null;
  params: Record<string, unknown>;
  distributions: Record<string, string>;
  intermediate_values: Record<string, number>;
  user_attrs: Record<string, unknown>;
  system_attrs: Record<string, unknown>;
  datetime_start: string | null;
  datetime_complete: string | null;
}
export interface PyStudy {
  name: string;
  direction: string;
  user_attrs: Record<string, unknown>;
  trials: PyTrial[];
}

export function optuna(command: 'dump' | 'write' | 'write_edge' | 'continue', path: string): PyStudy[] {
  const out = execFileSync(findPython(), [script, command, path], { encoding: 'utf8' });
  return parsePythonJson(out) as PyStudy[];
}

/** Bonito's trial in the shape the Python dump uses. */
export function asPython(t: FrozenTrial): PyTrial {
  return {
    number: t.number,
    state: t.state,
    value: t.value,
    params: { ...t.params },
    distributions: Object.fromEntries(Object.entries(t.distributions).map(([k, d]) => [k, distributionToJson(d)])),
    intermediate_values: Object.fromEntries([...t.intermediateValues].sort((a, b) => a[0] - b[0]).map(([s, v]) => [String(s), v])),
    user_attrs: { ...t.userAttrs },
    system_attrs: { ...t.systemAttrs },
    datetime_start: t.datetimeStart === null ? null : formatDatetime(t.datetimeStart),
    datetime_complete: t.datetimeComplete === null ? null : formatDatetime(t.datetimeComplete),
  };
}

/**
 * Distribution JSON compared as data (Python writes `0.0` and spaces, JavaScript `0`), and
 * datetimes to the millisecond (a JavaScript Date holds no microseconds).
 */
export function normalise(trials: PyTrial[]): unknown {
  const ms = (d: string | null) => (d === null ? null : d.slice(0, 23));
  return trials.map((t) => ({
    ...t,
    distributions: Object.fromEntries(Object.entries(t.distributions).map(([k, d]) => [k, JSON.parse(d)])),
    datetime_start: ms(t.datetime_start),
    datetime_complete: ms(t.datetime_complete),
  }));
}
