#!/usr/bin/python3
"""Native XGBoost 1.7 hist anchor for `npm run bench:gbdt`.

Usage: /usr/bin/python3 scripts/bench/gbdt_native.py CSV TARGET REPEATS NTHREAD [NTHREAD ...] [--no-eval]
Prints one JSON object per thread count: binning seconds (QuantileDMatrix construction: sketch + bin),
training seconds (xgb.train on that matrix, no evaluation sets), each the fastest of REPEATS runs, and
the train AUC; then `train_eval_s`, the training time when the training set's logloss and AUC are also
evaluated every round (what mlpad's Train view does for its learning curve), unless --no-eval is given
(then train_eval_s is null); train_eval_cpu_s and binning_cpu_s are CPU seconds (all threads). CSV parsing is not timed.
"""
import json
import sys
import time

import numpy as np
import pandas as pd
import xgboost as xgb
from sklearn.metrics import roc_auc_score

args = [a for a in sys.argv[1:] if a != "--no-eval"]
with_eval = "--no-eval" not in sys.argv
path, target, repeats, threads = args[0], args[1], int(args[2]), [int(t) for t in args[3:]]
df = pd.read_csv(path)
y = df[target].to_numpy(dtype=np.float32)
X = df.drop(columns=[target]).to_numpy(dtype=np.float32)
for nthread in threads:
    binning, training, training_eval, cpu_eval, cpu_binning = [], [], [], [], []
    for _ in range(repeats):
        t0, c0 = time.perf_counter(), time.process_time()
        dtrain = xgb.QuantileDMatrix(X, label=y, max_bin=256, nthread=nthread)
        t1 = time.perf_counter()
        cpu_binning.append(time.process_time() - c0)
        params = {"objective": "binary:logistic", "tree_method": "hist", "max_depth": 6, "eta": 0.3,
                  "max_bin": 256, "nthread": nthread, "seed": 0}
        bst = xgb.train(params, dtrain, num_boost_round=100)
        t2 = time.perf_counter()
        binning.append(t1 - t0)
        training.append(t2 - t1)
        if not with_eval:
            continue
        t3, c3 = time.perf_counter(), time.process_time()
        xgb.train({**params, "eval_metric": ["logloss", "auc"]}, dtrain, num_boost_round=100,
                  evals=[(dtrain, "train")], verbose_eval=False)
        training_eval.append(time.perf_counter() - t3)
        cpu_eval.append(time.process_time() - c3)
    preds = bst.predict(xgb.DMatrix(X, nthread=nthread))
    print(json.dumps({"engine": f"native XGBoost {xgb.__version__} hist", "threads": nthread, "binning_s": min(binning),
                      "train_s": min(training), "train_eval_s": min(training_eval) if training_eval else None, "train_eval_cpu_s": min(cpu_eval) if cpu_eval else None, "binning_cpu_s": min(cpu_binning), "train_auc": float(roc_auc_score(y, preds)), "rows": X.shape[0], "cols": X.shape[1]}))
    sys.stdout.flush()
