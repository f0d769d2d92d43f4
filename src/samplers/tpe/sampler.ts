import { Rng } from '../../core/rng.js';
import type { Distribution, ParamValue, SearchSpace } from '../../space/distributions.js';
import { decodeValue } from '../../space/transform.js';
import type { FrozenTrial, StudyView } from '../../trial/index.js';
import { SAMPLER_TAG, derivedUniform, paramKey, type Sampler } from '../base.js';
import { IntersectionSearchSpace } from '../intersection.js';
import { decomposeGroups } from './groups.js';
import { TrialRanking, columnsOf, type Ranking } from './observations.js';
import { kernelWeights, nBelow, resolveOptions, type ResolvedTPEOptions, type TPESamplerOptions } from './options.js';
import { ParzenEstimator } from './parzen-estimator.js';

/** A distribution with a single value needs no model (Optuna's `single()`): one choice, or low = high. */
function single(d: Distribution): boolean {
  return d.kind === 'categorical' ? d.choices.length === 1 : d.low === d.high;
}

function withoutSingles(space: SearchSpace): SearchSpace {
  return Object.fromEntries(Object.entries(space).filter(([, d]) => !single(d)));
}

/**
 * The Tree-structured Parzen Estimator (Bergstra et al. 2011,
 * https://papers.nips.cc/paper/4443-algorithms-for-hyper-parameter-optimization; Optuna's
 * default `TPESampler`, with its defaults). After `nStartupTrials` finished trials drawn at
 * random, the finished trials are split into the γ(n) best ("below") and the rest ("above"), a
 * Parzen estimator l(x) is fitted to the first and g(x) to the second, and of `nEiCandidates`
 * draws from l the one with the largest l(x)/g(x) (the maximizer of expected improvement under
 * this model) is suggested.
 *
 * Independent by default: each parameter gets its own pair of estimators, fitted on the trials
 * that have it, so conditional (define-by-run) and categorical parameters need nothing special.
 * With `multivariate` the joint space (parameters every finished trial has) is modelled with
 * product kernels; with `group` as well, each group of parameters that always appear together is
 * modelled jointly, the rest independently.
 *
 * Numeric parameters have truncated Gaussian kernels (log parameters in log space); ints and
 * stepped floats are discrete: a grid value's probability is the kernel mass on the interval of
 * half a step either side. Categoricals have smoothed one-hot kernels. PRUNED trials rank after
 * every COMPLETE one, later-pruned first and by their last report; FAIL trials are ignored; with
 * `constantLiar` running trials rank last (the worst), so workers asking together spread out.
 *
 * Deterministic: the candidates of trial n come from `Rng.derive(seed, n, tag, key)`, with the
 * parameter name (or the group's names) as key, and the estimators depend only on the trials, so
 * suggestion order, other workers and restarts do not change a suggestion.
 *
 * @example
 * ```ts
 * await init();
 * const study = await createStudy({ sampler: new TPESampler({ seed: 1 }) });
 * await study.optimize((t) => {
 *   const kind = t.suggestCategorical('kind', ['linear', 'poly']);
 *   const x = t.suggestFloat('x', -5, 5);
 *   return kind === 'poly' ? (x - 1) ** 2 : Math.abs(x) + 1;
 * }, { nTrials: 40 });
 * ```
 */
export class TPESampler implements Sampler {
  /** The sampler's own seed, or undefined when it follows the study seed. */
  readonly seed: bigint | undefined;
  readonly nStartupTrials: number;
  readonly nEiCandidates: number;
  readonly priorWeight: number;
  readonly considerEndpoints: boolean;
  readonly considerMagicClip: boolean;
  readonly multivariate: boolean;
  readonly group: boolean;
  readonly constantLiar: boolean;
  readonly #options: ResolvedTPEOptions;
  /** The joint space of finished trials of each study (a cache: a pure function of the trials). */
  readonly #joint = new WeakMap<StudyView, IntersectionSearchSpace>();
  /** The ranking of finished trials of each study, kept incrementally (a cache, like #joint). */
  readonly #ranking = new TrialRanking();

