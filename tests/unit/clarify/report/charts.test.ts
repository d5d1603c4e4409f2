// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import type { AnalysisJson } from '../../../../src/lib/clarify/analysis.ts';
import { POST_TRAINING_NAMES } from '../../../../src/lib/clarify/bias/index.ts';
import { fairnessBand, fairValue, renderClarifyReport } from '../../../../src/lib/clarify/report/index.ts';
import { labelWidth, niceTicks, px } from '../../../../src/lib/clarify/report/svg.ts';
import { parse, svgNumbers } from './dom.ts';
import { globalShap, localShap, metrics, realisticAnalysis } from './fixtures.ts';

const num = (el: Element | null | undefined, name: string): number => Number(el?.getAttribute(name));

describe('fair values and colour bands', () => {
  it('fairValue is 1 for DI and 0 for every other metric', () => {
    expect(fairValue('DI')).toBe(1);
    for (const m of POST_TRAINING_NAMES.filter((n) => n !== 'DI')) expect(fairValue(m)).toBe(0);
    expect(fairValue('CI')).toBe(0);
    expect(fairValue('toString')).toBe(0);
  });

  it('fairnessBand colours by |value − fair|: < 0.1 good, < 0.3 warn, else bad; undefined none', () => {
    expect(fairnessBand('CI', 0.0999)).toBe('good');
    expect(fairnessBand('CI', -0.1)).toBe('warn');
    expect(fairnessBand('CI', 0.2999)).toBe('warn');
    expect(fairnessBand('CI', -0.3)).toBe('bad');
    expect(fairnessBand('DI', 1.05)).toBe('good');
    expect(fairnessBand('DI', 0.75)).toBe('warn');
    expect(fairnessBand('DI', 0.05)).toBe('bad');
    expect(fairnessBand('TE', 'Infinity')).toBe('bad');
    expect(fairnessBand('TE', '-Infinity')).toBe('bad');
    expect(fairnessBand('FT', null)).toBe('none');
  });
});

describe('bias bar chart', () => {
  const doc = parse(renderClarifyReport(realisticAnalysis()));
  const post = doc.querySelectorAll('article.facet')[2].querySelector('svg')!;
  const bar = (name: string) => [...post.querySelectorAll('rect.bar')].find((r) => r.querySelector('title')?.textContent?.startsWith(`${name} = `));

  it('draws one bar per defined metric, none for undefined ones (which read "undefined")', () => {
    expect(post.querySelectorAll('rect.bar').length).toBe(POST_TRAINING_NAMES.length - 2); // CDDPL, FT undefined
    expect(bar('FT')).toBeUndefined();
    expect([...post.querySelectorAll('text.undef')].map((t) => t.textContent)).toEqual(['undefined', 'undefined']);
  });

  it('colours bars by distance from fair and marks DI’s fair value at 1, the others at 0', () => {
    expect(bar('DI')?.getAttribute('class')).toBe('bar fair-warn'); // |1 − 0.7273| = 0.27
    expect(bar('DCA')?.getAttribute('class')).toBe('bar fair-bad');
    expect(bar('DRR')?.getAttribute('class')).toBe('bar fair-good');
    const zero = num(post.querySelector('line.zero'), 'x1');
    const fairs = [...post.querySelectorAll('line.fair')].map((l) => num(l, 'x1'));
    expect(fairs.length).toBe(POST_TRAINING_NAMES.length);
    POST_TRAINING_NAMES.forEach((m, i) => (m === 'DI' ? expect(fairs[i]).toBeGreaterThan(zero + 50) : expect(fairs[i]).toBe(zero)));
    // The DI bar, from 0 to 0.7273, ends short of the fair tick at 1: 0.7273 of the way from 0 to it.
    const di = bar('DI')!;
    const end = num(di, 'x') + num(di, 'width');
    expect((end - zero) / (fairs[POST_TRAINING_NAMES.indexOf('DI')] - zero)).toBeCloseTo(0.7273, 2);
  });

  it('runs an infinite value to the plot’s edge and labels it ∞; negative values extend left of 0', () => {
    const te = bar('TE')!;
    const widest = Math.max(...[...post.querySelectorAll('rect.bar')].map((r) => num(r, 'x') + num(r, 'width')));
    expect(num(te, 'x') + num(te, 'width')).toBe(widest);
    expect(te.querySelector('title')?.textContent).toBe('TE = ∞');
    const zero = num(post.querySelector('line.zero'), 'x1');
    expect(num(bar('SD'), 'x') + num(bar('SD'), 'width')).toBeCloseTo(zero, 1);
    expect(num(bar('SD'), 'x')).toBeLessThan(zero);
  });
});

