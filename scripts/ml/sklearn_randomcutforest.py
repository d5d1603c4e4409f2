#!/usr/bin/env python3
"""Reference for mlpad's randomcutforest tests: scikit-learn's IsolationForest on the same shingles.

Request (JSON on stdin): {"values": [...] row-major, "nCols": c, "shingleSize": s, "labels": [...],
"rcfScores": [...] (optional)}. Row i's shingle is rows i-s+1..i, oldest first, each row's columns together;
the first s-1 rows get the first shingle's score, as mlpad does. IsolationForest(random_state=0) with default
parameters is fitted on the shingles and scores them (-score_samples, so higher = more anomalous).
Prints {"isolationForestAuc", "rcfAuc" (when rcfScores is given), "scores"}.
"""
import json
import sys

import numpy as np
from sklearn.ensemble import IsolationForest
from sklearn.metrics import roc_auc_score


def shingles(rows, s):
    n = rows.shape[0]
    return np.stack([rows[i - s + 1:i + 1].reshape(-1) for i in range(s - 1, n)])


def per_row(scores, n, s):
    return np.concatenate([np.full(s - 1, scores[0]), scores]) if s > 1 else scores


def main():
    req = json.load(sys.stdin)
    c = req["nCols"]
    s = req["shingleSize"]
    rows = np.asarray(req["values"], dtype=np.float32).reshape(-1, c)
    labels = np.asarray(req["labels"])
    X = shingles(rows, s)
    forest = IsolationForest(random_state=0).fit(X)
    scores = per_row(-forest.score_samples(X), rows.shape[0], s)
    out = {"isolationForestAuc": float(roc_auc_score(labels, scores)), "scores": scores.tolist()}
    if "rcfScores" in req:
        out["rcfAuc"] = float(roc_auc_score(labels, np.asarray(req["rcfScores"])))
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main()
