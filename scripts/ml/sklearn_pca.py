#!/usr/bin/env python3
"""Reference numbers for mlpad's pca tests (tests/unit/ml/pca/).

Reads JSON on stdin: {"cases": [{"dataset": "iris" | "wine" | "breast_cancer" | "digits",
"standardize": bool, "n_components": k, "subtract_mean": bool}, ...]} and prints
{"results": [...]}, one object per case with:
  X           the features, float32-rounded, row-major (what mlpad trains on)
  n_rows, n_cols
  ratios_all  numpy SVD explained variance ratios of every component (centred data)
  ratios      the first k ratios (subtract_mean false: variance of X·vⱼ over the total variance)
  projection  n × k row-major: sklearn PCA(svd_solver="full").transform(X) (subtract_mean false: X·Vᵀ
              from np.linalg.svd of the uncentred X)
Both sides use the float32-rounded data, so differences are mlpad's own rounding.
"""
import json
import sys

import numpy as np
from sklearn import datasets
from sklearn.decomposition import PCA
from sklearn.preprocessing import StandardScaler

LOADERS = {
    "iris": datasets.load_iris,
    "wine": datasets.load_wine,
    "breast_cancer": datasets.load_breast_cancer,
    "digits": datasets.load_digits,
}


def run(case):
    X = LOADERS[case["dataset"]]().data.astype(np.float64)
    if case.get("standardize"):
        X = StandardScaler().fit_transform(X)
    X = X.astype(np.float32).astype(np.float64)
    k = int(case["n_components"])
    centred = X - X.mean(axis=0)
    s = np.linalg.svd(centred, compute_uv=False)
    ratios_all = (s**2) / np.sum(s**2)
    if case.get("subtract_mean", True):
        pca = PCA(n_components=k, svd_solver="full").fit(X)
        projection = pca.transform(X)
        ratios = ratios_all[:k]
    else:
        _, _, vt = np.linalg.svd(X, full_matrices=False)
        projection = X @ vt[:k].T
        ratios = projection.var(axis=0, ddof=1) / X.var(axis=0, ddof=1).sum()
    return {
        "X": X.ravel().tolist(),
        "n_rows": X.shape[0],
        "n_cols": X.shape[1],
        "ratios_all": ratios_all.tolist(),
        "ratios": np.asarray(ratios).tolist(),
        "projection": projection.ravel().tolist(),
    }


def main():
    request = json.load(sys.stdin)
    json.dump({"results": [run(c) for c in request["cases"]]}, sys.stdout)


if __name__ == "__main__":
    main()
