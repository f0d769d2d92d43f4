import { Rng } from '../../core/rng.js';
import { CmaState, defaultPopulationSize } from './cma.js';
import { applyMargin, type DiscreteAxis } from './margin.js';
import { SAMPLER_TAG } from '../base.js';

/** Restart strategies: larger populations after each stop (IPOP) or alternating budgets (BIPOP). */
export type RestartStrategy = 'ipop' | 'bipop' | null;

/** What every replay of one study shares: the settings that shape the search. @internal */
export interface SearchSettings {
  readonly seed: bigint;
  readonly n: number;
  /** Initial mean in the unit cube. */
  readonly x0: Float64Array;
  readonly sigma0: number;
  readonly popsize: number | null;
  readonly restart: RestartStrategy;
  readonly incPopsize: number;
  /** Discrete axes that get the margin (empty without it). */
  readonly axes: readonly DiscreteAxis[];
}

/** Smallest σ0 (the `cmaes` library fails on 0). */
const MIN_SIGMA = 1e-8;

/**
 * One CMA-ES run with its restart bookkeeping: the distribution, the margin's scaling A, and the
 * budgets BIPOP balances. Built only from the settings and the updates replayed into it.
 * @internal
 */
export class Search {
  state: CmaState;
  /** A of CMA-ES with margin (1 on continuous axes). */
  scale: Float64Array;
  restarts = 0;
  /** BIPOP: restarts in the large-population regime, and evaluations spent in each regime. */
  largeRestarts = 0;
  smallEvaluations = 0;
  largeEvaluations = 0;
  regime: 'small' | 'large' = 'large';

  constructor(
    readonly settings: SearchSettings,
    state?: CmaState,
    scale?: Float64Array,
  ) {
    const popsize = settings.popsize ?? defaultPopulationSize(settings.n);
    this.state = state ?? new CmaState(settings.x0, Math.max(settings.sigma0, MIN_SIGMA), popsize);
    this.scale = scale ?? new Float64Array(settings.n).fill(1);
  }

  get lambda(): number {
    return this.state.p.lambda;
  }

  /** A deep copy, so a cached replay can be continued without being changed. */
  clone(): Search {
    const copy = new Search(this.settings, this.state.clone(), Float64Array.from(this.scale));
    copy.restarts = this.restarts;
    copy.largeRestarts = this.largeRestarts;
    copy.smallEvaluations = this.smallEvaluations;
    copy.largeEvaluations = this.largeEvaluations;
    copy.regime = this.regime;
    return copy;
  }

  /** Applies one generation (raw points, minimized values), the margin, and a restart if the run has stopped. */
  update(xs: readonly Float64Array[], values: readonly number[]): void {
    this.state.tell(xs, values);
    if (this.settings.axes.length > 0) {
      // α = 1/(nλ), the `cmaes` library's default, for the population of the current run.
      applyMargin(this.state, this.scale, this.settings.axes, 1 / (this.settings.n * this.lambda));
    }
    if (this.settings.restart !== null && this.state.shouldStop()) this.#restart();
  }

  #restart(): void {
    const { seed, n, sigma0, incPopsize } = this.settings;
    this.restarts++;
    const random = Rng.derive(seed, SAMPLER_TAG.cmaesRestart, this.restarts).uniform(n + 2);
    const mean = random.subarray(0, n);
    const initial = this.settings.popsize ?? defaultPopulationSize(n);
    let popsize: number;
    let sigma = sigma0;
    if (this.settings.restart === 'ipop') {
      popsize = this.lambda * incPopsize;
    } else {
      // BIPOP (Hansen 2009, https://doi.org/10.1145/1570256.1570333): a small-population run with a
      // random smaller σ whenever the small regime has spent less than the large one.
      const spent = this.lambda * this.state.generation;
      if (this.regime === 'small') this.smallEvaluations += spent;
      else this.largeEvaluations += spent;
      if (this.smallEvaluations < this.largeEvaluations) {
        this.regime = 'small';
        const multiplier = incPopsize ** this.largeRestarts;
        popsize = Math.floor(initial * multiplier ** (random[n] ** 2));
        sigma = sigma0 * 10 ** (-2 * random[n + 1]);
      } else {
        this.regime = 'large';
        this.largeRestarts++;
        popsize = initial * incPopsize ** this.largeRestarts;
      }
    }
    this.state = new CmaState(mean, Math.max(sigma, MIN_SIGMA), Math.max(popsize, 2));
    this.scale = new Float64Array(n).fill(1);
  }
}
