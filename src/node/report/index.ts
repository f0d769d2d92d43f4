export { studyReportHtml, writeStudyReport } from './html.js';
export { renderSvg } from './render-svg.js';
export type { StudyReportOptions } from './html.js';
