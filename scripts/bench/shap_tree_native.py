#!/usr/bin/python3
"""Native XGBoost 1.7 side of `npm run bench:shap` (scripts/bench/shap-tree.ts).

Usage: /usr/bin/python3 scripts/bench/shap_tree_native.py X.f32 y.f32 ROWS COLS OUT_DIR
X.f32 is ROWS × COLS row-major float32 (NaN = missing), y.f32 the 0/1 labels. Trains the benchmark model
(binary:logistic, hist, 100 rounds, max_depth 6, eta 0.3, seed 0, all threads), writes OUT_DIR/model.json
and OUT_DIR/contribs.f32 (pred_contribs of every row, float32, ROWS × (COLS + 1)), prints one JSON line
{"ready": true, "version": ...}, then answers timing requests, one JSON object per line on stdin:

  {"cmd": "contribs", "nthread": N}                 -> {"seconds": s}  (pred_contribs on all rows)
  {"cmd": "interactions", "nthread": N, "rows": R}  -> {"seconds": s}  (pred_interactions on the first R rows)

Timed: Booster.predict alone, on a DMatrix built beforehand (its construction is not timed), which
includes native's per-call tree preparation (node mean values) as mlpad's timing does.
"""
import json
import os
import sys
import time

import numpy as np
import xgboost as xgb

x_path, y_path, rows, cols, out_dir = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
X = np.fromfile(x_path, dtype=np.float32).reshape(rows, cols)
y = np.fromfile(y_path, dtype=np.float32)
dtrain = xgb.DMatrix(X, label=y, missing=np.nan)
params = {"objective": "binary:logistic", "tree_method": "hist", "max_depth": 6, "eta": 0.3, "seed": 0}
bst = xgb.train(params, dtrain, num_boost_round=100)
bst.save_model(os.path.join(out_dir, "model.json"))
dx = xgb.DMatrix(X, missing=np.nan)
bst.predict(dx, pred_contribs=True).astype(np.float32).tofile(os.path.join(out_dir, "contribs.f32"))
print(json.dumps({"ready": True, "version": xgb.__version__}), flush=True)

small = {}
for line in sys.stdin:
    req = json.loads(line)
    bst.set_param({"nthread": int(req["nthread"])})
    if req["cmd"] == "contribs":
        t0 = time.perf_counter()
        bst.predict(dx, pred_contribs=True)
        seconds = time.perf_counter() - t0
    else:
        n = int(req["rows"])
        if n not in small:
            small[n] = xgb.DMatrix(X[:n], missing=np.nan)
        t0 = time.perf_counter()
        bst.predict(small[n], pred_interactions=True)
        seconds = time.perf_counter() - t0
    print(json.dumps({"seconds": seconds}), flush=True)
