"""Loads an mlpad model.tar.gz as SageMaker's XGBoost container does and predicts.

stdin: {"artifact": path to model.tar.gz, "rows": [[feature values, null = missing], ...]}
stdout: {"files": [...], "format": "pkl" | "xgb", "container": [...], "model_file": [...], "best_ntree_limit": n}

"container" follows sagemaker-xgboost-container's algorithm_mode/serve_utils.py: get_loaded_booster
(pickle.load, else Booster().load_model) and predict (ntree_limit=best_ntree_limit, validate_features=False).
"model_file" is xgb.Booster(model_file=...).predict on the same rows.
"""
import json
import os
import pickle
import sys
import tarfile
import tempfile

import numpy as np
import xgboost as xgb

req = json.load(sys.stdin)
with tempfile.TemporaryDirectory() as model_dir:
    with tarfile.open(req["artifact"], "r:gz") as t:
        members = [(m.name, m.mode, m.isfile()) for m in t.getmembers()]
        t.extractall(model_dir)
    path = os.path.join(model_dir, "xgboost-model")
    try:
        with open(path, "rb") as fh:
            booster = pickle.load(fh)
        fmt = "pkl"
    except Exception:
        booster = xgb.Booster()
        booster.load_model(path)
        fmt = "xgb"
    booster.set_param("nthread", 1)
    X = np.array([[np.nan if v is None else v for v in r] for r in req["rows"]], dtype=np.float32)
    dtest = xgb.DMatrix(X)
    limit = int(getattr(booster, "best_ntree_limit", 0) or 0)
    container = booster.predict(dtest, ntree_limit=limit, validate_features=False)
    plain = xgb.Booster(model_file=path).predict(xgb.DMatrix(X), iteration_range=(0, limit) if limit else (0, 0), validate_features=False)
json.dump({"files": members, "format": fmt, "container": container.tolist(), "model_file": plain.tolist(), "best_ntree_limit": limit}, sys.stdout)
