# Reference per-class metrics for tests/unit/ml/results/per-class.test.ts: reads {"y_true": [...],
# "y_pred": [...], "y_score": [[...]], "labels": [...]} on stdin and prints scikit-learn's
# precision_recall_fscore_support (per class, macro, weighted) and one-vs-rest ROC AUC per class.
import json
import sys

import numpy as np
from sklearn.metrics import precision_recall_fscore_support, roc_auc_score

req = json.load(sys.stdin)
y_true = np.array(req["y_true"])
y_pred = np.array(req["y_pred"])
labels = req["labels"]
out = {}
p, r, f, s = precision_recall_fscore_support(y_true, y_pred, labels=labels, zero_division=0)
out["per_class"] = {"precision": p.tolist(), "recall": r.tolist(), "f1": f.tolist(), "support": s.tolist()}
for avg in ("macro", "weighted"):
    p, r, f, _ = precision_recall_fscore_support(y_true, y_pred, labels=labels, average=avg, zero_division=0)
    out[avg] = {"precision": float(p), "recall": float(r), "f1": float(f)}
if "y_score" in req:
    score = np.array(req["y_score"])
    out["auc"] = [float(roc_auc_score(y_true == c, score[:, k])) for k, c in enumerate(labels)]
json.dump(out, sys.stdout)
