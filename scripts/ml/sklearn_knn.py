"""Reference k-NN results for tests/unit/ml/knn: scikit-learn's brute-force KNeighbors* and an exact numpy search.

Reads a JSON request on stdin (one call for several datasets: importing scikit-learn is the slow part):
  {"datasets": ["wine", "breast_cancer", "iris", "diabetes"], "ks": [1, 5, 10], "test_size": 0.3, "seed": 0}
and prints {dataset: result}.
Features are rounded to float32 first (what mlpad sees), then split with train_test_split (stratified for
classification). For every k it prints scikit-learn's predictions (algorithm='brute', L2) and probabilities,
scikit-learn's neighbour indices, and the exact neighbours for L2, INNER_PRODUCT and COSINE from a float64
search that sums features in order (as mlpad's CPU re-rank does) and breaks ties by the lower row index.
"""
import json
import sys

import numpy as np
from sklearn import datasets
from sklearn.model_selection import train_test_split
from sklearn.neighbors import KNeighborsClassifier, KNeighborsRegressor

LOADERS = {
    "wine": (datasets.load_wine, "classification"),
    "breast_cancer": (datasets.load_breast_cancer, "classification"),
    "iris": (datasets.load_iris, "classification"),
    "diabetes": (datasets.load_diabetes, "regression"),
}


def nearness(metric, X, q):
    """Exact nearness of every row of X to q (larger is nearer), summed feature by feature."""
    acc = np.zeros(X.shape[0])
    if metric == "L2":
        for j in range(X.shape[1]):
            diff = q[j] - X[:, j]
            acc += diff * diff
        return -acc
    for j in range(X.shape[1]):
        acc += q[j] * X[:, j]
    if metric == "INNER_PRODUCT":
        return acc
    xn = np.zeros(X.shape[0])
    for j in range(X.shape[1]):
        xn += X[:, j] * X[:, j]
    xn = np.sqrt(xn)
    qn = 0.0
    for j in range(X.shape[1]):
        qn += q[j] * q[j]
    qn = np.sqrt(qn)
    out = np.zeros(X.shape[0])
    ok = (xn != 0) & (qn != 0)
    out[ok] = acc[ok] / (qn * xn[ok])
    return out


def exact_neighbours(metric, X, Q, k):
    return [np.argsort(-nearness(metric, X, q), kind="stable")[:k].tolist() for q in Q]


def reference(dataset, req):
    loader, task = LOADERS[dataset]
    X, y = loader(return_X_y=True)
    X = X.astype(np.float32).astype(np.float64)
    X_train, X_test, y_train, y_test = train_test_split(
        X, y, test_size=req.get("test_size", 0.3), random_state=req.get("seed", 0),
        stratify=y if task == "classification" else None)
    out = {
        "task": task,
        "X_train": X_train.tolist(), "y_train": y_train.tolist(),
        "X_test": X_test.tolist(), "y_test": y_test.tolist(),
        "classes": int(len(np.unique(y))) if task == "classification" else 0,
        "results": {},
    }
    for k in req["ks"]:
        if task == "classification":
            model = KNeighborsClassifier(n_neighbors=k, algorithm="brute").fit(X_train, y_train)
            res = {"pred": model.predict(X_test).tolist(), "proba": model.predict_proba(X_test).tolist()}
        else:
            model = KNeighborsRegressor(n_neighbors=k, algorithm="brute").fit(X_train, y_train)
            res = {"pred": model.predict(X_test).tolist()}
        res["sklearn_neighbours"] = model.kneighbors(X_test, return_distance=False).tolist()
        res["exact"] = {m: exact_neighbours(m, X_train, X_test, k) for m in ("L2", "INNER_PRODUCT", "COSINE")}
        out["results"][str(k)] = res
    return out


def main():
    req = json.load(sys.stdin)
    json.dump({name: reference(name, req) for name in req["datasets"]}, sys.stdout)


if __name__ == "__main__":
    main()