describe('global SHAP bar chart', () => {
  const doc = parse(renderClarifyReport(realisticAnalysis()));
  const [kernel, tree] = [...doc.querySelectorAll('article.shap')];

  it('shows the top 20 features, one bar each, sorted by |value| from the largest', () => {
    const labels = [...kernel.querySelectorAll('text.label')].map((t) => t.textContent);
    expect(labels).toEqual(Array.from({ length: 20 }, (_, i) => `feature_${String(i).padStart(2, '0')}`));
    const widths = [...kernel.querySelectorAll('rect.bar')].map((r) => num(r, 'width'));
    expect(widths.length).toBe(20);
    for (let i = 1; i < widths.length; i++) expect(widths[i]).toBeLessThanOrEqual(widths[i - 1]);
    expect(kernel.querySelector('p.meta')?.textContent).toContain('Expected value (mean model output over the baseline): 0.2391. 25 features, the 20 largest shown');
  });

  it('sorts signed values by magnitude and draws negative ones left of zero', () => {
    expect([...tree.querySelectorAll('text.label')].map((t) => t.textContent)).toEqual(['capital_gain', 'age', 'education_num', 'sex', 'hours_per_week']);
    const zero = num(tree.querySelector('line.zero'), 'x1');
    const bars = [...tree.querySelectorAll('rect.bar')];
    expect(bars.map((b) => num(b, 'x') < zero - 0.5)).toEqual([false, false, true, true, false]);
    expect(tree.querySelector('p.meta strong')?.textContent).toBe('-1.187');
  });

  it('sizes the label column to the longest label (≈ 7 px a character) so no label starts left of the chart', () => {
    const long = 'a_feature_name_that_is_much_longer_than_the_others_in_this_model';
    const a: AnalysisJson = { version: '1.0', explanations: { kernel_shap: { y: { global_shap_values: { ...globalShap(5), [long]: 0.3 }, expected_value: 0 } } } };
    const svg = parse(renderClarifyReport(a)).querySelector('article.shap svg')!;
    const label = [...svg.querySelectorAll('text.label')].find((t) => t.textContent === long)!;
    expect(label.getAttribute('text-anchor')).toBe('end');
    expect(num(label, 'x') - labelWidth(long)).toBeGreaterThanOrEqual(0);
    expect(labelWidth(long)).toBeGreaterThanOrEqual(long.length * 7);
    for (const r of svg.querySelectorAll('rect.bar')) expect(num(r, 'x')).toBeGreaterThan(num(label, 'x'));
  });

  it('leaves out non-finite global values, says how many, and draws no NaN', () => {
    const a: AnalysisJson = { version: '1.0', explanations: { kernel_shap: { y: { global_shap_values: { a: 0.2, b: NaN, c: Infinity, d: 0.1 }, expected_value: NaN } } } };
    const html = renderClarifyReport(a);
    const art = parse(html).querySelector('article.shap')!;
    expect([...art.querySelectorAll('text.label')].map((t) => t.textContent)).toEqual(['a', 'd']);
    expect(art.querySelector('p.meta')?.textContent).toContain('2 features without a finite value left out');
    expect(html).not.toContain('NaN');
  });
});

describe('beeswarm', () => {
  const local = localShap(30, 12);
  const doc = parse(renderClarifyReport({ version: '1.0' }, { local }));
  const svg = doc.querySelector('article.shap svg')!;

  it('draws rows × 10 circles for the 10 features with the largest mean |SHAP|', () => {
    expect(svg.querySelectorAll('circle').length).toBe(30 * 10);
    const p = local.features.length;
    const meanAbs = (j: number) => Array.from({ length: 30 }, (_, i) => Math.abs(local.values[i * p + j])).reduce((s, v) => s + v, 0) / 30;
    const expected = local.features.map((f, j) => [f, meanAbs(j)] as const).sort((a, b) => b[1] - a[1]).slice(0, 10).map(([f]) => f);
    expect([...svg.querySelectorAll('text.label')].map((t) => t.textContent)).toEqual(expected);
    expect(expected).not.toContain('x11'); // the fixture's spread shrinks with the index
  });

  it('places each dot at x = its SHAP value and keeps each feature’s dots in its own band', () => {
    const circles = [...svg.querySelectorAll('circle')];
    const p = local.features.length;
    // The first row's feature's 30 dots come first, in row order; cx is an increasing linear function of the value.
    const j0 = local.features.indexOf(svg.querySelector('text.label')!.textContent!);
    const xs = circles.slice(0, 30).map((c) => num(c, 'cx'));
    const vs = Array.from({ length: 30 }, (_, i) => local.values[i * p + j0]);
    const slope = (xs[1] - xs[0]) / (vs[1] - vs[0]);
    expect(slope).toBeGreaterThan(0);
    for (let i = 0; i < 30; i++) expect(xs[i]).toBeCloseTo(xs[0] + slope * (vs[i] - vs[0]), 1);
    for (let k = 0; k + 1 < 10; k++) {
      const maxY = Math.max(...circles.slice(k * 30, k * 30 + 30).map((c) => num(c, 'cy') + num(c, 'r')));
      const minNext = Math.min(...circles.slice((k + 1) * 30, (k + 2) * 30).map((c) => num(c, 'cy') - num(c, 'r')));
      expect(maxY).toBeLessThan(minNext);
    }
  });

  it('colours dots from low to high feature value, grey where the value is not numeric, and is deterministic', () => {
    const circles = [...svg.querySelectorAll('circle')];
    const p = local.features.length;
    const labels = [...svg.querySelectorAll('text.label')].map((t) => t.textContent!);
    const at = (f: string) => labels.indexOf(f);
    const fill = (k: number, i: number) => circles[k * 30 + i].getAttribute('fill');
    const col = Array.from({ length: 30 }, (_, i) => local.data![i * p]);
    const [iMin, iMax] = [col.indexOf(Math.min(...col)), col.indexOf(Math.max(...col))];
    expect(fill(at('x0'), iMin)).toBe('rgb(0,138,251)');
    expect(fill(at('x0'), iMax)).toBe('rgb(255,0,82)');
    // x1 has NaN in every fifth row, and only those dots are grey.
    const k1 = at('x1');
    const grey = circles.slice(k1 * 30, k1 * 30 + 30).map((c, i) => (c.getAttribute('fill') === 'rgb(158,158,158)' ? i : -1)).filter((i) => i >= 0);
    expect(grey).toEqual([0, 5, 10, 15, 20, 25]);
    expect(renderClarifyReport({ version: '1.0' }, { local })).toBe(renderClarifyReport({ version: '1.0' }, { local }));
    const plain = parse(renderClarifyReport({ version: '1.0' }, { local: { ...local, data: undefined } }));
    expect(new Set([...plain.querySelectorAll('circle')].map((c) => c.getAttribute('fill'))).size).toBe(1);
  });

  it('draws all features when there are fewer than 10, and leaves out non-finite SHAP values', () => {
    const few = localShap(8, 3);
    few.values[5] = NaN;
    const html = renderClarifyReport({ version: '1.0' }, { local: few });
    expect(parse(html).querySelectorAll('circle').length).toBe(8 * 3 - 1);
    expect(html).not.toContain('NaN');
  });
});

