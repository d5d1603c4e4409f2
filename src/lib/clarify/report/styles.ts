// The report's only stylesheet, inlined: system fonts (nothing fetched), dark text on white, a 1160 px
// column that suits a 1280 px window, and print rules that keep each chart on one page and print colours.

export const REPORT_CSS = `
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { margin: 0; background: #fff; color: #1a1a1a; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
.page { max-width: 1160px; margin: 0 auto; padding: 24px 32px 48px; }
header { border-bottom: 2px solid #1a1a1a; padding-bottom: 12px; margin-bottom: 8px; }
h1 { font-size: 26px; margin: 0 0 6px; }
h2 { font-size: 20px; margin: 32px 0 8px; padding-bottom: 4px; border-bottom: 1px solid #d0d0d0; }
h3 { font-size: 15px; margin: 0 0 8px; }
code { font: 13px/1.3 ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; background: #f2f2f2; padding: 0 3px; border-radius: 3px; overflow-wrap: anywhere; }
dl.summary { display: grid; grid-template-columns: max-content 1fr; gap: 2px 16px; margin: 8px 0 0; }
dl.summary dt { color: #555; }
dl.summary dd { margin: 0; }
nav.toc { margin: 12px 0 0; font-size: 13px; }
nav.toc a { color: #0b4f9c; margin-right: 16px; }
.meta, .legend { color: #333; margin: 4px 0 12px; }
.note, .muted { color: #666; }
.facet, .shap { border: 1px solid #e0e0e0; border-radius: 6px; padding: 12px 16px; margin: 12px 0; break-inside: avoid; }
.facet-body { display: flex; flex-wrap: wrap; gap: 16px 24px; align-items: flex-start; }
.facet-table { flex: 1 1 520px; min-width: 0; }
.facet-chart { flex: 0 0 auto; }
figure { margin: 0; overflow-x: auto; }
table.metrics { border-collapse: collapse; width: 100%; font-size: 13px; }
table.metrics th, table.metrics td { text-align: left; padding: 3px 8px; border-bottom: 1px solid #ececec; vertical-align: top; }
table.metrics thead th { border-bottom: 1px solid #999; font-weight: 600; }
table.metrics tbody tr:nth-child(even) { background: #fafafa; }
table.metrics .num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
table.metrics td.undef { white-space: normal; color: #6a4a00; text-align: right; max-width: 320px; }
.sw { display: inline-block; width: 10px; height: 10px; border-radius: 2px; margin: 0 6px 0 0; vertical-align: baseline; }
.legend .sw { margin-left: 4px; }
.tick-mark { display: inline-block; width: 2px; height: 12px; background: #1a1a1a; margin: 0 6px 0 10px; vertical-align: middle; }
.sw.fair-good { background: #2e7d32; } .sw.fair-warn { background: #e0a100; } .sw.fair-bad { background: #c62828; } .sw.fair-none { background: transparent; }
svg.chart { display: block; font-size: 12px; font-family: inherit; }
svg.chart text { fill: #1a1a1a; }
svg.chart text.tick, svg.chart text.undef { fill: #555; font-size: 11px; }
svg.chart text.undef { font-style: italic; }
svg.chart .axis { stroke: #888; stroke-width: 1; }
svg.chart .grid { stroke: #ececec; stroke-width: 1; }
svg.chart .zero { stroke: #9e9e9e; stroke-width: 1; }
svg.chart .fair { stroke: #1a1a1a; stroke-width: 2; }
svg.chart rect.fair-good { fill: #2e7d32; } svg.chart rect.fair-warn { fill: #e0a100; } svg.chart rect.fair-bad { fill: #c62828; }
svg.chart rect.shap.pos { fill: #d81b60; } svg.chart rect.shap.neg { fill: #1e88e5; }
svg.chart circle { fill-opacity: 0.8; }
svg.chart path.pdp { fill: none; stroke: #0b4f9c; stroke-width: 2; }
svg.chart circle.pdp { fill: #0b4f9c; }
.pdp-grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(350px, 1fr)); gap: 12px 16px; align-items: start; }
.pdp-card { border: 1px solid #e0e0e0; border-radius: 6px; padding: 8px; break-inside: avoid; overflow: hidden; }
.pdp-card svg.chart { max-width: 100%; height: auto; }
.pdp-card figcaption { margin: 0 0 4px; font-size: 13px; }
footer { margin-top: 40px; color: #666; font-size: 12px; border-top: 1px solid #e0e0e0; padding-top: 8px; }
@media print {
  @page { margin: 14mm; }
  body { font-size: 11px; }
  .page { max-width: none; padding: 0; }
  nav.toc { display: none; }
  h2 { break-after: avoid; }
  .facet, .shap, .pdp-card, figure { break-inside: avoid; }
  figure { overflow: visible; }
  * { print-color-adjust: exact; -webkit-print-color-adjust: exact; }
}
`;
