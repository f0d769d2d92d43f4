export { studyPlotSpecs } from './specs.js';
export type { VegaLiteSpec, ReportableStudy, StudyPlotSpecs } from './specs.js';
