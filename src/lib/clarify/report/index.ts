// Clarify's self-contained HTML report.
export { renderClarifyReport, REPORT_CSP, type ClarifyReportOptions, type LocalShap } from './render-report.ts';
export { FAIR_VALUES, FAIR_BANDS, fairValue, fairnessBand, type FairnessBand } from './fairness.ts';
export { escapeHtml, formatNumber } from './html.ts';
