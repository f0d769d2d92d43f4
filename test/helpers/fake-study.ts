// A minimal in-memory study for sampler tests: it follows the trial flow of
// src/samplers/base.ts (create RUNNING, beforeTrial, infer + sampleRelative, suggest -> relative
// value or sampleIndependent, tell) and lets a test control the order of every call, which the
// real Study (with its own scheduling) does not.
import { sameDistribution, type Distribution, type ParamValue, type SearchSpace } from '../../src/space/distributions.js';
import type { Sampler } from '../../src/samplers/base.js';
import type { FrozenTrial, TrialState, Direction, StudyView } from '../../src/trial/index.js';

interface MutableTrial {
  number: number;
  state: TrialState;
  value: number | null;
  values?: readonly number[] | null;
  params: Record<string, ParamValue>;
  distributions: Record<string, Distribution>;
  systemAttrs: Record<string, unknown>;
}

export interface AskedTrial {
  readonly number: number;
  readonly space: SearchSpace;
  readonly relative: Record<string, ParamValue>;
  suggest(name: string, d: Distribution): ParamValue;
}

export class FakeStudy implements StudyView {
  readonly warnings: string[] = [];
  readonly #warned = new Set<string>();
  readonly #trials: MutableTrial[] = [];
  readonly #relative = new Map<number, Record<string, ParamValue>>();
  /** Present only when the study shares relative samples (see StudyView.relativeParamsOf). */
  relativeParamsOf?: (trial: FrozenTrial) => Readonly<Record<string, ParamValue>> | undefined;
  /** Present only when the study records sampler state (see StudyView.setTrialSystemAttr). */
  setTrialSystemAttr?: (trial: FrozenTrial, key: string, value: unknown) => void;
  /** Present only for a study of several objectives. */
  readonly directions?: readonly Direction[];

  constructor(
    readonly sampler: Sampler,
    readonly seed: bigint = 1n,
    readonly direction: Direction = 'minimize',
    options: { shareRelative?: boolean; systemAttrs?: boolean; directions?: readonly Direction[] } = {},
  ) {
    if (options.shareRelative) this.relativeParamsOf = (t) => this.#relative.get(t.number);
    if (options.systemAttrs) {
      this.setTrialSystemAttr = (t, key, value) => {
        const trial = this.#trials[t.number];
        if (trial.state !== 'RUNNING') throw new Error(`FakeStudy.setTrialSystemAttr: trial ${t.number} is ${trial.state}`);
        trial.systemAttrs[key] = value;
      };
    }
    if (options.directions !== undefined) {
      this.directions = options.directions;
      this.direction = options.directions[0];
    }
  }

  getTrials(states?: readonly TrialState[]): readonly FrozenTrial[] {
    return this.#trials.filter((t) => states === undefined || states.includes(t.state)).map(freeze);
  }

  warnOnce(key: string, message: string): void {
    if (this.#warned.has(key)) return;
    this.#warned.add(key);
    this.warnings.push(message);
  }

  /** Adds a finished trial directly (as if replayed from a journal). */
  add(
    params: Record<string, ParamValue>,
    distributions: Record<string, Distribution>,
    value: number | null,
    state: TrialState = 'COMPLETE',
    systemAttrs: Record<string, unknown> = {},
    values?: readonly number[],
  ): void {
    this.#trials.push({
      number: this.#trials.length,
      state,
      value,
      values: values ?? null,
      params: { ...params },
      distributions: { ...distributions },
      systemAttrs: { ...systemAttrs },
    });
  }

  enqueue(params: Record<string, ParamValue>): void {
    this.#trials.push({
      number: this.#trials.length,
      state: 'WAITING',
      value: null,
      params: {},
      distributions: {},
      systemAttrs: { fixed_params: { ...params } },
    });
  }

  ask(): AskedTrial {
    let t = this.#trials.find((x) => x.state === 'WAITING');
    if (t) t.state = 'RUNNING';
    else {
      t = { number: this.#trials.length, state: 'RUNNING', value: null, params: {}, distributions: {}, systemAttrs: {} };
      this.#trials.push(t);
    }
    const trial = t;
    this.sampler.beforeTrial?.(this, freeze(trial));
    const space = this.sampler.inferRelativeSearchSpace(this, freeze(trial));
    const relative = Object.keys(space).length > 0 ? this.sampler.sampleRelative(this, freeze(trial), space) : {};
    const fixed = (trial.systemAttrs.fixed_params ?? {}) as Record<string, ParamValue>;
    this.#relative.set(trial.number, relative);
    return {
      number: trial.number,
      space,
      relative,
      suggest: (name, d) => {
        if (name in trial.params) return trial.params[name];
        let v: ParamValue;
        if (name in fixed) v = fixed[name];
        else if (name in relative && space[name] !== undefined && sameDistribution(space[name], d)) v = relative[name];
        else v = this.sampler.sampleIndependent(this, freeze(trial), name, d);
        trial.params[name] = v;
        trial.distributions[name] = d;
        return v;
      },
    };
  }

  /** Finishes a trial; an array gives every objective's value. As in a Study, the sampler's `afterTrial` sees it still RUNNING. */
  tell(number: number, value: number | readonly number[] | null, state: TrialState = value === null ? 'FAIL' : 'COMPLETE'): void {
    const t = this.#trials[number];
    const first = Array.isArray(value) ? value[0] : (value as number | null);
    this.sampler.afterTrial?.(this, freeze(t), state, first);
    t.state = state;
    t.value = first;
    t.values = Array.isArray(value) ? [...value] : null;
  }

  /** Runs `n` sequential trials of `objective` (params via `space`), returning the values. */
  run(n: number, space: SearchSpace, objective: (p: Record<string, ParamValue>) => number): number[] {
    const values: number[] = [];
    for (let i = 0; i < n; i++) {
      const a = this.ask();
      const p: Record<string, ParamValue> = {};
      for (const [name, d] of Object.entries(space)) p[name] = a.suggest(name, d);
      const v = objective(p);
      this.tell(a.number, v);
      values.push(v);
    }
    return values;
  }
}

function freeze(t: MutableTrial): FrozenTrial {
  return {
    number: t.number,
    trialId: t.number,
    state: t.state,
    value: t.value,
    values: t.values ?? (t.value === null ? null : [t.value]),
    params: { ...t.params },
    distributions: { ...t.distributions },
    intermediateValues: new Map(),
    userAttrs: {},
    systemAttrs: { ...t.systemAttrs },
    datetimeStart: null,
    datetimeComplete: null,
  };
}
