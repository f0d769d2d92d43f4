import { Rng } from '../../core/rng.js';
import { sameDistribution, type Distribution, type ParamValue } from '../../space/distributions.js';
import { decodeValue, encodeValue } from '../../space/transform.js';
import { SYSTEM_ATTR, isFinished, type FrozenTrial, type StudyView } from '../../trial/index.js';
import { SAMPLER_TAG } from '../base.js';
import { encodeDiscrete } from './margin.js';
import { Search, type SearchSettings } from './search.js';

/** The generation record a CMA-sampled trial keeps in its system attributes. @internal */
export interface GenerationRecord {
  readonly generation: number;
  /** Trial numbers whose values made the update into `generation` ([] for the first). */
  readonly told: readonly number[];
}

/** The CMA coordinates: names and distributions in column order. @internal */
export interface CmaSpace {
  readonly names: readonly string[];
  readonly distributions: readonly Distribution[];
  /** Columns whose sample must lie in [0, 1] (all of them without the margin, else the continuous ones). */
  readonly bounded: readonly boolean[];
}

/** A point of the current generation, kept until the generation's update. */
interface Member {
  readonly number: number;
  readonly x: Float64Array;
  readonly value: number;
}

/** Where a replay stands after some prefix of the trials. */
export class Walk {
  constructor(
    readonly search: Search,
    public generation = 0,
    public told: readonly number[] = [],
    public members: Member[] = [],
    /** COMPLETE trials seen, for the start-up rule. */
    public completed = 0,
    /** Index of the next trial to replay. */
    public next = 0,
  ) {}

  clone(): Walk {
    return new Walk(this.search.clone(), this.generation, this.told, [...this.members], this.completed, this.next);
  }
}

/** A sampled point: raw (what the update uses) and encoded (discrete axes rounded: what the trial uses). */
export interface Draw {
  readonly raw: Float64Array;
  readonly params: Record<string, ParamValue>;
}

/**
 * The point CMA-ES proposes for trial `number` from `search`: normals derived from (seed, trial
 * number, attempt), resampled up to 10n times while a bounded coordinate leaves [0, 1] (as
 * Optuna's n_max_resampling), then clipped. A pure function, so a replay recomputes the raw point
 * of every trial it sampled instead of storing it.
 * @internal
 */
export function draw(search: Search, space: CmaSpace, number: number): Draw {
  const { seed, n, axes } = search.settings;
  const attempts = 10 * n;
  let x: Float64Array = new Float64Array(n);
  for (let a = 0; a <= attempts; a++) {
    x = search.state.sample(Rng.derive(seed, number, SAMPLER_TAG.cmaes, a).normal(n));
    if (x.every((v, i) => !space.bounded[i] || (v >= 0 && v <= 1))) break;
    if (a === attempts) x = x.map((v, i) => (space.bounded[i] ? Math.min(1, Math.max(0, v)) : v));
  }
  const encoded = axes.length > 0 ? encodeDiscrete(x, search.state, search.scale, axes) : x;
  const params: Record<string, ParamValue> = {};
  space.names.forEach((name, i) => (params[name] = decodeValue(space.distributions[i], encoded[i])));
  return { raw: x, params };
}

function readRecord(trial: FrozenTrial): GenerationRecord | null {
  const r = trial.systemAttrs[SYSTEM_ATTR.cmaesGeneration] as Partial<GenerationRecord> | undefined;
  if (r === undefined || r === null || typeof r !== 'object') return null;
  if (!Number.isSafeInteger(r.generation) || !Array.isArray(r.told)) return null;
  return r as GenerationRecord;
}

function inSpace(trial: FrozenTrial, space: CmaSpace): boolean {
  return space.names.every((name, i) => {
    const d = trial.distributions[name];
    return d !== undefined && (d === space.distributions[i] || sameDistribution(d, space.distributions[i]));
  });
}

/** Moves `walk` into its next generation with the members numbered `told`; false when one is missing. */
function advance(walk: Walk, told: readonly number[]): boolean {
  const byNumber = new Map(walk.members.map((m) => [m.number, m]));
  const chosen = told.map((k) => byNumber.get(k));
  if (chosen.length !== walk.search.lambda || chosen.some((m) => m === undefined)) return false;
  walk.search.update(
    chosen.map((m) => m!.x),
    chosen.map((m) => m!.value),
  );
  walk.generation++;
  walk.told = told;
  walk.members = [];
  return true;
}

