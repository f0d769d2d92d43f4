export { dominates, constrainedDominates, totalViolation } from './dominance.js';
export { nonDominatedRanks, paretoFrontIndices, crowdingDistances } from './sort.js';
export { hypervolume } from './hypervolume.js';