  /** @throws RangeError or TypeError for an option out of range or of the wrong kind. */
  constructor(options: TPESamplerOptions = {}) {
    const o = resolveOptions(options);
    this.#options = o;
    this.seed = o.seed;
    this.nStartupTrials = o.nStartupTrials;
    this.nEiCandidates = o.nEiCandidates;
    this.priorWeight = o.priorWeight;
    this.considerEndpoints = o.considerEndpoints;
    this.considerMagicClip = o.considerMagicClip;
    this.multivariate = o.multivariate;
    this.group = o.group;
    this.constantLiar = o.constantLiar;
    Object.freeze(this);
  }

  inferRelativeSearchSpace(study: StudyView): SearchSpace {
    if (!this.multivariate) return {};
    if (this.group) return Object.assign({}, ...this.#groups(study)) as SearchSpace;
    let joint = this.#joint.get(study);
    if (joint === undefined) this.#joint.set(study, (joint = new IntersectionSearchSpace({ includePruned: true })));
    return withoutSingles(joint.update(study.getTrials(['COMPLETE', 'PRUNED'])));
  }

  sampleRelative(study: StudyView, trial: FrozenTrial, space: SearchSpace): Record<string, ParamValue> {
    if (Object.keys(space).length === 0) return {};
    const ranking = this.#ranking.rank(study, trial, this.constantLiar);
    if (ranking.nFinished < this.nStartupTrials) return {};
    const parts = this.group
      ? this.#groups(study).map((g) =>
          Object.fromEntries(
            Object.keys(g)
              .filter((n) => space[n] !== undefined)
              .map((n) => [n, space[n]]),
          ),
        )
      : [space];
    const out: Record<string, ParamValue> = {};
    for (const part of parts) {
      const names = Object.keys(part).sort();
      if (names.length > 0)
        Object.assign(
          out,
          this.#propose(
            study,
            trial,
            ranking,
            names,
            names.map((n) => part[n]),
            SAMPLER_TAG.tpe,
          ),
        );
    }
    return out;
  }

  sampleIndependent(study: StudyView, trial: FrozenTrial, name: string, distribution: Distribution): ParamValue {
    const ranking = this.#ranking.rank(study, trial, this.constantLiar);
    if (ranking.nFinished < this.nStartupTrials || single(distribution)) {
      const u = derivedUniform(this.seed ?? study.seed, trial.number, SAMPLER_TAG.tpeStartup, paramKey(name));
      return decodeValue(distribution, u);
    }
    return this.#propose(study, trial, ranking, [name], [distribution], SAMPLER_TAG.tpeIndependent)[name];
  }

  #groups(study: StudyView): SearchSpace[] {
    return decomposeGroups(study.getTrials(['COMPLETE', 'PRUNED']))
      .map(withoutSingles)
      .filter((g) => Object.keys(g).length > 0);
  }

  /** The best of nEiCandidates draws from l(x) by log l(x) − log g(x), for the parameters `names`. */
  #propose(
    study: StudyView,
    trial: FrozenTrial,
    ranking: Ranking,
    names: readonly string[],
    space: readonly Distribution[],
    tag: number,
  ): Record<string, ParamValue> {
    const o = this.#options;
    const k = nBelow(o.gamma, ranking.nFinished);
    const split = ranking.split(k);
    const below = columnsOf(split.below, names, space);
    const above = columnsOf(split.above, names, space);
    const parzen = {
      priorWeight: o.priorWeight,
      considerEndpoints: o.considerEndpoints,
      considerMagicClip: o.considerMagicClip,
      multivariate: o.multivariate,
    };
    const l = new ParzenEstimator(space, below, kernelWeights(o.weights, below[0].length), parzen);
    const g = new ParzenEstimator(space, above, kernelWeights(o.weights, above[0].length), parzen);
    const count = o.nEiCandidates;
    const key = paramKey(names.join('\n'));
    const uniforms = Rng.derive(this.seed ?? study.seed, trial.number, tag, key).uniform(count * (1 + names.length));
    const candidates = l.sample(uniforms, count);
    const logL = l.logPdf(candidates);
    const logG = g.logPdf(candidates);
    let best = 0;
    for (let c = 1; c < count; c++) if (logL[c] - logG[c] > logL[best] - logG[best]) best = c;
    const out: Record<string, ParamValue> = {};
    names.forEach((name, j) => {
      const d = space[j];
      const v = candidates[j][best];
      out[name] = d.kind === 'categorical' ? d.choices[v] : v;
    });
    return out;
  }
}
