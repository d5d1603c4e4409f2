#!/usr/bin/env python3
"""Reference k-means fits for mlpad's kmeans tests.

Reads a JSON request on stdin: {"cases": [{"dataset": "iris" | "wine" | "blobs", "k": int,
"standardize": bool, "blobs": {make_blobs keyword arguments}}]} and prints, per case, the rows it used
(float32-rounded, so both sides cluster the same numbers) and scikit-learn's
KMeans(init='k-means++', n_init=10, random_state=0) inertia (sum of squared distances) and centres.
"""
import json
import sys

import numpy as np
from sklearn.cluster import KMeans
from sklearn.datasets import load_iris, load_wine, make_blobs
from sklearn.preprocessing import StandardScaler


def rows(case):
    name = case["dataset"]
    if name == "iris":
        X = load_iris().data
    elif name == "wine":
        X = load_wine().data
    elif name == "blobs":
        X, _ = make_blobs(**case.get("blobs", {}))
    else:
        raise ValueError(f"unknown dataset {name!r}")
    if case.get("standardize"):
        X = StandardScaler().fit_transform(X)
    return X.astype(np.float32).astype(np.float64)


def main():
    request = json.load(sys.stdin)
    out = []
    for case in request["cases"]:
        X = rows(case)
        km = KMeans(n_clusters=case["k"], init="k-means++", n_init=10, random_state=0).fit(X)
        out.append({"X": X.tolist(), "inertia": float(km.inertia_), "centres": km.cluster_centers_.tolist()})
    json.dump({"results": out}, sys.stdout)


if __name__ == "__main__":
    main()
