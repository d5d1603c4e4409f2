// The explanations section: per SHAP method and explained label, the global SHAP values as a sorted bar
// chart with the expected value stated; then, when local values are given, their beeswarm.
import type { AnalysisJson } from '../analysis.ts';
import { beeswarmChart, type LocalShap } from './beeswarm.ts';
import { escapeHtml, formatNumber } from './html.ts';
import { rankFeatures, shapBarChart } from './shap-bars.ts';

/** Most features in a global SHAP chart. */
export const TOP_GLOBAL = 20;
/** Most features in the beeswarm. */
export const TOP_LOCAL = 10;

const METHODS: [key: 'kernel_shap' | 'tree_shap', name: string][] = [['kernel_shap', 'Kernel SHAP'], ['tree_shap', 'Tree SHAP']];

function plural(n: number, one: string): string {
  return `${n} ${one}${n === 1 ? '' : 's'}`;
}

/** The explanations section's body (without its heading); '' when there is nothing to show. */
export function renderExplanations(explanations: AnalysisJson['explanations'], local?: LocalShap): string {
  let out = '';
  for (const [key, name] of METHODS) {
    const byLabel = explanations?.[key];
    if (!byLabel) continue;
    for (const [label, result] of Object.entries(byLabel)) {
      const values = result?.global_shap_values ?? {};
      const { ranked, nonFinite } = rankFeatures(values);
      const ev = Number(result?.expected_value);
      out += `<article class="shap"><h3>${escapeHtml(name)}: label <code>${escapeHtml(label)}</code></h3>`;
      out += `<p class="meta">Expected value (mean model output over the baseline): <strong>${escapeHtml(formatNumber(ev))}</strong>. `;
      out += `${plural(ranked.length, 'feature')}${ranked.length > TOP_GLOBAL ? `, the ${TOP_GLOBAL} largest shown` : ''}, sorted by |global SHAP value|.`;
      if (nonFinite > 0) out += ` ${plural(nonFinite, 'feature')} without a finite value left out.`;
      out += '</p>';
      out += ranked.length > 0
        ? `<figure>${shapBarChart(values, `${name} global SHAP values for ${label}`, TOP_GLOBAL)}</figure>`
        : '<p class="note">No finite global SHAP values.</p>';
      out += '</article>';
    }
  }
  if (local) {
    const shown = Math.min(TOP_LOCAL, local.features.length);
    out += `<article class="shap"><h3>Local SHAP values: label <code>${escapeHtml(local.label)}</code></h3>`;
    out += `<p class="meta">One dot per row and feature; the ${plural(shown, 'feature')} with the largest mean |SHAP value|`
      + `${local.data ? ', coloured by the feature’s value (grey: not numeric)' : ''}.</p>`;
    const chart = beeswarmChart(local, TOP_LOCAL);
    out += chart === '' ? '<p class="note">No rows.</p>' : `<figure>${chart}</figure>`;
    out += '</article>';
  }
  return out;
}
