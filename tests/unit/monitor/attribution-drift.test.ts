// Feature attribution drift: nDCG as SageMaker's guide defines it (relevance = the baseline's attribution,
// ranking = the window's), on the guide's own college-admission example and by hand with ties, against
// scikit-learn's ndcg_score (which the guide's violations page names) on seeded vectors, and the
// feature_attribution_drift_check violations. The xgboost path through the timeline is in monitor-cli.test.ts.
import { execFileSync, spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { attributionDrift, ndcg, spacedRows, type Explanations } from '../../../src/lib/monitor/attribution-drift.ts';
import { mulberry32 } from '../../../src/lib/ml/random.ts';

const PYTHON = '/usr/bin/python3';
const hasSklearn = spawnSync(PYTHON, ['-c', 'import sklearn.metrics'], { stdio: 'ignore' }).status === 0;
const skipReason = hasSklearn ? '' : ` (skipped: ${PYTHON} cannot import sklearn; apt-get install python3-sklearn)`;

const log2 = Math.log2;

describe('ndcg(baseline, window)', () => {
  it('the guide\'s college-admission example: a reversed ranking scores 0.69', () => {
    const training = { 'SAT score': 0.7, GPA: 0.5, 'Class rank': 0.05 };
    const live = { 'SAT score': 0.1, GPA: 0.2, 'Class rank': 0.7 };
    // Live ranking: Class rank, GPA, SAT score; gains are the training attributions.
    const dcg = 0.05 / log2(2) + 0.5 / log2(3) + 0.7 / log2(4);
    const idcg = 0.7 / log2(2) + 0.5 / log2(3) + 0.05 / log2(4);
    expect(ndcg(training, live)).toBeCloseTo(dcg / idcg, 14);
    expect(ndcg(training, live).toFixed(2)).toBe('0.69'); // the figure the guide prints
    expect(ndcg(training, { 'SAT score': 9, GPA: 3, 'Class rank': 1 })).toBe(1); // same order, other sizes
  });

  it('tied window values share the mean gain over their positions (scikit-learn\'s rule)', () => {
    const base = { a: 3, b: 2, c: 1, d: 0.5 };
    // Window: a and c tie for first, then d, then b.
    const got = ndcg(base, { a: 5, c: 5, d: 2, b: 1 });
    const dcg = ((3 + 1) / 2) * (1 / log2(2) + 1 / log2(3)) + 0.5 / log2(4) + 2 / log2(5);
    const idcg = 3 + 2 / log2(3) + 1 / log2(4) + 0.5 / log2(5);
    expect(got).toBeCloseTo(dcg / idcg, 14);
    // Everything tied: every position gets the mean gain.
    expect(ndcg(base, { a: 1, b: 1, c: 1, d: 1 })).toBeCloseTo((6.5 / 4) * (1 + 1 / log2(3) + 1 / log2(4) + 1 / log2(5)) / idcg, 14);
  });

  it('signed values (agg_method median) rank by magnitude; an all-zero baseline gives 0; other features are an error', () => {
    expect(ndcg({ a: -3, b: 1 }, { a: 2, b: -1 })).toBe(1);
    expect(ndcg({ a: 0, b: 0 }, { a: 1, b: 2 })).toBe(0);
    expect(() => ndcg({ a: 1, b: 2 }, { a: 1, c: 2 })).toThrow("the window's attributions must name the baseline's features; missing b; not in the baseline c");
    expect(() => ndcg({ a: 1 }, { a: NaN })).toThrow('attribution of "a" must be a finite number');
  });

  it.skipIf(!hasSklearn)(`equals sklearn.metrics.ndcg_score to 1e-12 on 40 seeded vectors with ties${skipReason}`, () => {
    const rnd = mulberry32(7);
    const cases: { base: number[]; now: number[] }[] = [];
    for (let k = 0; k < 40; k++) {
      const m = 2 + Math.floor(rnd() * 9);
      // Rounded to one decimal so that ties happen in both vectors.
      const v = () => Array.from({ length: m }, () => Math.round(rnd() * 10) / 10);
      cases.push({ base: v(), now: v() });
    }
    const script = 'import json,sys\nfrom sklearn.metrics import ndcg_score\nfor c in json.load(sys.stdin):\n  print(repr(float(ndcg_score([c["base"]], [c["now"]]))))';
    const out = execFileSync(PYTHON, ['-c', script], { input: JSON.stringify(cases) }).toString().trim().split('\n').map(Number);
    cases.forEach((c, k) => {
      const names = c.base.map((_, j) => `f${j}`);
      const got = ndcg(Object.fromEntries(names.map((f, j) => [f, c.base[j]])), Object.fromEntries(names.map((f, j) => [f, c.now[j]])));
      expect(got, JSON.stringify(c)).toBeCloseTo(out[k], 12);
    });
  });
});

const section = (g: Record<string, number>, label = 'approved'): Explanations => ({ tree_shap: { [label]: { global_shap_values: g, expected_value: 0.1 } } });

describe('attributionDrift', () => {
  const base = section({ credit: 1, income: 0.5, loan: 0.4, age: 0.1 });

  it('a window in the baseline\'s order passes; a reversed one is a feature_attribution_drift_check in Model Monitor\'s layout', () => {
    const same = attributionDrift(base, section({ credit: 0.9, income: 0.6, loan: 0.3, age: 0.2 }));
    expect(same).toEqual({ scores: { approved: 1 }, violations: [] });
    const reversed = attributionDrift(base, section({ credit: 0.1, income: 0.2, loan: 0.3, age: 0.4 }));
    expect(reversed.scores.approved).toBeLessThan(0.9);
    expect(reversed.violations).toEqual([{
      label: 'approved', metric_name: 'shap', constraint_check_type: 'feature_attribution_drift_check',
      description: expect.stringMatching(/^Feature attribution drift 0\.\d+ exceeds threshold 0\.9: .*most important now: age, loan, income; in the baseline: credit, income, loan/),
    }]);
  });

  it('the threshold is an option; a score exactly at it passes (the guide: "less than 0.9")', () => {
    const w = section({ credit: 0.5, income: 1, loan: 0.4, age: 0.1 }); // the top two swapped
    const s = attributionDrift(base, w).scores.approved;
    expect(attributionDrift(base, w, s).violations).toHaveLength(0);
    expect(attributionDrift(base, w, Math.min(1, s + 1e-9)).violations).toHaveLength(1);
    expect(() => attributionDrift(base, w, 0)).toThrow('threshold must be in (0, 1]; got 0');
  });

  it('different SHAP methods or a missing label are errors naming them', () => {
    const kernel: Explanations = { kernel_shap: base.tree_shap };
    expect(() => attributionDrift(base, kernel)).toThrow('different SHAP methods (baseline: tree_shap; window: kernel_shap)');
    expect(() => attributionDrift(base, section({ credit: 1, income: 1, loan: 1, age: 1 }, 'other'))).toThrow('the window has no explanation of label "approved"; it explains other');
  });

  it('spacedRows takes evenly spaced rows, all of them when there are few', () => {
    expect(spacedRows([10, 11, 12], 5)).toEqual([10, 11, 12]);
    expect(spacedRows(Array.from({ length: 10 }, (_, i) => i), 4)).toEqual([0, 2, 5, 7]);
  });
});
