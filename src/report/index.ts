export { studyPlotSpecs } from './specs.js';
export { studyReportTables } from './tables.js';
export { importanceSpec } from './importance.js';
export type { ImportanceSpecOptions } from './importance.js';
export type { VegaLiteSpec, StudyPlotSpecs } from './specs.js';
export type { ReportableStudy, ReportSource } from './trials.js';
export type { StudyReportTables, ReportTrialRow } from './tables.js';
