#!/usr/bin/python3
"""Native XGBoost 1.7 reference for mlpad's interop and parity tests.

Reads one JSON request on stdin and writes one JSON answer on stdout. Needs Debian's python3-xgboost,
python3-sklearn and python3-numpy (run it with /usr/bin/python3). Requests:

  {"cmd": "train", "params": {...}, "num_round": N, "X": [[...]], "y": [...], "X_test": [[...]],
   "weights": [...] (optional)}
      -> {"model": "<XGBoost JSON text>", "margins": [...], "test_margins": [...], "test_preds": [...]}
      With "dataset": NAME instead of X, y, X_test it trains on that dataset's split and adds "data".
  {"cmd": "predict", "model": "<JSON text>", "X": [[...]]}  -> {"margins": [...], "preds": [...]}
  {"cmd": "dataset", "name": "breast_cancer"|"wine"|"diabetes"|"digits"}
      -> {"X_train", "y_train", "X_test", "y_test"} (75/25 split, random_state=0, stratified for classes)
  {"cmd": "batch", "requests": [...]}  -> the answers, in order (one Python start for many requests)
  {"cmd": "metrics", "preds": [...], "labels": [...], "weights": [...] (optional)}
      -> sklearn's roc_auc_score and log_loss, XGBoost's own auc/aucpr/logloss of those predictions

Missing cells travel as null (JSON has no NaN) and become NaN here.
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
        return xgb.Booster(model_file=path)


def floats(a):
    return [float(v) for v in np.asarray(a, dtype=np.float32).ravel()]


def train(req):
    if req.get("dataset"):
        split = dataset({"name": req["dataset"]})
        req = {**req, "X": split["X_train"], "y": split["y_train"], "X_test": split["X_test"]}
    X = matrix(req["X"])
    w = np.array(req["weights"], dtype=np.float32) if req.get("weights") else None
    dtrain = xgb.DMatrix(X, label=np.array(req["y"], dtype=np.float32), weight=w, missing=np.nan)
    params = dict(req["params"])
    params.setdefault("tree_method", "hist")
    params.setdefault("nthread", 1)
    bst = xgb.train(params, dtrain, num_boost_round=int(req["num_round"]))
    out = {"model": model_text(bst), "margins": floats(bst.predict(dtrain, output_margin=True))}
    if req.get("X_test") is not None:
        dtest = xgb.DMatrix(matrix(req["X_test"]), missing=np.nan)
        out["test_margins"] = floats(bst.predict(dtest, output_margin=True))
        out["test_preds"] = floats(bst.predict(dtest))
    if req.get("dataset"):
        out["data"] = split
    return out


def predict(req):
    bst = load(req["model"])
    d = xgb.DMatrix(matrix(req["X"]), missing=np.nan)
    return {"margins": floats(bst.predict(d, output_margin=True)), "preds": floats(bst.predict(d))}


def dataset(req):
    from sklearn import datasets
    from sklearn.model_selection import train_test_split
    loaders = {"breast_cancer": datasets.load_breast_cancer, "wine": datasets.load_wine,
               "diabetes": datasets.load_diabetes, "digits": datasets.load_digits}
    X, y = loaders[req["name"]](return_X_y=True)
    X = X.astype(np.float32)
    classify = req["name"] != "diabetes"
    Xtr, Xte, ytr, yte = train_test_split(X, y, test_size=0.25, random_state=0, stratify=y if classify else None)
    return {"X_train": Xtr.tolist(), "y_train": ytr.tolist(), "X_test": Xte.tolist(), "y_test": yte.tolist()}


def metrics(req):
    from sklearn.metrics import log_loss, roc_auc_score
    p = np.array(req["preds"], dtype=np.float32)
    y = np.array(req["labels"], dtype=np.float32)
    w = np.array(req["weights"], dtype=np.float32) if req.get("weights") else None
    out = {"sklearn_auc": roc_auc_score(y, p, sample_weight=w),
           "sklearn_logloss": log_loss(y, p.astype(np.float64), sample_weight=w)}
    # XGBoost's own metrics on fixed predictions: no trees, base_margin = logit(p), base_score 0.5 adds 0.
    d = xgb.DMatrix(np.zeros((len(p), 1), dtype=np.float32), label=y, weight=w)
    pc = np.clip(p.astype(np.float64), 1e-12, 1 - 1e-12)
    d.set_base_margin(np.log(pc / (1 - pc)).astype(np.float32))
    for metric in ("auc", "aucpr", "logloss"):
        bst = xgb.train({"objective": "binary:logistic", "eval_metric": metric}, d, 0)
        out["xgb_" + metric] = float(bst.eval(d, "d").split(":")[-1])
    return out


def batch(req):
    return [COMMANDS[r["cmd"]](r) for r in req["requests"]]


COMMANDS = {"train": train, "predict": predict, "dataset": dataset, "metrics": metrics, "batch": batch}

if __name__ == "__main__":
    request = json.load(sys.stdin)
    json.dump(COMMANDS[request["cmd"]](request), sys.stdout)
