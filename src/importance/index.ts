export { paramImportances } from './param-importances.js';
export type { ParamImportance, ParamImportancesOptions, ImportanceSource } from './param-importances.js';
