import { describe, expect, it } from 'vitest';
import BarChart from '../../../../src/components/charts/BarChart.svelte';
import Heatmap from '../../../../src/components/charts/Heatmap.svelte';
import Histogram from '../../../../src/components/charts/Histogram.svelte';
import LineChart from '../../../../src/components/charts/LineChart.svelte';
import ConfusionMatrix from '../../../../src/components/train/ConfusionMatrix.svelte';
import ImportanceChart from '../../../../src/components/train/ImportanceChart.svelte';
import ResidualPlot from '../../../../src/components/train/ResidualPlot.svelte';
import { compareGolden, normalise, renderSvg } from './golden.ts';

// Small literal inputs, so a golden file reads like the chart it stands for.
const cases: [string, () => string][] = [
  ['histogram', () => renderSvg(Histogram, {
    label: 'body_mass_g',
    bins: [{ x0: 2500, x1: 3000, count: 11 }, { x0: 3000, x1: 3500, count: 67 }, { x0: 3500, x1: 4000, count: 92 }, { x0: 4000, x1: 4500, count: 57 }, { x0: 4500, x1: 5000, count: 54 }, { x0: 5000, x1: 5500, count: 33 }, { x0: 5500, x1: 6000, count: 26 }],
  })],
  ['histogram-datetime', () => renderSvg(Histogram, {
    label: 'date', datetime: true,
    bins: [{ x0: Date.UTC(2012, 0, 1), x1: Date.UTC(2013, 0, 1), count: 366 }, { x0: Date.UTC(2013, 0, 1), x1: Date.UTC(2014, 0, 1), count: 365 }, { x0: Date.UTC(2014, 0, 1), x1: Date.UTC(2015, 0, 1), count: 365 }],
  })],
  ['bar-chart', () => renderSvg(BarChart, {
    label: 'species', other: 4,
    entries: [{ value: 'Adelie', count: 152 }, { value: 'Gentoo', count: 124 }, { value: 'Chinstrap', count: 68 }],
  })],
  ['heatmap', () => renderSvg(Heatmap, {
    matrix: { columns: ['bill_length_mm', 'bill_depth_mm', 'flipper_length_mm'], values: [[1, -0.235, 0.656], [-0.235, 1, null], [0.656, null, 1]] },
  })],
  ['line-chart', () => renderSvg(LineChart, {
    label: 'ROC curve', xLabel: 'false positive rate', yLabel: 'true positive rate', xDomain: [0, 1], yDomain: [0, 1], diagonal: true,
    series: [{ name: 'validation', x: [0, 0.05, 0.1, 0.3, 1], y: [0, 0.6, 0.8, 0.95, 1] }],
  })],
  ['line-chart-classes', () => renderSvg(LineChart, {
    label: 'ROC curves, one class against the rest', xLabel: 'false positive rate', yLabel: 'true positive rate', xDomain: [0, 1], yDomain: [0, 1], diagonal: true,
    colours: ['#3b73d6', '#e4572e', '#29a36a'],
    series: [
      { name: 'Adelie', x: [0, 0.1, 1], y: [0, 0.9, 1] },
      { name: 'Chinstrap', x: [0, 0.2, 1], y: [0, 0.7, 1] },
      { name: 'Gentoo', x: [0, 0, 1], y: [0, 1, 1] },
    ],
  })],
  ['line-chart-mark', () => renderSvg(LineChart, {
    label: 'logloss per round', xLabel: 'round', yLabel: 'logloss', mark: { x: 3, label: 'best round 3' },
    series: [{ name: 'train', x: [1, 2, 3, 4, 5], y: [0.6, 0.45, 0.36, 0.3, 0.26] }, { name: 'validation', x: [1, 2, 3, 4, 5], y: [0.62, 0.5, 0.44, 0.45, 0.47] }],
  })],
  ['confusion-matrix', () => renderSvg(ConfusionMatrix, { classes: ['no', 'yes'], counts: Int32Array.from([80, 7, 12, 101]) })],
  ['importance-chart', () => renderSvg(ImportanceChart, { names: ['income', 'age', 'debt_ratio'], values: [12.5, 3.25, 7.75], kind: 'gain' })],
  ['residual-plot', () => renderSvg(ResidualPlot, { predicted: Float32Array.from([10, 20, 30, 40]), residuals: Float32Array.from([1.5, -2, 0.25, -0.5]) })],
];

describe('chart golden SVGs', () => {
  for (const [name, draw] of cases) {
    it(`${name} renders the stored SVG`, () => {
      const svg = draw();
      expect(svg).toMatch(/^<svg[^>]*viewBox/);
      expect(compareGolden(name, svg)).toBeNull();
    });
  }

  it('normalise rounds numbers to 3 decimals and strips Svelte markers', () => {
    expect(normalise('<svg class="svelte-1ab2c"><!--[--><rect x="1.23456" y="-0.00049" width="2e-7"/><!--]--></svg>'))
      .toBe('<svg>\n<rect x="1.235" y="0" width="0"/>\n</svg>\n');
  });
});
