#!/usr/bin/python3
"""scikit-learn / numpy anchor for `npm run bench:algorithms`, run as one long-lived process.

Usage: /usr/bin/python3 scripts/bench/algorithms_native.py THREADS
BLAS and OpenMP are limited to THREADS threads (threadpoolctl). The process prints one JSON line with the
versions, then answers each JSON request line on stdin with one JSON line, so that the Node driver can
alternate mlpad and native runs without paying Python's start-up each time. A request names the case, the
float32 little-endian files the driver wrote (row-major x, labels y, knn queries q and their labels qy) and
the sizes. Reading the files is not timed; each answer is one timed run:

  linear-learner  StandardScaler + SGDClassifier(loss='log_loss', max_iter=epochs, tol=None): the seconds per
                  epoch are the fit seconds (scaler included) over the epochs run; quality = training accuracy.
                  With "variant": "lbfgs", LogisticRegression(lbfgs) on the scaled data instead (total seconds).
  knn             KNeighborsClassifier(n_neighbors=10, algorithm='brute'): fit + predict of the queries;
                  quality = accuracy on the queries.
  kmeans          KMeans(n_clusters=10, n_init=1, init='k-means++', algorithm='lloyd', random_state=0): fit;
                  quality = the sum of squared distances of every row to its centre, in float64.
  pca             PCA(n_components=10, svd_solver='full'): fit; then numpy.linalg.svd of the centred data
                  (float64, full_matrices=False), timed separately; quality = the summed explained variance
                  ratio of the 10 components, for both.
"""
import json
import sys
import time
import warnings

import numpy as np
import sklearn
from sklearn.cluster import KMeans
from sklearn.decomposition import PCA
from sklearn.linear_model import LogisticRegression, SGDClassifier
from sklearn.neighbors import KNeighborsClassifier
from sklearn.preprocessing import StandardScaler
from threadpoolctl import threadpool_limits

warnings.filterwarnings("ignore")
threads = int(sys.argv[1]) if len(sys.argv) > 1 else 1
threadpool_limits(limits=threads)
cache = {}


def load(path, shape):
    key = (path, shape)
    if key not in cache:
        if len(cache) > 8:
            cache.clear()
        cache[key] = np.fromfile(path, dtype="<f4").reshape(shape)
    return cache[key]


def ssd(x, centres, labels):
    d = x.astype(np.float64) - centres.astype(np.float64)[labels]
    return float(np.einsum("ij,ij->", d, d))


def run(req):
    case, f, n, d = req["case"], req["files"], req["rows"], req["cols"]
    x = load(f["x"], (n, d))
    if case == "linear-learner":
        y = load(f["y"], (n,)).astype(np.int64)
        if req.get("variant") == "lbfgs":
            t0 = time.perf_counter()
            xs = StandardScaler().fit_transform(x)
            clf = LogisticRegression(solver="lbfgs", max_iter=1000).fit(xs, y)
            return {"seconds": time.perf_counter() - t0, "rounds": int(clf.n_iter_[0]), "quality": {"accuracy": float(clf.score(xs, y))}}
        t0 = time.perf_counter()
        xs = StandardScaler().fit_transform(x)
        clf = SGDClassifier(loss="log_loss", max_iter=req["epochs"], tol=None, random_state=0).fit(xs, y)
        seconds = time.perf_counter() - t0
        return {"seconds": seconds, "perEpoch": seconds / clf.n_iter_, "rounds": int(clf.n_iter_), "quality": {"accuracy": float(clf.score(xs, y))}}
    if case == "knn":
        y = load(f["y"], (n,)).astype(np.int64)
        q = load(f["q"], (req["queries"], d))
        qy = load(f["qy"], (req["queries"],)).astype(np.int64)
        t0 = time.perf_counter()
        predicted = KNeighborsClassifier(n_neighbors=10, algorithm="brute").fit(x, y).predict(q)
        return {"seconds": time.perf_counter() - t0, "rounds": 1, "quality": {"accuracy": float(np.mean(predicted == qy))}}
    if case == "kmeans":
        t0 = time.perf_counter()
        km = KMeans(n_clusters=10, n_init=1, init="k-means++", algorithm="lloyd", random_state=0).fit(x)
        seconds = time.perf_counter() - t0
        return {"seconds": seconds, "rounds": int(km.n_iter_), "quality": {"ssd": ssd(x, km.cluster_centers_, km.labels_)}}
    if case == "pca":
        t0 = time.perf_counter()
        pca = PCA(n_components=10, svd_solver="full").fit(x)
        seconds = time.perf_counter() - t0
        t1 = time.perf_counter()
        xc = x.astype(np.float64)
        xc -= xc.mean(axis=0)
        s = np.linalg.svd(xc, full_matrices=False)[1]
        svd_seconds = time.perf_counter() - t1
        var = s * s
        return {"seconds": seconds, "rounds": 1, "quality": {"explained_variance": float(pca.explained_variance_ratio_.sum())},
                "numpy": {"seconds": svd_seconds, "quality": {"explained_variance": float(var[:10].sum() / var.sum())}}}
    raise ValueError(f"unknown case {case!r}")


print(json.dumps({"sklearn": sklearn.__version__, "numpy": np.__version__, "python": sys.version.split()[0], "threads": threads}), flush=True)
for line in sys.stdin:
    if not line.strip():
        continue
    try:
        print(json.dumps(run(json.loads(line))), flush=True)
    except Exception as e:  # the driver prints the error and goes on without this anchor
        print(json.dumps({"error": f"{type(e).__name__}: {e}"}), flush=True)
