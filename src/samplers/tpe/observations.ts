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
  /** The first k ranked trials and the rest, each in trial order (memoized per k). */
  split(k: number): { below: readonly Observed[]; above: readonly Observed[] };
}

function ranking(ranked: Observed[], nFinished: number): Ranking {
  const memo = new Map<number, { below: readonly Observed[]; above: readonly Observed[] }>();
  const byNumber = (a: Observed, b: Observed) => a.number - b.number;
  return {
    ranked,
    nFinished,
    split(k) {
      let s = memo.get(k);
      if (s === undefined) memo.set(k, (s = { below: ranked.slice(0, k).sort(byNumber), above: ranked.slice(k).sort(byNumber) }));
      return s;
    },
  };
}

interface Keyed {
  readonly obs: Observed;
  readonly step: number;
  readonly value: number;
}

/** Ranking order: step key, then value, then trial number (what a stable sort in trial order gives). */
function before(a: Keyed, b: Keyed): boolean {
  if (a.step !== b.step) return a.step < b.step;
  if (a.value !== b.value) return a.value < b.value;
  return a.obs.number < b.obs.number;
}

/**
 * Ranks the trials the way Optuna's TPE splits them: COMPLETE trials by value; then PRUNED ones,
 * those pruned later first and by their last intermediate value within a step (a NaN value
 * last), and those pruned before any report after them; then, with the constant liar, the
 * running trials other than `current`, as if they were the worst. FAIL trials are ignored.
 * Ties keep the trial order.
 *
 * Finished trials never change in an append-only journal, so their order is kept per study and
 * each call only inserts the new ones (a cache: the result is the same as sorting afresh).
 * @internal
 */
export class TrialRanking {
  readonly #byStudy = new WeakMap<StudyView, { seen: Set<number>; sorted: Keyed[]; last: Ranking | null }>();

  rank(study: StudyView, current: FrozenTrial, constantLiar: boolean): Ranking {
    let cache = this.#byStudy.get(study);
    if (cache === undefined) this.#byStudy.set(study, (cache = { seen: new Set(), sorted: [], last: null }));
    const sign = directionSign(study.direction);
    let changed = false;
    for (const t of study.getTrials(['COMPLETE', 'PRUNED'])) {
      if (cache.seen.has(t.trialId)) continue;
      cache.seen.add(t.trialId);
      const k = finishedKey(t, sign);
      if (k !== null) insertSorted(cache.sorted, k);
      changed = true;
    }
    // Without the liar the ranking depends on the finished trials only: the parameters of one
    // trial share it (and its memoized splits) until another trial finishes.
    if (!constantLiar && !changed && cache.last !== null) return cache.last;
    const ranked = cache.sorted.map((k) => k.obs);
    const nFinished = ranked.length;
    if (constantLiar) {
      for (const t of study.getTrials(['RUNNING'])) {
        if (t.number === current.number) continue;
        ranked.push({ number: t.number, running: true, params: { ...study.relativeParamsOf?.(t), ...t.params } });
      }
      return ranking(ranked, nFinished);
    }
    return (cache.last = ranking(ranked, nFinished));
  }
}

/** `rank` without a cache, for one-off use. @internal */
export function rankTrials(study: StudyView, current: FrozenTrial, constantLiar: boolean): Ranking {
  return new TrialRanking().rank(study, current, constantLiar);
}

function finishedKey(t: FrozenTrial, sign: number): Keyed | null {
  const obs: Observed = { number: t.number, running: false, params: t.params };
  if (t.state === 'COMPLETE') {
    if (t.value === null) return null;
    return { obs, step: -Infinity, value: Number.isNaN(t.value) ? Infinity : sign * t.value };
  }
  const last = lastReport(t);
  if (last === null) return { obs, step: 1, value: 0 };
  return { obs, step: -last[0], value: Number.isNaN(last[1]) ? Infinity : sign * last[1] };
}

function insertSorted(sorted: Keyed[], k: Keyed): void {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (before(sorted[mid], k)) lo = mid + 1;
    else hi = mid;
  }
  sorted.splice(lo, 0, k);
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
 * Columns of internal values for the trials (given in trial order, the order the kernel weights
 * assume: oldest lightest) that have every parameter of `names`. @internal
 */
export function columnsOf(trials: readonly Observed[], names: readonly string[], space: readonly Distribution[]): number[][] {
  const columns: number[][] = names.map(() => []);
  const row: number[] = new Array(names.length);
  for (const t of trials) {
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
