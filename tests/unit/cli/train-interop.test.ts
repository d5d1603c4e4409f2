// The model file `mlpad train` writes is a real XGBoost model: native XGBoost 1.7 (Debian's
// python3-xgboost on /usr/bin/python3) loads it, keeps the mlpad_encoding attribute, predicts what
// `mlpad predict` writes to 1e-5 and reports the same feature importance; and a natively trained model
// (no encoding) predicts in mlpad from the data's numeric columns.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { spawnMlpad } from './spawn-mlpad.ts';
import { loadBytes } from '../../../src/lib/data/index.ts';
import { encodeFeatures, readEncoding } from '../../../src/lib/ml/prepare/index.ts';
import { readRow } from '../../../src/lib/ml/matrix.ts';
import { hasNativeXGBoost, nativeSkipReason } from '../ml/xgboost/native.ts';

const LOAN = fileURLToPath(new URL('../../../public/samples/loan-approval.csv', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'mlpad-interop-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const mlpad = (...args: string[]) => spawnMlpad(dir, ...args);

function python<T>(script: string, input: object): T {
  const run = spawnSync('/usr/bin/python3', ['-c', script], { input: JSON.stringify(input), encoding: 'utf8', maxBuffer: 1 << 28, cwd: dir });
  if (run.status !== 0) throw new Error(`python failed: ${run.stderr}`);
  return JSON.parse(run.stdout) as T;
}

const NATIVE_PREDICT = `
import json, sys, numpy as np, xgboost as xgb
req = json.load(sys.stdin)
b = xgb.Booster(model_file=req["model"])
X = np.array([[np.nan if v is None else v for v in r] for r in req["X"]], dtype=np.float32)
d = xgb.DMatrix(X, feature_names=b.feature_names, missing=np.nan)
out = {"preds": [float(v) for v in b.predict(d)], "attributes": b.attributes()}
for t in ("weight", "gain", "cover", "total_gain", "total_cover"):
    out[t] = b.get_score(importance_type=t)
json.dump(out, sys.stdout)
`;

const NATIVE_TRAIN = `
import json, sys, pandas as pd, xgboost as xgb
req = json.load(sys.stdin)
df = pd.read_csv(req["csv"])
X = df[req["features"]].astype("float32")
b = xgb.train({"objective": "binary:logistic", "tree_method": "hist", "max_depth": 3, "nthread": 1}, xgb.DMatrix(X, label=df["approved"]), 10)
b.save_model("native.json")
json.dump({"preds": [float(v) for v in b.predict(xgb.DMatrix(X))]}, sys.stdout)
`;

const probabilityColumn = (csv: string, col: number) => csv.trim().split('\n').slice(1).map((l) => Number(l.split(',')[col]));

describe('XGBoost JSON from `mlpad train` in native XGBoost 1.7', () => {
  it.skipIf(!hasNativeXGBoost)(`loads natively, keeps mlpad_encoding, and predicts as mlpad predict does to 1e-5${nativeSkipReason}`, async () => {
    const t = await mlpad('train', '--train', LOAN, '--target', 'approved', '--hp', 'num_round=25 max_depth=5', '--model-out', 'model.json', '--metrics-out', 'metrics.json');
    expect(t.code).toBe(0);
    const p = await mlpad('predict', '--model', 'model.json', '--data', LOAN, '--out', 'pred.csv');
    expect(p.code).toBe(0);
    const modelText = readFileSync(join(dir, 'model.json'), 'utf8');
    const encoding = readEncoding(modelText)!;
    const table = (await loadBytes('loan-approval.csv', new Uint8Array(readFileSync(LOAN)))).table;
    const x = encodeFeatures(table, encoding);
    const row = new Float32Array(x.nCols);
    const X = Array.from({ length: x.nRows }, (_, i) => { readRow(x, i, row); return Array.from(row, (v) => (Number.isNaN(v) ? null : v)); });
    const native = python<{ preds: number[]; attributes: Record<string, string>; [k: string]: unknown }>(NATIVE_PREDICT, { model: join(dir, 'model.json'), X });
    expect(native.attributes.mlpad_encoding).toBe(JSON.stringify(encoding));
    const ours = probabilityColumn(readFileSync(join(dir, 'pred.csv'), 'utf8'), 2);
    let maxDiff = 0;
    native.preds.forEach((v, i) => { maxDiff = Math.max(maxDiff, Math.abs(v - ours[i])); });
    expect(maxDiff).toBeLessThanOrEqual(1e-5);

    const importance = JSON.parse(readFileSync(join(dir, 'metrics.json'), 'utf8')).feature_importance as Record<string, number | string>[];
    for (const type of ['weight', 'gain', 'cover', 'total_gain', 'total_cover']) {
      const scores = native[type] as Record<string, number>;
      expect(Object.keys(scores).sort()).toEqual(importance.map((f) => f.feature as string).sort());
      for (const f of importance) expect(f[type] as number).toBeCloseTo(scores[f.feature as string], 2);
    }
  });

  it.skipIf(!hasNativeXGBoost)(`a natively trained model without an encoding predicts from the columns its feature_names name${nativeSkipReason}`, async () => {
    const features = ['age', 'income', 'employment_years', 'credit_score', 'loan_amount', 'debt_to_income'];
    const native = python<{ preds: number[] }>(NATIVE_TRAIN, { csv: LOAN, features });
    const p = await mlpad('predict', '--model', 'native.json', '--data', LOAN);
    expect(p.stderr).toBe('');
    expect(p.code).toBe(0);
    const ours = probabilityColumn(p.stdout, 2);
    let maxDiff = 0;
    native.preds.forEach((v, i) => { maxDiff = Math.max(maxDiff, Math.abs(v - ours[i])); });
    expect(maxDiff).toBeLessThanOrEqual(1e-5);
  });
});
