// The part of bonito/tfjs's MLP space this app lets a person edit, and the page-side suggestion
// of it. The page owns the study, so it suggests the parameters (with the GP) and the worker
// replays them through `FixedTrial` into `trainAndScore`: both sides must suggest the same names
// with the same distributions, in the order `suggestMlp` does (test/examples/browser-app.test.ts
// checks that they agree). Fixed here: relu, adam, no L1, no decoupled weight decay.
import type { MlpSpace, SuggestTrial } from 'bonito/tfjs';

/** One editable entry: a range, or a fixed value when low == high. */
export interface Range {
  low: number;
  high: number;
  log: boolean;
}

/** What the form edits, keyed by `MlpSpace` entry. */
export type AppSpace = Record<FieldKey, Range>;

export type FieldKey = (typeof FIELDS)[number]['key'];

/** The editable entries in `suggestMlp`'s order, with the form's defaults and hard limits. */
export const FIELDS = [
  { key: 'layers', label: 'hidden layers', param: 'layers', kind: 'int', low: 1, high: 2, log: false, min: 1, max: 8 },
  { key: 'units', label: 'units per layer', param: 'units_i', kind: 'int', low: 4, high: 64, log: true, min: 1, max: 4096 },
  { key: 'dropout', label: 'dropout', param: 'dropout', kind: 'float', low: 0, high: 0.3, log: false, min: 0, max: 0.95 },
  { key: 'l2', label: 'L2 penalty', param: 'l2', kind: 'float', low: 1e-6, high: 1e-2, log: true, min: 0, max: 10 },
  {
    key: 'learningRate',
    label: 'learning rate',
    param: 'learning_rate',
    kind: 'float',
    low: 1e-3,
    high: 0.3,
    log: true,
    min: 1e-8,
    max: 10,
  },
  { key: 'batchSize', label: 'batch size', param: 'batch_size', kind: 'int', low: 8, high: 64, log: true, min: 1, max: 4096 },
  { key: 'epochs', label: 'epochs', param: 'epochs', kind: 'int', low: 10, high: 40, log: false, min: 1, max: 1000 },
] as const;

const FIXED = { activation: 'relu', optimizer: 'adam', l1: 0, weightDecay: 0 } as const;

/**
 * Checks a space a person typed.
 * @throws Error naming the entry, in the house form, when a bound is not a number, out of its
 *   limits, reversed, fractional for an integer, or not positive on a log scale.
 */
export function checkSpace(space: AppSpace): AppSpace {
  for (const f of FIELDS) {
    const r = space[f.key];
    const where = `Search space: \`${f.label}\``;
    for (const v of [r.low, r.high]) {
      if (!Number.isFinite(v) || v < f.min || v > f.max)
        throw new Error(`${where} must be a number in [${f.min}, ${f.max}] but got ${String(v)}.`);
      if (f.kind === 'int' && !Number.isInteger(v)) throw new Error(`${where} must be a whole number but got ${v}.`);
    }
    if (r.low > r.high) throw new Error(`${where} must have low <= high but got ${r.low} > ${r.high}.`);
    if (r.log && r.low <= 0 && r.low !== r.high) throw new Error(`${where} must have low > 0 on a log scale but got ${r.low}.`);
  }
  return space;
}

/** The space as `trainAndScore` takes it (a range, or a number when low == high). */
export function toMlpSpace(space: AppSpace): MlpSpace {
  const entry = (r: Range) => (r.low === r.high ? r.low : { low: r.low, high: r.high, log: r.log });
  const mlp: Record<string, unknown> = { ...FIXED };
  for (const f of FIELDS) mlp[f.key] = entry(space[f.key]);
  return mlp as MlpSpace;
}

/**
 * Suggests the space from a study's trial as `suggestMlp` would, without loading TensorFlow.js
 * into the page.
 * @returns the suggested parameters by study name.
 */
export function suggestSpace(trial: SuggestTrial, space: AppSpace): Record<string, number> {
  const params: Record<string, number> = {};
  const suggest = (name: string, r: Range, kind: 'int' | 'float') => {
    if (r.low === r.high) return r.low; // fixed: not a parameter of the study
    const value =
      kind === 'int' ? trial.suggestInt(name, r.low, r.high, { log: r.log }) : trial.suggestFloat(name, r.low, r.high, { log: r.log });
    params[name] = value;
    return value;
  };
  const layers = suggest('layers', space.layers, 'int');
  for (let i = 0; i < layers; i++) suggest(`units_${i}`, space.units, 'int');
  suggest('dropout', space.dropout, 'float');
  suggest('l2', space.l2, 'float');
  suggest('learning_rate', space.learningRate, 'float');
  suggest('batch_size', space.batchSize, 'int');
  suggest('epochs', space.epochs, 'int');
  return params;
}
