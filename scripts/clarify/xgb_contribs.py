#!/usr/bin/python3
"""Native XGBoost 1.7 SHAP values (pred_contribs / pred_interactions), the anchor for mlpad's TreeSHAP.

Reads one JSON request on stdin and writes one JSON answer on stdout (run it with Debian's /usr/bin/python3,
which has python3-xgboost and numpy). Missing cells travel as null and become NaN. Requests:

  {"cmd": "train", "params": {...}, "num_round": N, "X": [[...]], "y": [...], "X_explain": [[...]],
   "interactions": true|false, "early_stopping_rounds": K (optional: the last 20% of rows validate),
   "iteration_range": [0, n] (optional)}
      -> {"model": "<XGBoost JSON text>", "best_iteration": int|null, "contribs": [...],
          "interactions": [...] (when asked), "margins": [...], "shape": [...]}
  {"cmd": "explain", "model": "<JSON text>", "X": [[...]], "interactions": bool, "iteration_range": [0, n]}
      -> {"contribs", "interactions" (when asked), "margins", "shape"}
  {"cmd": "batch", "requests": [...]}  -> the answers, in order (one Python start for many requests)

Arrays come back flat, row-major, as float32 values: contribs rows × groups × (F + 1) and interactions
rows × groups × (F + 1) × (F + 1) (a single group is one group), margins rows × groups. Prediction uses
Booster.predict's defaults (iteration_range (0, 0): every tree, best_iteration ignored) unless
"iteration_range" is given, and nthread 1.
"""
import json
import os
import sys
import tempfile

import numpy as np
import xgboost as xgb


def matrix(rows):
    return np.array([[np.nan if v is None else v for v in r] for r in rows], dtype=np.float32)


def model_text(bst):
    with tempfile.TemporaryDirectory() as d:
        path = os.path.join(d, "model.json")
        bst.save_model(path)
        with open(path) as f:
            return f.read()


def load(text):
    with tempfile.TemporaryDirectory() as d:
        path = os.path.join(d, "model.json")
        with open(path, "w") as f:
            f.write(text)
        bst = xgb.Booster(model_file=path)
    bst.set_param({"nthread": 1})
    return bst


def floats(a):
    return [float(v) for v in np.asarray(a, dtype=np.float32).ravel()]


def explain_with(bst, X, interactions, iteration_range):
    d = xgb.DMatrix(matrix(X), missing=np.nan)
    rng = tuple(iteration_range) if iteration_range else (0, 0)
    contribs = bst.predict(d, pred_contribs=True, iteration_range=rng)
    out = {"contribs": floats(contribs), "shape": list(contribs.shape),
           "margins": floats(bst.predict(d, output_margin=True, iteration_range=rng))}
    if interactions:
        out["interactions"] = floats(bst.predict(d, pred_interactions=True, iteration_range=rng))
    return out


def train(req):
    X = matrix(req["X"])
    y = np.array(req["y"], dtype=np.float32)
    params = dict(req["params"])
    params.setdefault("tree_method", "hist")
    params.setdefault("nthread", 1)
    params.setdefault("seed", 0)
    rounds = int(req["num_round"])
    if req.get("early_stopping_rounds"):
        cut = int(len(y) * 0.8)
        dtrain = xgb.DMatrix(X[:cut], label=y[:cut], missing=np.nan)
        dvalid = xgb.DMatrix(X[cut:], label=y[cut:], missing=np.nan)
        bst = xgb.train(params, dtrain, num_boost_round=rounds, evals=[(dvalid, "valid")],
                        early_stopping_rounds=int(req["early_stopping_rounds"]), verbose_eval=False)
    else:
        bst = xgb.train(params, xgb.DMatrix(X, label=y, missing=np.nan), num_boost_round=rounds)
    best = bst.attr("best_iteration")
    out = {"model": model_text(bst), "best_iteration": int(best) if best is not None else None}
    out.update(explain_with(bst, req["X_explain"], req.get("interactions", False), req.get("iteration_range")))
    return out


def explain(req):
    return explain_with(load(req["model"]), req["X"], req.get("interactions", False), req.get("iteration_range"))


def batch(req):
    return [COMMANDS[r["cmd"]](r) for r in req["requests"]]


COMMANDS = {"train": train, "explain": explain, "batch": batch}

if __name__ == "__main__":
    request = json.load(sys.stdin)
    json.dump(COMMANDS[request["cmd"]](request), sys.stdout)
