// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import type { AnalysisJson } from '../../../../src/lib/clarify/analysis.ts';
import { POST_TRAINING_NAMES, PRE_TRAINING_NAMES, METRIC_DESCRIPTIONS } from '../../../../src/lib/clarify/bias/index.ts';
import { REPORT_CSP, renderClarifyReport } from '../../../../src/lib/clarify/report/index.ts';
import { parse, tableRows } from './dom.ts';
import { FT_ERROR, GROUP_ERROR, localShap, metrics, realisticAnalysis } from './fixtures.ts';

const SCRIPT = '<script>alert(1)</script>';
const IMG = '"><img src=x onerror=alert(2)>';
const LINK = "<a href='https://evil.example/x'>click</a>";
const STYLE = '</style><style>body{background:url(https://evil.example/t.png)}</style>';

/** The realistic analysis with every name the data supplies replaced by `name(k)`. */
function renamed(name: (k: number) => string): { analysis: AnalysisJson; local: ReturnType<typeof localShap> } {
  const a = realisticAnalysis();
  const pre = a.pre_training_bias_metrics!;
  pre.label = name(0);
  pre.label_value_or_threshold = name(1);
  pre.facets = { [name(2)]: [{ value_or_threshold: name(3), metrics: metrics(PRE_TRAINING_NAMES, { CI: 0.1, CDDL: null }, { CDDL: name(4) }) }] };
  a.explanations!.kernel_shap = { [name(5)]: { global_shap_values: { [name(6)]: 0.4, [name(7)]: -0.2, plain: 0.1 }, expected_value: 0.3 } };
  a.explanations!.pdp![0].feature_name = name(8);
  a.explanations!.pdp![1].feature_values = [name(9), 'Private', name(10)];
  a.explanations!.pdp![1].model_predictions = [[0.1, 0.2, 0.3]];
  a.explanations!.pdp![1].label_headers = [name(11)];
  const local = localShap(6, 3);
  local.features = [name(12), name(13), 'x2'];
  local.label = name(14);
  return { analysis: a, local };
}

const HOSTILE = [SCRIPT, IMG, LINK, STYLE];
const hostileName = (k: number) => `${HOSTILE[k % HOSTILE.length]}#${k}`;

