// Clarify's report: one self-contained HTML document from analysis.json, to open offline. It carries no
// script, loads nothing (a Content-Security-Policy forbids everything but its inline style and data:
// images), and every piece of data in it is escaped text. A pure function: the date is passed in.
import type { AnalysisJson } from '../analysis.ts';
import type { BiasSection } from '../bias/types.ts';
import type { LocalShap } from './beeswarm.ts';
import { renderBiasSection } from './bias-section.ts';
import { renderExplanations } from './explanations-section.ts';
import { escapeHtml } from './html.ts';
import { renderPdp } from './pdp-chart.ts';
import { REPORT_CSS } from './styles.ts';

export type { LocalShap } from './beeswarm.ts';

/** The policy the report declares: nothing may load or run; only its inline style and data: images. */
export const REPORT_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

export interface ClarifyReportOptions {
  /** The document's title and heading; defaults to 'SageMaker Clarify report'. */
  title?: string;
  /** When the analysis ran, shown as given (e.g. an ISO date); defaults to none (no date shown). */
  generatedAt?: string;
  /** Local SHAP values of one output, drawn as a beeswarm; defaults to none (global values only). */
  local?: LocalShap;
}

function checkLocal(local: LocalShap): void {
  if (local === null || typeof local !== 'object') throw new TypeError('options.local must be an object with features, values, rows and label');
  if (!Array.isArray(local.features)) throw new TypeError('options.local.features must be an array of feature names');
  if (!Number.isInteger(local.rows) || local.rows < 0) throw new RangeError(`options.local.rows must be a non-negative integer; got ${String(local.rows)}`);
  const expected = local.rows * local.features.length;
  if (!(local.values instanceof Float64Array) || local.values.length !== expected) {
    throw new RangeError(`options.local.values must be a Float64Array of rows × features = ${expected} entries; got ${local.values?.length ?? 'none'}`);
  }
  if (local.data !== undefined && (!(local.data instanceof Float64Array) || local.data.length !== expected)) {
    throw new RangeError(`options.local.data must be a Float64Array of rows × features = ${expected} entries; got ${local.data?.length ?? 'none'}`);
  }
  if (typeof local.label !== 'string') throw new TypeError('options.local.label must be a string naming the explained output');
}

function checkArgs(analysis: AnalysisJson, options: ClarifyReportOptions): void {
  if (analysis === null || typeof analysis !== 'object' || Array.isArray(analysis)) throw new TypeError('analysis must be an analysis.json object');
  if (options === null || typeof options !== 'object') throw new TypeError('options must be an object');
  if (options.title !== undefined && typeof options.title !== 'string') throw new TypeError('options.title must be a string');
  if (options.generatedAt !== undefined && typeof options.generatedAt !== 'string') throw new TypeError('options.generatedAt must be a string');
  if (options.local !== undefined) checkLocal(options.local);
}

function unique(items: string[]): string[] {
  return [...new Set(items)];
}

function codes(items: string[]): string {
  return items.map((s) => `<code>${escapeHtml(s)}</code>`).join(', ');
}

function summary(analysis: AnalysisJson, options: ClarifyReportOptions): string {
  const bias = [analysis.pre_training_bias_metrics, analysis.post_training_bias_metrics].filter((s): s is BiasSection => !!s);
  const ex = analysis.explanations;
  const outputs = unique([...Object.keys(ex?.kernel_shap ?? {}), ...Object.keys(ex?.tree_shap ?? {})]);
  const rows: [string, string][] = [];
  if (bias.length > 0) {
    rows.push(['Label', unique(bias.map((s) => s.label)).map((l) => `<code>${escapeHtml(l)}</code>`).join(', ')
      + `, positive outcome ${codes(unique(bias.map((s) => s.label_value_or_threshold)))}`]);
    rows.push(['Facets', codes(unique(bias.flatMap((s) => Object.keys(s.facets ?? {}))))]);
  }
  if (outputs.length > 0) rows.push(['Explained outputs', codes(outputs)]);
  const ran = [
    analysis.pre_training_bias_metrics && 'pre-training bias', analysis.post_training_bias_metrics && 'post-training bias',
    (ex?.kernel_shap || ex?.tree_shap) && 'SHAP', ex?.pdp && 'partial dependence',
  ].filter((s): s is string => typeof s === 'string');
  rows.push(['Analyses', ran.length > 0 ? ran.join(', ') : 'none']);
  if (options.generatedAt !== undefined) rows.push(['Generated', escapeHtml(options.generatedAt)]);
  if (analysis.version !== undefined) rows.push(['analysis.json version', escapeHtml(String(analysis.version))]);
  return `<dl class="summary">${rows.map(([k, v]) => `<dt>${escapeHtml(k)}</dt><dd>${v}</dd>`).join('')}</dl>`;
}

/**
 * The report of `analysis` as one HTML document (a string): a header saying what was analysed, then the
 * sections present (pre-training bias, post-training bias, explanations, partial dependence). No script,
 * no external resource. Throws, naming the argument, for a non-object analysis or malformed options.
 */
export function renderClarifyReport(analysis: AnalysisJson, options: ClarifyReportOptions = {}): string {
  checkArgs(analysis, options);
  const title = options.title ?? 'SageMaker Clarify report';
  const sections: [id: string, heading: string, html: string][] = [];
  if (analysis.pre_training_bias_metrics) {
    sections.push(['pre-training', 'Pre-training bias', renderBiasSection(analysis.pre_training_bias_metrics, 'Pre-training bias', 'pre-training')]);
  }
  if (analysis.post_training_bias_metrics) {
    sections.push(['post-training', 'Post-training bias', renderBiasSection(analysis.post_training_bias_metrics, 'Post-training bias', 'post-training')]);
  }
  const explanations = renderExplanations(analysis.explanations, options.local);
  if (explanations !== '') {
    sections.push(['explanations', 'Explanations (SHAP)', `<section id="explanations"><h2>Explanations (SHAP)</h2>${explanations}</section>`]);
  }
  const pdp = analysis.explanations?.pdp;
  if (pdp) {
    sections.push(['pdp', 'Partial dependence', `<section id="pdp"><h2>Partial dependence</h2><p class="meta">Mean model output as each feature varies, for the first label.</p>${renderPdp(pdp)}</section>`]);
  }
  const toc = sections.length > 1 ? `<nav class="toc">${sections.map(([id, h]) => `<a href="#${id}">${escapeHtml(h)}</a>`).join('')}</nav>` : '';
  const body = sections.length > 0 ? sections.map(([, , html]) => html).join('') : '<p class="note">This analysis.json holds no results.</p>';
  return '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
    + `<meta http-equiv="Content-Security-Policy" content="${REPORT_CSP}">`
    + '<meta name="viewport" content="width=device-width, initial-scale=1">'
    + `<title>${escapeHtml(title)}</title><style>${REPORT_CSS}</style></head>`
    + `<body><div class="page"><header><h1>${escapeHtml(title)}</h1>${summary(analysis, options)}${toc}</header>`
    + `<main>${body}</main><footer>Written by mlpad from SageMaker Clarify's analysis.json. This file runs no code and loads nothing.</footer></div></body></html>\n`;
}
