export {
  floatDistribution,
  intDistribution,
  categoricalDistribution,
  sameDistribution,
  contains,
  toInternal,
  fromInternal,
  distributionToJson,
  distributionFromJson,
} from './distributions.js';
export { SearchSpaceTransform, encodeValue, decodeValue, discreteCoordinates } from './transform.js';
export { Grid, distributionValues } from './grid.js';
export type {
  CategoricalChoice,
  ParamValue,
  FloatDistribution,
  IntDistribution,
  CategoricalDistribution,
  Distribution,
  SearchSpace,
  NumericDistributionOptions,
} from './distributions.js';
export type { GridSearchSpace } from './grid.js';