describe('renderClarifyReport: a self-contained, inert document', () => {
  const html = renderClarifyReport(realisticAnalysis(), { title: 'Adult', generatedAt: '2025-01-31', local: localShap(20, 12) });
  const doc = parse(html);

  it('declares the Content-Security-Policy that forbids everything but inline style and data: images', () => {
    const meta = doc.querySelector('meta[http-equiv="Content-Security-Policy"]');
    expect(meta?.getAttribute('content')).toBe("default-src 'none'; style-src 'unsafe-inline'; img-src data:");
    expect(REPORT_CSP).toBe(meta?.getAttribute('content'));
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
  });

  it('has no script element, no on* attribute and nothing that loads: no http(s) URL, link, img, iframe, object or url()', () => {
    expect(doc.querySelectorAll('script, link, img, iframe, object, embed, image, use, foreignObject').length).toBe(0);
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/https?:/i);
    expect(html).not.toMatch(/url\(|@import|@font-face/i);
    const all = [...doc.querySelectorAll('*')];
    expect(all.length).toBeGreaterThan(500);
    for (const el of all) {
      for (const attr of el.attributes) {
        expect(attr.name.toLowerCase().startsWith('on'), `${el.tagName} ${attr.name}`).toBe(false);
        expect(attr.value).not.toMatch(/javascript:|\/\//i);
      }
    }
    // The only links are the table of contents' in-page anchors, and each names an element present.
    const hrefs = [...doc.querySelectorAll('a')].map((a) => a.getAttribute('href') ?? '');
    expect(hrefs).toEqual(['#pre-training', '#post-training', '#explanations', '#pdp']);
    for (const h of hrefs) expect(doc.getElementById(h.slice(1))).not.toBeNull();
  });

  it('lists every metric of every facet value, in order, with its description', () => {
    const facets = [...doc.querySelectorAll('article.facet')];
    expect(facets.length).toBe(3); // pre: sex, age; post: sex
    const expected = [PRE_TRAINING_NAMES, PRE_TRAINING_NAMES, POST_TRAINING_NAMES];
    facets.forEach((f, k) => {
      const rows = tableRows(f);
      expect(rows.map((r) => r[0])).toEqual(expected[k]);
      for (const r of rows) expect(r[1]).toBe(METRIC_DESCRIPTIONS[r[0]]);
    });
    expect(facets[1].querySelector('h3')?.textContent).toBe('Facet age = (40.0, 79.83]');
  });

  it('shows null metrics as "undefined: <reason>", Infinity as ∞, numbers to 4 significant digits, and no NaN anywhere', () => {
    const post = Object.fromEntries(tableRows(doc.querySelectorAll('article.facet')[2]).map((r) => [r[0], r[2]]));
    expect(post.CDDPL).toBe(`undefined: ${GROUP_ERROR}`);
    expect(post.FT).toBe(`undefined: ${FT_ERROR}`);
    expect(post.TE).toBe('∞');
    expect(post.DI).toBe('0.7273');
    expect(post.AD).toBe('-0.0833');
    expect(html).not.toContain('NaN');
    expect(doc.body.textContent).not.toMatch(/NaN|Infinity/);
  });

  it('a metric value that is NaN despite the type, or null without a reason, still shows no NaN', () => {
    const a: AnalysisJson = { version: '1.0', pre_training_bias_metrics: { label: 'y', label_value_or_threshold: '1', facets: {
      f: [{ value_or_threshold: 'a', metrics: [{ name: 'CI', description: 'Class Imbalance (CI)', value: NaN }, { name: 'DPL', description: 'd', value: null }] }],
    } } };
    const out = renderClarifyReport(a);
    expect(out).not.toContain('NaN');
    expect(tableRows(parse(out).querySelector('article.facet')!).map((r) => r[2])).toEqual(['undefined: not a number', 'undefined: no reason given']);
  });

  it('states the title, label, positive outcome, facets and the date passed in; renders the same input to the same bytes', () => {
    expect(doc.title).toBe('Adult');
    const summary = Object.fromEntries([...doc.querySelectorAll('dl.summary dt')].map((dt) => [dt.textContent, dt.nextElementSibling?.textContent]));
    expect(summary).toMatchObject({ Label: 'income, positive outcome >50K', Facets: 'sex, age', 'Explained outputs': 'income', Generated: '2025-01-31' });
    expect(renderClarifyReport(realisticAnalysis(), { title: 'Adult', generatedAt: '2025-01-31', local: localShap(20, 12) })).toBe(html);
    const undated = parse(renderClarifyReport(realisticAnalysis()));
    expect(undated.title).toBe('SageMaker Clarify report');
    expect([...undated.querySelectorAll('dl.summary dt')].map((d) => d.textContent)).not.toContain('Generated');
  });
});

describe('renderClarifyReport: hostile names', () => {
  const hostile = renamed(hostileName);
  const html = renderClarifyReport(hostile.analysis, { title: SCRIPT, generatedAt: IMG, local: hostile.local });
  const doc = parse(html);

  it('shows column, facet, label, feature, category and error names as text', () => {
    const text = doc.documentElement.textContent ?? '';
    for (let k = 0; k <= 14; k++) expect(text, `name ${k}`).toContain(hostileName(k));
    expect(doc.title).toBe(SCRIPT);
    expect(doc.querySelector('h1')?.textContent).toBe(SCRIPT);
  });

  it('creates no element: the document has exactly the elements of the same report with plain names', () => {
    const plain = renamed((k) => `name_${k}`);
    const plainDoc = parse(renderClarifyReport(plain.analysis, { title: 'T', generatedAt: 'D', local: plain.local }));
    const tags = (d: Document) => [...d.querySelectorAll('*')].map((e) => e.tagName);
    expect(tags(doc)).toEqual(tags(plainDoc));
    expect(doc.querySelectorAll('script, img, style').length).toBe(1); // the report's own <style>
    expect(doc.querySelectorAll('a[href^="https"]').length).toBe(0);
    for (const el of doc.querySelectorAll('*')) for (const attr of el.attributes) expect(attr.name.startsWith('on')).toBe(false);
  });
});

describe('renderClarifyReport: sections', () => {
  it('renders only the sections present', () => {
    const a = realisticAnalysis();
    const only: AnalysisJson = { version: '1.0', explanations: { tree_shap: a.explanations!.tree_shap } };
    const doc = parse(renderClarifyReport(only));
    expect([...doc.querySelectorAll('section')].map((s) => s.id)).toEqual(['explanations']);
    expect(doc.querySelectorAll('nav.toc').length).toBe(0);
    expect(doc.querySelectorAll('article.shap').length).toBe(1);
    const post = parse(renderClarifyReport({ version: '1.0', post_training_bias_metrics: a.post_training_bias_metrics }));
    expect([...post.querySelectorAll('section')].map((s) => s.id)).toEqual(['post-training']);
  });

  it('says so when analysis.json holds no results', () => {
    const doc = parse(renderClarifyReport({ version: '1.0' }));
    expect(doc.querySelectorAll('section').length).toBe(0);
    expect(doc.querySelector('main')?.textContent).toBe('This analysis.json holds no results.');
  });

  it('rejects bad arguments with messages that name them', () => {
    expect(() => renderClarifyReport(null as unknown as AnalysisJson)).toThrow('analysis must be an analysis.json object');
    expect(() => renderClarifyReport({ version: '1.0' }, { title: 3 as unknown as string })).toThrow('options.title must be a string');
    const local = localShap(4, 3);
    expect(() => renderClarifyReport({ version: '1.0' }, { local: { ...local, values: new Float64Array(11) } }))
      .toThrow('options.local.values must be a Float64Array of rows × features = 12 entries; got 11');
    expect(() => renderClarifyReport({ version: '1.0' }, { local: { ...local, data: new Float64Array(3) } })).toThrow('options.local.data');
    expect(() => renderClarifyReport({ version: '1.0' }, { local: { ...local, rows: 2.5 } })).toThrow('options.local.rows must be a non-negative integer; got 2.5');
  });
});
