import type { CategoricalChoice, Distribution, ParamValue } from '../../space/distributions.js';
import { directionSign, type FrozenTrial, type StudyView } from '../../trial/index.js';

/** A trial as the estimators see it: its params (a running trial's relative sample merged in). */
export interface Observed {
  readonly number: number;
  readonly running: boolean;
  readonly params: Readonly<Record<string, ParamValue>>;
}

/** The study's trials, best first, and how many of them are finished. @internal */
export interface Ranking {
  readonly ranked: readonly Observed[];
  /** COMPLETE and PRUNED trials (running ones, ranked last, do not count). */
  readonly nFinished: number;
}

/**
 * Ranks the trials the way Optuna's TPE splits them: COMPLETE trials by value; then PRUNED ones,
 * those pruned later first and by their last intermediate value within a step (a NaN value
 * last), and those pruned before any report after them; then, with the constant liar, the
 * running trials other than `current`, as if they were the worst. FAIL trials are ignored.
 * Ties keep the trial order. @internal
 */
export function rankTrials(study: StudyView, current: FrozenTrial, constantLiar: boolean): Ranking {
  const sign = directionSign(study.direction);
  const keyed: { obs: Observed; step: number; value: number }[] = [];
  let nFinished = 0;
  for (const t of study.getTrials(constantLiar ? ['COMPLETE', 'PRUNED', 'RUNNING'] : ['COMPLETE', 'PRUNED'])) {
    let step: number;
    let value: number;
    if (t.state === 'COMPLETE') {
      if (t.value === null) continue;
      step = -Infinity;
      value = Number.isNaN(t.value) ? Infinity : sign * t.value;
    } else if (t.state === 'PRUNED') {
      const last = lastReport(t);
      if (last === null) {
        step = 1;
        value = 0;
      } else {
        step = -last[0];
        value = Number.isNaN(last[1]) ? Infinity : sign * last[1];
      }
    } else {
      if (t.number === current.number) continue;
      step = Infinity;
      value = Infinity;
      const params = { ...study.relativeParamsOf?.(t), ...t.params };
      keyed.push({ obs: { number: t.number, running: true, params }, step, value });
      continue;
    }
    nFinished++;
    keyed.push({ obs: { number: t.number, running: false, params: t.params }, step, value });
  }
  keyed.sort((a, b) => compare(a.step, b.step) || compare(a.value, b.value));
  return { ranked: keyed.map((k) => k.obs), nFinished };
}

function compare(a: number, b: number): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function lastReport(t: FrozenTrial): [number, number] | null {
  let best: [number, number] | null = null;
  for (const [step, value] of t.intermediateValues) if (best === null || step > best[0]) best = [step, value];
  return best;
}

/**
 * The internal value of `value` under `d`: the choice index of a categorical, the number itself
 * for a numeric parameter; null when the value is not one `d` can take (another branch of a
 * conditional space, or a distribution that changed), so the trial is left out of this model.
 * @internal
 */
export function internalValue(d: Distribution, value: ParamValue | undefined): number | null {
  if (value === undefined) return null;
  if (d.kind === 'categorical') {
    const i = d.choices.indexOf(value as CategoricalChoice);
    return i === -1 ? null : i;
  }
  if (typeof value !== 'number' || !(value >= d.low && value <= d.high)) return null;
  return value;
}

/**
 * Columns of internal values for the trials that have every parameter of `names`, in trial
 * order (the order the kernel weights assume: oldest lightest). @internal
 */
export function columnsOf(trials: readonly Observed[], names: readonly string[], space: readonly Distribution[]): number[][] {
  const columns: number[][] = names.map(() => []);
  const row: number[] = new Array(names.length);
  for (const t of [...trials].sort((a, b) => a.number - b.number)) {
    let ok = true;
    for (let j = 0; j < names.length && ok; j++) {
      const v = internalValue(space[j], t.params[names[j]]);
      if (v === null) ok = false;
      else row[j] = v;
    }
    if (ok) row.forEach((v, j) => columns[j].push(v));
  }
  return columns;
}
