#!/usr/bin/python3
"""Writes the small native XGBoost 1.7 models under tests/fixtures/ml/ that mlpad's loader is tested on
without Python: for each task, <name>.model.json (Booster.save_model) and <name>.data.json (the rows,
with null for missing cells, and native margins and predictions).

Run: /usr/bin/python3 scripts/ml/make_fixtures.py  (needs Debian's python3-xgboost and python3-numpy)
"""
import json
import os

import numpy as np
import xgboost as xgb

OUT = os.path.join(os.path.dirname(__file__), "..", "..", "tests", "fixtures", "ml")


def make(name, params, X, y, rounds):
    d = xgb.DMatrix(X, label=y, missing=np.nan)
    params = {"tree_method": "hist", "nthread": 1, "seed": 0, **params}
    bst = xgb.train(params, d, num_boost_round=rounds)
    bst.save_model(os.path.join(OUT, name + ".model.json"))
    rows = [[None if np.isnan(v) else float(v) for v in r] for r in X]
    data = {
        "xgboost": xgb.__version__, "params": params, "num_round": rounds, "X": rows, "y": y.tolist(),
        "margins": [float(v) for v in bst.predict(d, output_margin=True).ravel()],
        "preds": [float(v) for v in bst.predict(d).ravel()],
    }
    with open(os.path.join(OUT, name + ".data.json"), "w") as f:
        json.dump(data, f)


def main():
    os.makedirs(OUT, exist_ok=True)
    rng = np.random.default_rng(20240601)
    X = rng.normal(size=(60, 4)).astype(np.float32)
    X[rng.random(X.shape) < 0.15] = np.nan
    x0 = np.nan_to_num(X[:, 0], nan=0.3)
    x1 = np.nan_to_num(X[:, 1], nan=-0.5)
    make("binary-missing", {"objective": "binary:logistic", "max_depth": 3}, X,
         (x0 + 0.5 * x1 + 0.3 * rng.normal(size=60) > 0).astype(np.float32), 5)
    make("multiclass", {"objective": "multi:softprob", "num_class": 3, "max_depth": 2}, X,
         (np.digitize(x0, [-0.4, 0.4])).astype(np.float32), 4)
    make("regression", {"objective": "reg:squarederror", "max_depth": 3, "eta": 0.5}, X,
         (2 * x0 - x1 + 0.1 * rng.normal(size=60)).astype(np.float32), 5)


if __name__ == "__main__":
    main()
