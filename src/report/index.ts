export { studyPlotSpecs } from './specs.js';
export { studyReportTables } from './tables.js';
export type { VegaLiteSpec, StudyPlotSpecs } from './specs.js';
export type { ReportableStudy, ReportSource } from './trials.js';
export type { StudyReportTables, ReportTrialRow } from './tables.js';
