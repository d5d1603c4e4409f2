# Native anchors for `npm run bench:autopilot`: writes a dataset's train and test CSVs (the same held-out
# split mlpad is given) and prints, as JSON, the test objective of (a) native XGBoost with default
# hyperparameters and (b) a standardized scikit-learn logistic / ridge regression.
# Usage: /usr/bin/python3 autopilot_anchor.py NAME OUT_DIR [VEGA_CARS_JSON]
import json, sys
import numpy as np
import pandas as pd
from sklearn import datasets
from sklearn.linear_model import LogisticRegression, Ridge
from sklearn.metrics import accuracy_score, f1_score, mean_squared_error
from sklearn.model_selection import train_test_split
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
import xgboost as xgb

name, out = sys.argv[1], sys.argv[2]
if name == 'cars':
    df = pd.read_json(sys.argv[3]).drop(columns=['Name', 'Year']).dropna(subset=['Miles_per_Gallon'])
    target, task = 'Miles_per_Gallon', 'regression'
else:
    loader = {'breast_cancer': datasets.load_breast_cancer, 'wine': datasets.load_wine, 'diabetes': datasets.load_diabetes}[name]
    d = loader(as_frame=True)
    df = d.frame.rename(columns={'target': 'y'})
    target = 'y'
    task = 'regression' if name == 'diabetes' else ('binary' if name == 'breast_cancer' else 'multiclass')
strat = df[target] if task != 'regression' else None
train, test = train_test_split(df, test_size=0.2, random_state=0, stratify=strat)
train.to_csv(f'{out}/{name}-train.csv', index=False)
test.to_csv(f'{out}/{name}-test.csv', index=False)

X, Xt = pd.get_dummies(train.drop(columns=[target])), pd.get_dummies(test.drop(columns=[target]))
Xt = Xt.reindex(columns=X.columns, fill_value=0)
y, yt = train[target].values, test[target].values
fill = X.mean()
Xf, Xtf = X.fillna(fill).astype(float), Xt.fillna(fill).astype(float)
if task == 'regression':
    xg = xgb.XGBRegressor().fit(X.astype(float), y).predict(Xt.astype(float))
    lin = make_pipeline(StandardScaler(), Ridge()).fit(Xf, y).predict(Xtf)
    score = lambda p: float(mean_squared_error(yt, p))
    objective = 'MSE'
else:
    xg = xgb.XGBClassifier().fit(X.astype(float), y).predict(Xt.astype(float))
    lin = make_pipeline(StandardScaler(), LogisticRegression(max_iter=5000)).fit(Xf, y).predict(Xtf)
    score = (lambda p: float(f1_score(yt, p))) if task == 'binary' else (lambda p: float(accuracy_score(yt, p)))
    objective = 'F1' if task == 'binary' else 'Accuracy'
print(json.dumps({'name': name, 'target': target, 'task': task, 'objective': objective, 'rows': [len(train), len(test)],
                  'xgboost_defaults': score(xg), 'linear_standardized': score(lin)}))
