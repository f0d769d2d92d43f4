import type { Pruner } from './base.js';

/**
 * The pruner that never prunes: the default of `createStudy`.
 *
 * @example
 * ```ts
 * const study = await createStudy({ pruner: new NopPruner() });
 * ```
 */
export class NopPruner implements Pruner {
  /** @returns false, always. */
  prune(): boolean {
    return false;
  }
}
