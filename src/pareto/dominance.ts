// Pareto dominance over objective vectors that are all to be minimized: callers flip the sign of
// maximized objectives first (see `toMinimization`), so every kernel here has one convention.

/**
 * True when `a` Pareto-dominates `b`: no worse in every objective and better in at least one.
 * NaN compares as worse than any number, so a NaN vector never dominates a finite one.
 * @param a - objective values, all minimized.
 * @param b - objective values of the same length.
 * @example
 * ```ts
 * dominates([1, 2], [1, 3]); // true
 * dominates([1, 2], [2, 1]); // false
 * ```
 */
export function dominates(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  let better = false;
  for (let k = 0; k < a.length; k++) {
    const x = a[k];
    const y = b[k];
    if (x === y) continue;
    // NaN handling: x is worse when it is NaN and y is not.
    if (Number.isNaN(x)) return false;
    if (Number.isNaN(y) || x < y) better = true;
    else return false;
  }
  return better;
}

/**
 * Constrained domination (Deb et al. 2002, as Optuna's NSGA-II and Pareto fronts use it): a
 * feasible vector beats an infeasible one, of two infeasible ones the smaller total violation
 * wins, and two feasible ones compare by Pareto dominance.
 * @param a - objective values of the first trial, all minimized.
 * @param b - objective values of the second trial.
 * @param violationA - total constraint violation of `a` (0 when feasible; see `totalViolation`).
 * @param violationB - total constraint violation of `b`.
 */
export function constrainedDominates(a: ArrayLike<number>, b: ArrayLike<number>, violationA: number, violationB: number): boolean {
  const feasibleA = violationA === 0;
  const feasibleB = violationB === 0;
  if (feasibleA && feasibleB) return dominates(a, b);
  if (feasibleA !== feasibleB) return feasibleA;
  return violationA < violationB;
}

/**
 * The total violation of constraint values where `c ≤ 0` is feasible (Optuna's convention): the
 * sum of the positive parts, `Infinity` when a value is NaN (an unknown constraint is not met).
 * @param constraints - constraint values of one trial.
 * @returns 0 exactly when the trial is feasible.
 */
export function totalViolation(constraints: ArrayLike<number>): number {
  let total = 0;
  for (let k = 0; k < constraints.length; k++) {
    const c = constraints[k];
    if (Number.isNaN(c)) return Infinity;
    if (c > 0) total += c;
  }
  return total;
}
