// NSGA-II's generations, derived from the journal alone: every trial records the generation it
// was asked in, and the parents of generation g+1 are the elite of (parents of g) ∪ (completed
// trials of g). Any process that reads the same journal finds the same parents.
import { constrainedDominates, crowdingDistances, dominates, nonDominatedRanks, totalViolation } from '../../pareto/index.js';
import { SYSTEM_ATTR, directionSign, type Direction, type FrozenTrial } from '../../trial/index.js';

/** A completed trial as NSGA-II compares it: objectives all minimized, its total violation. */
export interface Individual {
  readonly trial: FrozenTrial;
  readonly objectives: readonly number[];
  /** 0 when feasible or when the study has no constraints. */
  readonly violation: number;
}

/** The parents of the next generation. */
export interface ParentPopulation {
  /** The last generation that completed `populationSize` trials, or -1 when none has. */
  readonly generation: number;
  readonly parents: readonly Individual[];
}

/** The generation a trial was asked in, or null for trials NSGA-II did not ask (enqueued, other samplers). */
export function generationOf(trial: FrozenTrial): number | null {
  const g = trial.systemAttrs[SYSTEM_ATTR.nsga2Generation];
  return typeof g === 'number' && Number.isSafeInteger(g) && g >= 0 ? g : null;
}

/** The constraint values a trial carries, or null when it has none. */
export function constraintsOf(trial: FrozenTrial): number[] | null {
  const c = trial.systemAttrs[SYSTEM_ATTR.constraints];
  return Array.isArray(c) && c.every((v) => typeof v === 'number') ? (c as number[]) : null;
}

/**
 * A completed trial as an individual. With constraints in play, a trial without recorded
 * constraint values counts as infeasible (Optuna warns and does the same).
 */
export function toIndividual(trial: FrozenTrial, directions: readonly Direction[], constrained: boolean): Individual {
  const values = trial.values ?? (trial.value === null ? [] : [trial.value]);
  const objectives = directions.map((d, k) => directionSign(d) * (values[k] ?? Number.NaN));
  const c = constraintsOf(trial);
  return { trial, objectives, violation: constrained ? (c === null ? Infinity : totalViolation(c)) : 0 };
}

/** True when `a` beats `b` (constrained domination when the study has constraints). */
export function beats(a: Individual, b: Individual, constrained: boolean): boolean {
  return constrained ? constrainedDominates(a.objectives, b.objectives, a.violation, b.violation) : dominates(a.objectives, b.objectives);
}

/**
 * The `size` best individuals: whole fronts of the non-dominated sort while they fit, then the
 * least crowded of the next front (ties by trial number, so the choice is reproducible).
 */
export function selectElite(population: readonly Individual[], size: number, constrained: boolean): Individual[] {
  const ranks = nonDominatedRanks(
    population.map((p) => p.objectives),
    constrained ? population.map((p) => p.violation) : undefined,
  );
  const fronts: Individual[][] = [];
  population.forEach((p, i) => (fronts[ranks[i]] ??= []).push(p));
  const elite: Individual[] = [];
  for (const front of fronts) {
    if (elite.length + front.length <= size) {
      elite.push(...front);
      continue;
    }
    const distance = crowdingDistances(front.map((p) => p.objectives));
    const order = front.map((_, i) => i).sort((i, j) => distance[j] - distance[i] || front[i].trial.number - front[j].trial.number);
    for (const i of order.slice(0, size - elite.length)) elite.push(front[i]);
    break;
  }
  return elite;
}

/**
 * Walks the generations recorded in `trials` from 0 and returns the parents for the next one.
 * A generation counts once `populationSize` of its trials are COMPLETE; its later completions
 * join it on the next read (the journal decides, not the moment of an ask).
 */
export function collectParents(
  trials: readonly FrozenTrial[],
  directions: readonly Direction[],
  populationSize: number,
  constrained: boolean,
): ParentPopulation {
  const byGeneration: FrozenTrial[][] = [];
  for (const t of trials) {
    if (t.state !== 'COMPLETE') continue;
    const g = generationOf(t);
    if (g !== null) (byGeneration[g] ??= []).push(t);
  }
  let parents: Individual[] = [];
  let generation = -1;
  for (let g = 0; g < byGeneration.length; g++) {
    const members = byGeneration[g] ?? [];
    if (members.length < populationSize) break;
    const population = [...members.map((t) => toIndividual(t, directions, constrained)), ...parents];
    parents = selectElite(population, populationSize, constrained);
    generation = g;
  }
  return { generation, parents };
}
