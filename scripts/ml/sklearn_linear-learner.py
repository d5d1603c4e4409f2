#!/usr/bin/python3
"""scikit-learn reference for mlpad's linear-learner tests.

Reads one JSON request on stdin, writes one JSON answer on stdout (Debian's python3-sklearn):

  {"name": "breast_cancer"|"wine"|"digits"|"diabetes", "rows": N (optional, a stratified subset first)}
      -> {"X_train", "y_train", "X_test", "y_test",
          "reference": {"accuracy", "auc" (binary) | "rmse" (regression)}}

The split is scikit-learn's train_test_split(test_size=0.25, random_state=0), stratified for classes.
The reference model is StandardScaler + LogisticRegression (C=1, lbfgs, max_iter=5000) for classes and
StandardScaler + Ridge (alpha=1) for diabetes.
"""
import json
import sys

import numpy as np
from sklearn import datasets
from sklearn.linear_model import LogisticRegression, Ridge
from sklearn.metrics import accuracy_score, mean_squared_error, roc_auc_score
from sklearn.model_selection import train_test_split
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

LOADERS = {
    "breast_cancer": datasets.load_breast_cancer,
    "wine": datasets.load_wine,
    "digits": datasets.load_digits,
    "diabetes": datasets.load_diabetes,
}


def main():
    req = json.load(sys.stdin)
    name = req["name"]
    X, y = LOADERS[name](return_X_y=True)
    regression = name == "diabetes"
    if req.get("rows") and req["rows"] < len(y):
        X, _, y, _ = train_test_split(X, y, train_size=req["rows"], random_state=0, stratify=None if regression else y)
    X_train, X_test, y_train, y_test = train_test_split(
        X, y, test_size=0.25, random_state=0, stratify=None if regression else y)
    ref = {}
    if regression:
        model = make_pipeline(StandardScaler(), Ridge(alpha=1.0)).fit(X_train, y_train)
        ref["rmse"] = float(np.sqrt(mean_squared_error(y_test, model.predict(X_test))))
    else:
        model = make_pipeline(StandardScaler(), LogisticRegression(C=1.0, max_iter=5000)).fit(X_train, y_train)
        ref["accuracy"] = float(accuracy_score(y_test, model.predict(X_test)))
        if len(np.unique(y)) == 2:
            ref["auc"] = float(roc_auc_score(y_test, model.predict_proba(X_test)[:, 1]))
    json.dump({
        "X_train": X_train.tolist(), "y_train": y_train.tolist(),
        "X_test": X_test.tolist(), "y_test": y_test.tolist(),
        "reference": ref,
    }, sys.stdout)


if __name__ == "__main__":
    main()
