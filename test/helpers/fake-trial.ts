// A stand-in Trial (the one trial interface) in the tfjs tests: the three suggest methods (with Optuna's
// rule that suggesting a name again returns the recorded value), report/shouldPrune with a
// scripted pruning rule, and user attributes. It records every call so tests can check what the
// trainer and the MLP space asked for. Values are drawn from a seeded Rng, never Math.random.
import { Rng } from '../../src/core/rng.js';
import type { CategoricalChoice, Distribution, ParamValue } from '../../src/space/distributions.js';
import type { FrozenTrial, Trial, TrialState } from '../../src/trial/index.js';

export interface SuggestCall {
  kind: 'int' | 'float' | 'categorical';
  name: string;
  low?: number;
  high?: number;
  log?: boolean;
  step?: number;
  choices?: readonly CategoricalChoice[];
}

export interface FakeTrialOptions {
  seed?: number;
  /** Values returned instead of a draw (as `enqueueTrial` would). */
  fixed?: Record<string, ParamValue>;
  /** Pruning rule, asked after each report. */
  prune?: (step: number, value: number) => boolean;
}

export class FakeTrial implements Trial {
  readonly number = 0;
  readonly state: TrialState = 'RUNNING';
  /** Not tracked: the tfjs tests read `calls` instead. */
  readonly distributions: Readonly<Record<string, Distribution>> = {};
  readonly params: Record<string, ParamValue> = {};
  readonly calls: SuggestCall[] = [];
  readonly reports: [step: number, value: number][] = [];
  readonly userAttrs: Record<string, unknown> = {};
  readonly #rng: Rng;
  readonly #fixed: Record<string, ParamValue>;
  readonly #prune: (step: number, value: number) => boolean;

  constructor(options: FakeTrialOptions = {}) {
    this.#rng = new Rng(options.seed ?? 0);
    this.#fixed = options.fixed ?? {};
    this.#prune = options.prune ?? (() => false);
  }

  suggestInt(name: string, low: number, high: number, opts: { log?: boolean; step?: number } = {}): number {
    this.calls.push({ kind: 'int', name, low, high, ...opts });
    return this.#value(name, () => {
      const u = this.#rng.uniform(1)[0];
      if (opts.log) return Math.min(high, Math.floor(Math.exp(Math.log(low) + u * (Math.log(high + 1) - Math.log(low)))));
      const step = opts.step ?? 1;
      return low + step * Math.floor(u * (Math.floor((high - low) / step) + 1));
    }) as number;
  }

  suggestFloat(name: string, low: number, high: number, opts: { log?: boolean; step?: number } = {}): number {
    this.calls.push({ kind: 'float', name, low, high, ...opts });
    return this.#value(name, () => {
      const u = this.#rng.uniform(1)[0];
      return opts.log ? Math.exp(Math.log(low) + u * (Math.log(high) - Math.log(low))) : low + u * (high - low);
    }) as number;
  }

  suggestCategorical<const T extends CategoricalChoice>(name: string, choices: readonly T[]): T {
    this.calls.push({ kind: 'categorical', name, choices });
    return this.#value(name, () => choices[Math.floor(this.#rng.uniform(1)[0] * choices.length)]) as T;
  }

  report(value: number, step: number): void {
    if (!this.reports.some(([s]) => s === step)) this.reports.push([step, value]);
  }

  shouldPrune(): boolean {
    const last = this.reports[this.reports.length - 1];
    return last !== undefined && this.#prune(last[0], last[1]);
  }

  setUserAttr(key: string, value: unknown): void {
    this.userAttrs[key] = structuredClone(value);
  }

  toFrozen(): FrozenTrial {
    return {
      number: 0,
      trialId: 0,
      state: 'RUNNING',
      value: null,
      values: null,
      params: { ...this.params },
      distributions: {},
      intermediateValues: new Map(this.reports),
      userAttrs: { ...this.userAttrs },
      systemAttrs: {},
      datetimeStart: null,
      datetimeComplete: null,
    };
  }

  #value(name: string, draw: () => ParamValue): ParamValue {
    if (!(name in this.params)) this.params[name] = name in this.#fixed ? this.#fixed[name] : draw();
    return this.params[name];
  }
}
