#!/usr/bin/env python3
"""scikit-learn anchors for mlpad's model quality metrics (tests/unit/monitor/quality-*.test.ts).

Reads a JSON list of requests {"problem": "Regression" | "BinaryClassification" | "MulticlassClassification",
"actual": [...], "predicted": [...], "probability": [...] (optional)} and writes, per request, the metric values
Model Monitor's statistics.json holds, computed with sklearn.metrics. Best constant classifier: always 1 for
binary, the least frequent actual class (first in sorted order on ties) for multiclass.
"""
import json
import math
import sys

import numpy as np
from sklearn import metrics as m


def binary(y, p, prob):
    out = {}
    tn, fp, fn, tp = m.confusion_matrix(y, p, labels=[0, 1]).ravel()
    out["confusion_matrix"] = {"0": {"0": int(tn), "1": int(fp)}, "1": {"0": int(fn), "1": int(tp)}}
    for suffix, pred in (("", p), ("_best_constant_classifier", np.ones_like(y))):
        out["recall" + suffix] = m.recall_score(y, pred, zero_division=0)
        out["precision" + suffix] = m.precision_score(y, pred, zero_division=0)
        out["accuracy" + suffix] = m.accuracy_score(y, pred)
        for beta, name in ((0.5, "f0_5"), (1, "f1"), (2, "f2")):
            out[name + suffix] = m.fbeta_score(y, pred, beta=beta, zero_division=0)
    out["true_positive_rate"] = m.recall_score(y, p, pos_label=1, zero_division=0)
    out["true_negative_rate"] = m.recall_score(y, p, pos_label=0, zero_division=0)
    out["false_positive_rate"] = fp / (fp + tn) if fp + tn else 0.0
    out["false_negative_rate"] = fn / (fn + tp) if fn + tp else 0.0
    out["auc"] = m.roc_auc_score(y, prob if prob is not None else p) if len(set(y.tolist())) == 2 else "NaN"
    return out


def multiclass(y, p):
    labels = np.unique(np.concatenate([y, p]))
    cm = m.confusion_matrix(y, p, labels=labels)
    out = {"confusion_matrix": {str(a): {str(b): int(cm[i, j]) for j, b in enumerate(labels)} for i, a in enumerate(labels)}}
    values, counts = np.unique(y, return_counts=True)
    constant = values[int(np.argmin(counts))]
    for suffix, pred in (("", p), ("_best_constant_classifier", np.full_like(y, constant))):
        out["accuracy" + suffix] = m.accuracy_score(y, pred)
        out["weighted_recall" + suffix] = m.recall_score(y, pred, average="weighted", zero_division=0)
        out["weighted_precision" + suffix] = m.precision_score(y, pred, average="weighted", zero_division=0)
        for beta, name in ((0.5, "f0_5"), (1, "f1"), (2, "f2")):
            out["weighted_" + name + suffix] = m.fbeta_score(y, pred, beta=beta, average="weighted", zero_division=0)
    return out


def regression(y, p):
    mse = m.mean_squared_error(y, p)
    return {"mae": m.mean_absolute_error(y, p), "mse": mse, "rmse": math.sqrt(mse), "r2": m.r2_score(y, p)}


def answer(req):
    y, p = np.array(req["actual"]), np.array(req["predicted"])
    if req["problem"] == "Regression":
        out = regression(y.astype(float), p.astype(float))
    elif req["problem"] == "BinaryClassification":
        prob = np.array(req["probability"], float) if req.get("probability") is not None else None
        out = binary(y.astype(int), p.astype(int), prob)
    else:
        out = multiclass(y, p)
    return {k: (float(v) if isinstance(v, (float, np.floating, np.integer)) else v) for k, v in out.items()}


if __name__ == "__main__":
    print(json.dumps([answer(r) for r in json.load(sys.stdin)]))