describe('partial dependence charts', () => {
  const doc = parse(renderClarifyReport(realisticAnalysis()));
  const cards = [...doc.querySelectorAll('figure.pdp-card')];

  it('draws a line over the grid for numerical features, of the first label', () => {
    expect(cards.map((c) => c.querySelector('code')?.textContent)).toEqual(['age', 'workclass', 'hours_per_week']);
    const d = cards[0].querySelector('path.pdp')!.getAttribute('d')!;
    expect(d.match(/[ML]/g)?.length).toBe(15);
    const ys = d.split(/[ML]/).filter((s) => s !== '').map((s) => Number(s.split(',')[1]));
    // The first label rises with age (y in px falls); the second label is constant 0.5 and is not drawn.
    for (let i = 1; i < ys.length; i++) expect(ys[i]).toBeLessThan(ys[i - 1]);
  });

  it('draws categorical features as points, one per category, with the category names', () => {
    expect(cards[1].querySelectorAll('circle.pdp').length).toBe(5);
    expect(cards[1].querySelector('path')).toBeNull();
    expect([...cards[1].querySelectorAll('text[transform]')].map((t) => t.textContent)).toEqual(['Private', 'Self-emp-not-inc', 'Federal-gov', 'Local-gov', 'Never-worked']);
  });

  it('leaves out points with non-finite predictions', () => {
    const a = realisticAnalysis();
    a.explanations!.pdp![2].model_predictions[0][1] = NaN;
    const card = parse(renderClarifyReport({ version: '1.0', explanations: { pdp: [a.explanations!.pdp![2]] } })).querySelector('figure.pdp-card')!;
    expect(card.querySelector('path.pdp')!.getAttribute('d')!.match(/[ML]/g)?.length).toBe(4);
  });
});

describe('SVG geometry', () => {
  it('every coordinate, size and path number in the report is finite', () => {
    const a = realisticAnalysis();
    a.explanations!.kernel_shap!.income.global_shap_values.bad = NaN;
    a.explanations!.pdp![0].model_predictions[0][3] = NaN;
    a.pre_training_bias_metrics!.facets.sex[0].metrics = metrics(['CI', 'DPL', 'KL'], { CI: '-Infinity', DPL: null, KL: 'Infinity' });
    const local = localShap(25, 12);
    local.values[7] = Infinity;
    const doc = parse(renderClarifyReport(a, { local }));
    const nums = svgNumbers(doc);
    expect(nums.length).toBeGreaterThan(1000);
    for (const n of nums) expect(Number.isFinite(n)).toBe(true);
    for (const el of doc.querySelectorAll('svg *')) for (const attr of el.attributes) expect(attr.value).not.toMatch(/NaN|Infinity/);
  });

  it('px refuses a non-finite coordinate; niceTicks gives round steps', () => {
    expect(() => px(NaN)).toThrow('non-finite coordinate NaN');
    expect(px(1.23456)).toBe('1.23');
    expect(niceTicks(0, 1, 5)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(niceTicks(-0.55, 0.3, 5)).toEqual([-0.4, -0.2, 0, 0.2]);
    expect(niceTicks(-0.55, 0.3, 10)).toEqual([-0.5, -0.4, -0.3, -0.2, -0.1, 0, 0.1, 0.2, 0.3]);
  });
});
