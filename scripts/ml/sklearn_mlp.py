"""Reference numbers for mlpad's mlp: scikit-learn's MLPClassifier / MLPRegressor on a bundled dataset.

Reads a JSON request on stdin:
  {"dataset": "digits" | "diabetes" | "breast_cancer", "test_size": 0.25, "random_state": 0,
   "stratify": true, "max_train": null, "scale": false, "sklearn": {"max_iter": 200, ...} | null}
and prints JSON: the split (X_train, y_train, X_test, y_test as lists) and, unless "sklearn" is null,
scikit-learn's test accuracy (classification) or RMSE (regression), n_iter_, and the mean predictor's RMSE.
The estimator runs with its defaults (random_state 0) plus the keys of "sklearn". With "scale" false it sees
the raw features (scikit-learn's MLP leaves scaling to the user); with "scale" true it fits on features
standardised with the training mean and standard deviation (and, for regression, a standardised target,
predictions mapped back), which is what mlpad's normalize_data / normalize_label do. The returned split is
always unscaled.
"""
import json
import sys
import warnings

import numpy as np
from sklearn.datasets import load_breast_cancer, load_diabetes, load_digits
from sklearn.exceptions import ConvergenceWarning
from sklearn.model_selection import train_test_split
from sklearn.neural_network import MLPClassifier, MLPRegressor
from sklearn.preprocessing import StandardScaler


def main():
    req = json.load(sys.stdin)
    name = req.get("dataset", "digits")
    loader = {"digits": load_digits, "diabetes": load_diabetes, "breast_cancer": load_breast_cancer}[name]
    X, y = loader(return_X_y=True)
    regression = name == "diabetes"
    strat = y if req.get("stratify", not regression) else None
    X_tr, X_te, y_tr, y_te = train_test_split(
        X, y, test_size=req.get("test_size", 0.25), random_state=req.get("random_state", 0), stratify=strat)
    if req.get("max_train"):
        X_tr, y_tr = X_tr[: req["max_train"]], y_tr[: req["max_train"]]
    out = {"X_train": X_tr.tolist(), "y_train": y_tr.tolist(), "X_test": X_te.tolist(), "y_test": y_te.tolist()}
    out["mean_rmse"] = float(np.sqrt(np.mean((y_te - y_tr.mean()) ** 2)))
    kwargs = req.get("sklearn")
    if kwargs is not None:
        kwargs = {"random_state": 0, **kwargs}
        fit_X, test_X, fit_y, mu, sd = X_tr, X_te, y_tr, 0.0, 1.0
        if req.get("scale", False):
            scaler = StandardScaler().fit(X_tr)
            fit_X, test_X = scaler.transform(X_tr), scaler.transform(X_te)
            if regression:
                mu, sd = float(y_tr.mean()), float(y_tr.std())
                fit_y = (y_tr - mu) / sd
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ConvergenceWarning)
            model = (MLPRegressor if regression else MLPClassifier)(**kwargs).fit(fit_X, fit_y)
        pred = model.predict(test_X) * sd + mu if regression else model.predict(test_X)
        out["n_iter"] = int(model.n_iter_)
        if regression:
            out["rmse"] = float(np.sqrt(np.mean((y_te - pred) ** 2)))
        else:
            out["accuracy"] = float(np.mean(pred == y_te))
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main()
