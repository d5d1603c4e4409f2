#!/usr/bin/env python3
"""Reference numbers for mlpad's factorization-machines tests. Reads one JSON request on stdin, prints JSON.

mode "logistic": scikit-learn's LogisticRegression on the one-hot (user, item) features of the training rows,
  scored on the test rows; also scores the given FM probabilities with sklearn's roc_auc_score.
  request: {nUsers, nItems, trainUsers, trainItems, trainY, testUsers, testItems, testY, fmProbabilities}
  reply: {lr_auc, fm_auc}

mode "fm_steps": a float64 numpy factorization machine trained with full-batch steps of MXNet-style lazy
  Adam (per-group lr and wd, g = rescale * sum of row gradients + wd * theta, clipped; bias correction
  folded into the lr; only features present in the batch update), from constant start values.
  request: {X (rows of numbers), y, weights|null, k, binary, steps, lr: {bias, linear, factors},
            wd: {...}, init: {bias, linear, factors}, clip|null, eps, rescale|null}
  reply: {bias, linear, factors (n*k row-major)}
"""
import json
import sys

import numpy as np


def logistic(req):
    from scipy.sparse import csr_matrix
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import roc_auc_score

    n_users, n_items = req["nUsers"], req["nItems"]

    def one_hot(users, items):
        rows = np.repeat(np.arange(len(users)), 2)
        cols = np.stack([np.asarray(users), n_users + np.asarray(items)], axis=1).ravel()
        return csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(users), n_users + n_items))

    model = LogisticRegression(C=1.0, max_iter=1000)
    model.fit(one_hot(req["trainUsers"], req["trainItems"]), req["trainY"])
    p = model.predict_proba(one_hot(req["testUsers"], req["testItems"]))[:, 1]
    return {
        "lr_auc": float(roc_auc_score(req["testY"], p)),
        "fm_auc": float(roc_auc_score(req["testY"], req["fmProbabilities"])),
    }


def fm_steps(req):
    X = np.asarray(req["X"], dtype=np.float64)
    y = np.asarray(req["y"], dtype=np.float64)
    n_rows, n = X.shape
    w_row = np.ones(n_rows) if req.get("weights") is None else np.asarray(req["weights"], dtype=np.float64)
    k = req["k"]
    lr, wd, init = req["lr"], req["wd"], req["init"]
    clip, eps, rescale = req.get("clip"), req["eps"], req.get("rescale")
    b1, b2 = 0.9, 0.999

    w0 = float(init["bias"])
    w = np.full(n, init["linear"], dtype=np.float64)
    V = np.full((n, k), init["factors"], dtype=np.float64)
    state = {name: [np.zeros_like(p), np.zeros_like(p)] for name, p in (("w0", np.zeros(1)), ("w", w), ("V", V))}
    present = (X != 0).any(axis=0)  # full batch: the features the batch touches

    def adam(name, param, grad, t, group, rows=None):
        g = grad + wd[group] * param
        if clip is not None:
            g = np.clip(g, -clip, clip)
        m, v = state[name]
        step_lr = lr[group] * np.sqrt(1 - b2 ** t) / (1 - b1 ** t)
        if rows is None:
            m[:] = b1 * m + (1 - b1) * g
            v[:] = b2 * v + (1 - b2) * g * g
            return param - step_lr * m / (np.sqrt(v) + eps)
        out = param.copy()
        m[rows] = b1 * m[rows] + (1 - b1) * g[rows]
        v[rows] = b2 * v[rows] + (1 - b2) * g[rows] ** 2
        out[rows] = param[rows] - step_lr * m[rows] / (np.sqrt(v[rows]) + eps)
        return out

    for t in range(1, req["steps"] + 1):
        s = X @ V
        z = w0 + X @ w + 0.5 * ((s ** 2) - (X ** 2) @ (V ** 2)).sum(axis=1)
        out = 1 / (1 + np.exp(-z)) if req["binary"] else z
        scale = (1 / w_row.sum() if rescale is None else rescale) * w_row
        g = (out - y) * scale
        grad_w0 = np.array([g.sum()])
        grad_w = X.T @ g
        grad_V = X.T @ (g[:, None] * s) - ((X ** 2).T @ g)[:, None] * V
        w0 = float(adam("w0", np.array([w0]), grad_w0, t, "bias")[0])
        w = adam("w", w, grad_w, t, "linear", present)
        V = adam("V", V, grad_V, t, "factors", present)
    return {"bias": w0, "linear": w.tolist(), "factors": V.ravel().tolist()}


def main():
    req = json.load(sys.stdin)
    mode = req["mode"]
    if mode == "logistic":
        out = logistic(req)
    elif mode == "fm_steps":
        out = fm_steps(req)
    else:
        raise SystemExit(f"unknown mode {mode!r}")
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main()
