/**
 * Which observed trials a long study's GP is fitted to. An exact GP costs O(n³) per likelihood
 * evaluation and O(n²) per candidate scored, so past `EXACT_MAX_TRIALS` observations the sampler
 * fits a bounded subset instead: what the acquisition needs most is the shape of the objective
 * around the incumbent and a coarse picture of the rest (docs/gp-performance.md).
 *
 * The choice is a pure function of the encoded inputs, the model targets and the trial order, so
 * it follows from the journal like everything else the sampler does.
 * @internal
 */

/** Up to this many observed trials the GP is exact: every trial, as before long studies were bounded. */
export const EXACT_MAX_TRIALS = 300;

/** Size of the training subset beyond EXACT_MAX_TRIALS. */
export const SUBSET_SIZE = 256;

/** The subset's parts (they add up to SUBSET_SIZE; a trial picked by an earlier part is not picked again). */
const BEST = 96; // the best targets: where the optimum is believed to be
const NEAREST = 64; // nearest neighbours of the incumbent: the local shape the search refines
const RECENT = 48; // the latest trials: keeps the model from proposing again next to them
// The rest: evenly spread over the remaining trials in trial order, a coarse global picture.

/**
 * Row indices (ascending) of the training subset of n observations, or null when every row is
 * used (n ≤ EXACT_MAX_TRIALS).
 * @param x - n × d inputs, row-major (categorical columns hold codes: compared by equality).
 * @param y - n targets, larger is better.
 * @param complete - whether each row is a COMPLETE trial (the incumbent is the best of those).
 * @param categorical - d flags.
 */
export function trainingSubset(
  x: Float64Array,
  y: Float64Array,
  complete: readonly boolean[],
  d: number,
  categorical: ArrayLike<boolean>,
): number[] | null {
  const n = y.length;
  if (n <= EXACT_MAX_TRIALS) return null;
  const chosen = new Uint8Array(n);
  const picks: number[] = [];
  const take = (i: number) => {
    if (chosen[i]) return false;
    chosen[i] = 1;
    picks.push(i);
    return true;
  };

  // Best first (ties: the earlier trial), the incumbent COMPLETE trial always in.
  let incumbent = -1;
  for (let i = 0; i < n; i++) if (complete[i] && (incumbent < 0 || y[i] > y[incumbent])) incumbent = i;
  if (incumbent < 0) incumbent = lowest(1, n, (i) => -y[i], chosen)[0];
  take(incumbent);
  for (const i of lowest(BEST - 1, n, (i) => -y[i], chosen)) take(i);

  // Nearest to the incumbent (squared Euclidean in the unit cube, 1 per differing category).
  const xi = incumbent * d;
  const dist = (i: number) => {
    let s = 0;
    for (let j = 0; j < d; j++) {
      const a = x[i * d + j];
      const b = x[xi + j];
      s += categorical[j] ? (a === b ? 0 : 1) : (a - b) * (a - b);
    }
    return s;
  };
  for (const i of lowest(NEAREST, n, dist, chosen)) take(i);

  // The latest trials.
  let added = 0;
  for (let i = n - 1; i >= 0 && added < RECENT; i--) if (take(i)) added++;

  // Evenly spread over what is left, in trial order.
  const rest: number[] = [];
  for (let i = 0; i < n; i++) if (!chosen[i]) rest.push(i);
  const want = Math.min(SUBSET_SIZE - picks.length, rest.length);
  for (let k = 0; k < want; k++) take(rest[Math.floor((k * rest.length) / want)]);
  return picks.sort((a, b) => a - b);
}

/**
 * Indices of the k rows with the lowest key among those not yet chosen, lowest first (ties: the
 * lower index). One pass with a small sorted buffer: O(n) when few rows beat the current k-th.
 */
function lowest(k: number, n: number, key: (i: number) => number, chosen: Uint8Array): number[] {
  const idx: number[] = [];
  const val: number[] = [];
  for (let i = 0; i < n; i++) {
    if (chosen[i]) continue;
    const v = key(i);
    if (idx.length === k && !(v < val[k - 1])) continue;
    let at = idx.length === k ? k - 1 : idx.length;
    while (at > 0 && v < val[at - 1]) {
      if (at < k) {
        idx[at] = idx[at - 1];
        val[at] = val[at - 1];
      }
      at--;
    }
    idx[at] = i;
    val[at] = v;
  }
  return idx.slice(0, k);
}
