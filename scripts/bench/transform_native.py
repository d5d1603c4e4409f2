#!/usr/bin/python3
"""Native XGBoost anchor for `npm run bench:transform`.

Usage:
  /usr/bin/python3 scripts/bench/transform_native.py prepare DIR ROWS
      Generates ROWS x 28 float32 features (seeded, HIGGS-like) into DIR/X.f32 (row-major), and trains
      100 trees of depth 6 (hist, binary:logistic) on the first 200,000 rows with a label drawn from them;
      saves DIR/model.json with feature_names f0..f27. Prints one JSON line.
  /usr/bin/python3 scripts/bench/transform_native.py serve DIR
      Loads DIR/X.f32 and DIR/model.json, prints "ready ROWS", then answers one line per stdin command:
      "predict NTHREAD" -> JSON {threads, dmatrix_s, predict_s, total_s} (DMatrix from the float32 array,
      then Booster.predict; both timed); "dump NTHREAD" writes the predictions to DIR/native.f32; "quit".
"""
import json
import os
import sys
import time

import numpy as np
import xgboost as xgb

FEATURES = 28


def features(rows, seed=2026):
    rng = np.random.default_rng(seed)
    x = np.empty((rows, FEATURES), dtype=np.float64)
    for j in range(21):
        kind = j % 3
        x[:, j] = np.exp(0.5 * rng.standard_normal(rows)) if kind == 0 else rng.standard_normal(rows) if kind == 1 else rng.uniform(-np.pi, np.pi, rows)
    for k in range(7):
        a, b = x[:, 3 * k], x[:, (3 * k + 3) % 21]
        x[:, 21 + k] = np.sqrt(np.abs(a * b * (1 - np.cos(x[:, 3 * k + 2] - x[:, (3 * k + 5) % 21])))) + 0.1 * rng.standard_normal(rows)
    z = (0.6 * x[:, 1] * x[:, 4] + np.sin(2 * x[:, 2]) * x[:, 0] + 0.8 * (x[:, 21] - 1) - 0.6 * (x[:, 22] > 1) * x[:, 7]
         + 0.5 * np.cos(x[:, 5] - x[:, 8]) * x[:, 3] + 0.4 * x[:, 24] * x[:, 10] - 0.3 * x[:, 13] ** 2 + 0.7 * np.tanh(x[:, 25] - x[:, 26])
         + 0.2 * rng.standard_normal(rows))
    y = (rng.uniform(size=rows) < 1 / (1 + np.exp(-z))).astype(np.float32)
    return x.astype(np.float32), y


def prepare(out, rows):
    os.makedirs(out, exist_ok=True)
    x, y = features(rows)
    x.tofile(os.path.join(out, "X.f32"))
    n = min(rows, 200_000)
    names = [f"f{j}" for j in range(FEATURES)]
    t0 = time.perf_counter()
    dtrain = xgb.DMatrix(x[:n], label=y[:n], feature_names=names)
    bst = xgb.train({"objective": "binary:logistic", "tree_method": "hist", "max_depth": 6, "eta": 0.3, "nthread": 2, "seed": 0}, dtrain, num_boost_round=100)
    bst.save_model(os.path.join(out, "model.json"))
    print(json.dumps({"rows": rows, "features": FEATURES, "train_rows": n, "train_s": time.perf_counter() - t0, "xgboost": xgb.__version__}))


def serve(out):
    x = np.fromfile(os.path.join(out, "X.f32"), dtype=np.float32).reshape(-1, FEATURES)
    bst = xgb.Booster(model_file=os.path.join(out, "model.json"))
    print(f"ready {x.shape[0]} {xgb.__version__}", flush=True)
    for line in sys.stdin:
        cmd = line.split()
        if not cmd:
            continue
        if cmd[0] == "quit":
            return
        nthread = int(cmd[1])
        bst.set_param({"nthread": nthread})
        t0 = time.perf_counter()
        d = xgb.DMatrix(x, nthread=nthread, feature_names=bst.feature_names)
        t1 = time.perf_counter()
        p = bst.predict(d)
        t2 = time.perf_counter()
        if cmd[0] == "dump":
            p.astype(np.float32).tofile(os.path.join(out, "native.f32"))
        print(json.dumps({"threads": nthread, "dmatrix_s": t1 - t0, "predict_s": t2 - t1, "total_s": t2 - t0}), flush=True)


if __name__ == "__main__":
    if sys.argv[1] == "prepare":
        prepare(sys.argv[2], int(sys.argv[3]))
    else:
        serve(sys.argv[2])
