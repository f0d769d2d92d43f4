export { NopPruner } from './nop.js';
export { PercentilePruner } from './percentile.js';
export { MedianPruner } from './median.js';
export { SuccessiveHalvingPruner } from './successive-halving.js';
export type { Pruner } from './base.js';
export type { PercentilePrunerOptions } from './percentile.js';
export type { SuccessiveHalvingPrunerOptions } from './successive-halving.js';
export { HyperbandPruner } from './hyperband.js';
export type { HyperbandPrunerOptions } from './hyperband.js';
