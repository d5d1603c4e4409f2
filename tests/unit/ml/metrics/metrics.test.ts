// Reference values were computed once with scikit-learn 1.2 and XGBoost 1.7.4 (scripts/ml/xgb_reference.py,
// cmd "metrics") on these predictions; the live cross-check runs when Debian's /usr/bin/python3 has them.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { multiclassRocAuc, prAuc, rocAuc } from '../../../../src/lib/ml/metrics/auc.ts';
import { errorRate, logloss, mae, merror, mlogloss, rmse } from '../../../../src/lib/ml/metrics/pointwise-metrics.ts';

const preds = Float32Array.from([0.1, 0.4, 0.35, 0.8, 0.8, 0.2, 0.65, 0.9, 0.05, 0.5]);
const labels = Float32Array.from([0, 0, 1, 1, 0, 1, 1, 1, 0, 0]);
const weights = Float32Array.from([1, 2, 0.5, 1, 3, 1, 1, 2, 1, 0.25]);
const TOL = 1e-9;
const close = (a: number, b: number, tol = TOL) => expect(Math.abs(a - b)).toBeLessThanOrEqual(tol);

describe('binary metrics against scikit-learn and XGBoost (tolerance 1e-9)', () => {
  it('rocAuc matches roc_auc_score, ties included, weighted and unweighted', () => {
    close(rocAuc(preds, labels), 0.7);
    close(rocAuc(preds, labels, weights), 0.6896551724137931);
  });

  it('prAuc matches XGBoost aucpr', () => {
    close(prAuc(preds, labels), 0.7247849564719807);
    close(prAuc(preds, labels, weights), 0.7110083641381348);
  });

  it('logloss matches log_loss (to 1e-7: float32 probabilities)', () => {
    close(logloss(preds, labels), 0.6388611669179705, 1e-7);
    close(logloss(preds, labels, weights), 0.7199139084644572, 1e-7);
  });

  it('error counts p > 0.5 as positive', () => {
    close(errorRate(preds, labels), 3 / 10);
  });

  it('AUC is NaN when only one class is present', () => {
    expect(rocAuc(preds, new Float32Array(10))).toBeNaN();
    expect(prAuc(preds, new Float32Array(10))).toBeNaN();
  });
});

describe('regression and multi-class metrics', () => {
  it('rmse and mae match mean_squared_error(squared=False) and mean_absolute_error', () => {
    const y = Float32Array.from([1, 2, 3, 4]), p = Float32Array.from([1.5, 2, 2, 5]);
    close(rmse(p, y), 0.75);
    close(mae(p, y), 0.625);
  });

  it('mlogloss matches log_loss and merror takes the arg-max', () => {
    const p = Float32Array.from([0.7, 0.2, 0.1, 0.1, 0.8, 0.1, 0.3, 0.3, 0.4, 0.5, 0.25, 0.25]);
    const y = Float32Array.from([0, 2, 2, 1]);
    close(mlogloss(p, y, 3), 1.2404612824817058, 1e-7);
    close(merror(p, y, 3), 2 / 4);
  });

  it('multi-class AUC averages one-vs-rest AUCs weighted by prevalence', () => {
    const p = Float32Array.from([0.8, 0.1, 0.1, 0.2, 0.7, 0.1, 0.3, 0.3, 0.4, 0.6, 0.2, 0.2]);
    const y = Float32Array.from([0, 1, 2, 0]);
    close(multiclassRocAuc(p, y, 3), 1);
  });
});

const PYTHON = '/usr/bin/python3';
const SCRIPT = new URL('../../../../scripts/ml/xgb_reference.py', import.meta.url).pathname;
const hasXgb = existsSync(PYTHON) && spawnSync(PYTHON, ['-c', 'import xgboost, sklearn'], { encoding: 'utf8' }).status === 0;
const reason = hasXgb ? '' : ` (skipped: ${PYTHON} with xgboost and sklearn not found; apt-get install python3-xgboost python3-sklearn)`;

describe('metrics live against XGBoost 1.7 and scikit-learn', () => {
  it.skipIf(!hasXgb)(`rocAuc, prAuc and logloss agree on 2,000 random weighted predictions to 1e-6${reason}`, () => {
    let s = 12345;
    const rnd = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 4294967296);
    const n = 2000;
    const p = Float32Array.from({ length: n }, () => Math.round(rnd() * 200) / 200 * 0.98 + 0.01);
    const y = Float32Array.from(p, (v) => (rnd() < v ? 1 : 0));
    const w = Float32Array.from({ length: n }, () => 0.5 + rnd());
    const run = spawnSync(PYTHON, [SCRIPT], { input: JSON.stringify({ cmd: 'metrics', preds: Array.from(p), labels: Array.from(y), weights: Array.from(w) }), encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
    const ref = JSON.parse(run.stdout);
    close(rocAuc(p, y, w), ref.sklearn_auc, 1e-6);
    close(rocAuc(p, y, w), ref.xgb_auc, 1e-6);
    close(prAuc(p, y, w), ref.xgb_aucpr, 1e-6);
    close(logloss(p, y, w), ref.sklearn_logloss, 1e-6);
  });
});