/** The first λ members by trial number: the update every worker makes from the same trials. */
export function dueUpdate(walk: Walk): number[] | null {
  const lambda = walk.search.lambda;
  if (walk.members.length < lambda) return null;
  return [...walk.members]
    .sort((a, b) => a.number - b.number)
    .slice(0, lambda)
    .map((m) => m.number);
}

/**
 * Replays `trials[walk.next .. end)` into `walk`. A trial with a generation record joins that
 * generation (stepping the walk with the recorded update when it is the next one; a record of a
 * generation the walk has left is stale and ignored, as Optuna ignores trials of an old
 * generation). A trial without one (recorded by a study that cannot store system attributes, or
 * added from outside) is read as if trials had run one at a time: the first `nStartupTrials`
 * completed trials are the independent start-up, and any later trial joins the generation current
 * when it would have been asked. Either way a COMPLETE trial adds its raw point, recomputed by
 * `draw`, or the encoding of its parameters when they differ from that draw (an enqueued trial).
 */
export function replay(
  walk: Walk,
  trials: readonly FrozenTrial[],
  end: number,
  space: CmaSpace,
  nStartupTrials: number,
  sign: number,
): void {
  for (; walk.next < end; walk.next++) {
    const trial = trials[walk.next];
    const record = readRecord(trial);
    if (record !== null) {
      if (record.generation === walk.generation + 1) {
        if (!advance(walk, record.told)) continue;
      } else if (record.generation !== walk.generation) continue;
    } else if (walk.completed < nStartupTrials) {
      if (trial.state === 'COMPLETE') walk.completed++;
      continue;
    } else {
      const due = dueUpdate(walk);
      if (due !== null) advance(walk, due);
    }
    if (trial.state !== 'COMPLETE') continue;
    walk.completed++;
    const value = trial.value as number;
    if (Number.isNaN(value) || !inSpace(trial, space)) continue;
    walk.members.push({ number: trial.number, x: pointOf(walk.search, space, trial), value: sign * value });
  }
}

function pointOf(search: Search, space: CmaSpace, trial: FrozenTrial): Float64Array {
  const proposed = draw(search, space, trial.number);
  if (space.names.every((name) => proposed.params[name] === trial.params[name])) return proposed.raw;
  return Float64Array.from(space.names, (name, i) => encodeValue(space.distributions[i], trial.params[name]));
}

/**
 * The replay of each study a sampler serves, kept up to the first unfinished trial: trials
 * before it never change (append-only journal), so a later ask continues from a copy instead of
 * replaying every generation again. A fresh process replays from the start and reaches the same
 * state. Rebuilt when the CMA space or the settings change (compared by identity).
 * @internal
 */
export class ReplayCache {
  readonly #byStudy = new WeakMap<StudyView, { space: CmaSpace; settings: SearchSettings; walk: Walk }>();

  /** The walk through every trial numbered below `number`. */
  walkTo(
    study: StudyView,
    trials: readonly FrozenTrial[],
    number: number,
    space: CmaSpace,
    settings: SearchSettings,
    nStartupTrials: number,
  ): Walk {
    // The sampler hands out one CmaSpace and one SearchSettings per space and seed, so identity
    // tells whether the cached replay still applies.
    let entry = this.#byStudy.get(study);
    if (entry === undefined || entry.space !== space || entry.settings !== settings || entry.walk.next > number) {
      entry = { space, settings, walk: new Walk(new Search(settings)) };
      this.#byStudy.set(study, entry);
    }
    const sign = study.direction === 'minimize' ? 1 : -1;
    const end = Math.min(number, trials.length);
    let finished = entry.walk.next;
    while (finished < end && isFinished(trials[finished].state)) finished++;
    replay(entry.walk, trials, finished, space, nStartupTrials, sign);
    const walk = entry.walk.clone();
    replay(walk, trials, end, space, nStartupTrials, sign);
    return walk;
  }
}
