// A bias section of the report (pre- or post-training): for each facet value, a table of the metrics
// (name, meaning, value or why it is undefined) beside the bar chart of their values.
import type { BiasSection, MetricResult } from '../bias/types.ts';
import { biasChart } from './bias-chart.ts';
import { FAIR_BANDS, fairnessBand, metricNumber } from './fairness.ts';
import { escapeHtml, formatNumber } from './html.ts';

/** The table cell text of a metric's value: the number, ∞, or `undefined: <Clarify's reason>`. */
export function metricValueText(m: MetricResult): string {
  if (m.value === null) return `undefined: ${m.error ?? 'no reason given'}`;
  const v = metricNumber(m.value);
  return Number.isNaN(v) ? 'undefined: not a number' : formatNumber(v);
}

function metricTable(metrics: MetricResult[]): string {
  const rows = metrics.map((m) => {
    const band = fairnessBand(m.name, m.value);
    const cls = m.value === null ? 'num undef' : 'num';
    return `<tr><th scope="row">${escapeHtml(m.name)}</th><td>${escapeHtml(m.description)}</td>`
      + `<td class="${cls}"><span class="sw fair-${band}"></span>${escapeHtml(metricValueText(m))}</td></tr>`;
  }).join('');
  return `<table class="metrics"><thead><tr><th scope="col">Metric</th><th scope="col">Meaning</th><th scope="col" class="num">Value</th></tr></thead><tbody>${rows}</tbody></table>`;
}

/** The legend of the bar colours and fair-value ticks, shown once per bias section. */
export function biasLegend(): string {
  return `<p class="legend"><span class="sw fair-good"></span>within ${FAIR_BANDS.good} of fair`
    + ` <span class="sw fair-warn"></span>within ${FAIR_BANDS.warn}`
    + ` <span class="sw fair-bad"></span>further`
    + ` <span class="tick-mark"></span>fair value (0; 1 for DI)</p>`;
}

/** The HTML of one bias section, under heading `title`, anchored at `id` (a fixed name, not data). */
export function renderBiasSection(section: BiasSection, title: string, id: string): string {
  let out = `<section id="${escapeHtml(id)}"><h2>${escapeHtml(title)}</h2>`;
  out += `<p class="meta">Label <code>${escapeHtml(section.label)}</code>, positive outcome <code>${escapeHtml(section.label_value_or_threshold)}</code>.</p>`;
  out += biasLegend();
  const facets = Object.entries(section.facets ?? {});
  if (facets.length === 0) out += '<p class="note">No facets were analysed.</p>';
  for (const [facet, results] of facets) {
    for (const r of results) {
      const heading = `<code>${escapeHtml(facet)}</code> = <code>${escapeHtml(r.value_or_threshold)}</code>`;
      const caption = `${title}: ${facet} = ${r.value_or_threshold}`;
      out += `<article class="facet"><h3>Facet ${heading}</h3><div class="facet-body">`;
      out += `<div class="facet-table">${metricTable(r.metrics)}</div>`;
      out += r.metrics.length > 0 ? `<figure class="facet-chart">${biasChart(r.metrics, caption)}</figure>` : '';
      out += '</div></article>';
    }
  }
  return `${out}</section>`;
}
