// The candidate notebook's model code in Python, per algorithm: the model file's own parameters applied
// with numpy or native XGBoost (the same model, so the leaderboard's objective to float rounding), and the
// model retrained from the same rows and hyperparameters (native XGBoost 1.7 hist at nthread 1: the same
// trees as mlpad's when no rows or columns are sampled; scikit-learn equivalents for the others, which are
// approximations: other optimizers and initialisations, no dropout). Every result is printed as one line
// `MLPAD_RESULT {json}` so a test or a script can read it from the executed notebook.

/** Python defining report(), outputs_from(), xgb_params(), xgb_outputs() and the model-file readers. */
export function modelHelpersCode(): string {
  return `
import json
import xgboost as xgb


def report(path, candidate, value, **extra):
    """Prints one result line: MLPAD_RESULT {"path": ..., "candidate": ..., "objective": ..., "value": ...}."""
    print("MLPAD_RESULT " + json.dumps({"path": path, "candidate": candidate, "objective": OBJECTIVE, "value": float(value), **extra}))


def outputs_from(p, task, threshold=None):
    """objective_score's keyword arguments from model outputs: probabilities (binary: of the positive class) or scores."""
    if task == "regression":
        return {"score": np.asarray(p, dtype=np.float64)}
    p = np.asarray(p, dtype=np.float32)
    if p.ndim == 1:
        predicted = (p >= threshold) if threshold is not None else (p > 0.5)
        return {"proba": np.column_stack([1 - p.astype(np.float64), p.astype(np.float64)]), "predicted": predicted.astype(int)}
    return {"proba": p.astype(np.float64), "predicted": p.argmax(axis=1)}


XGB_INTS = {"max_depth", "max_bin", "max_leaves", "seed", "num_class"}
XGB_SKIP = {"num_round", "eval_metric", "tree_method", "nthread", "early_stopping_rounds", "verbosity", "booster"}


def xgb_params(hp):
    """mlpad's XGBoost hyperparameters as native xgboost.train params: hist, one thread (mlpad's trees)."""
    params = {}
    for k, v in hp.items():
        if k in XGB_SKIP or v == "" or (k == "num_class" and int(v) < 2):
            continue
        params[k] = v if k in ("objective", "grow_policy") else int(v) if k in XGB_INTS else float(v)
    if hp.get("early_stopping_rounds") and hp.get("eval_metric"):
        params["eval_metric"] = hp["eval_metric"].split(",")
    params.update(tree_method="hist", nthread=1)
    return params


def xgb_train(hp, X, y, names, X_valid=None, y_valid=None):
    dtrain = xgb.DMatrix(X, label=y, missing=np.nan, feature_names=names)
    kw = {}
    if hp.get("early_stopping_rounds") and X_valid is not None and len(X_valid) > 0:
        kw = {"evals": [(xgb.DMatrix(X_valid, label=y_valid, missing=np.nan, feature_names=names), "validation")],
              "early_stopping_rounds": int(hp["early_stopping_rounds"]), "verbose_eval": False}
    return xgb.train(xgb_params(hp), dtrain, num_boost_round=int(hp["num_round"]), **kw)


def xgb_outputs(booster, X, names, task):
    best = booster.attr("best_iteration")
    rounds = (0, int(best) + 1) if best is not None else (0, 0)
    p = booster.predict(xgb.DMatrix(X, missing=np.nan, feature_names=names), iteration_range=rounds)
    return outputs_from(p, task)


def mlp_file_outputs(body, X, task):
    """mlpad's mlp forward pass from its model file (float64 arithmetic on the float32 weights)."""
    x = X.astype(np.float64)
    if body["feature_mean"] is not None:
        x = ((x - np.float32(body["feature_mean"])) / np.float32(body["feature_scale"])).astype(np.float32).astype(np.float64)
    act = {"relu": lambda z: np.maximum(z, 0), "tanh": np.tanh, "logistic": lambda z: 1 / (1 + np.exp(-z)), "identity": lambda z: z}[body["activation"]]
    layers = body["layers"]
    for i, l in enumerate(layers):
        w = np.float32(l["weights"]).astype(np.float64).reshape(l["n_in"], l["n_out"])
        z = x @ w
        bn = l.get("batch_norm")
        if bn is None:
            z = z + np.float32(l["bias"])
        if i == len(layers) - 1:
            x = z
            break
        if bn is not None:
            z = (z - np.float32(bn["moving_mean"])) / np.sqrt(np.float32(bn["moving_variance"]) + 1e-5) * np.float32(bn["gamma"]) + np.float32(bn["beta"])
        x = act(z)
    kind = body["predictor_type"]
    if kind == "regressor":
        return outputs_from(x[:, 0].astype(np.float32) * body["label_scale"] + body["label_mean"], task)
    if kind == "binary_classifier":
        return outputs_from((1 / (1 + np.exp(-x[:, 0]))).astype(np.float32), task)
    e = np.exp(x - x.max(axis=1, keepdims=True))
    return outputs_from((e / e.sum(axis=1, keepdims=True)).astype(np.float32), task)


def linear_file_outputs(body, X, task):
    """mlpad's linear-learner scores from its model file: scaled rows, weights, bias, the kept threshold."""
    x = ((X.astype(np.float64) - np.float32(body["feature_shift"])) / np.float32(body["feature_scale"])).astype(np.float32).astype(np.float64)
    z = (x @ np.float32(body["weights"]).astype(np.float64).reshape(body["n_cols"], body["outputs"]) + np.float32(body["bias"])).astype(np.float32)
    kind = body["predictor_type"]
    if kind == "regressor":
        return outputs_from(z[:, 0] * body["label_scale"] + body["label_shift"], task)
    if kind == "binary_classifier":
        return outputs_from((1 / (1 + np.exp(-z[:, 0].astype(np.float64)))).astype(np.float32), task, threshold=np.float32(body["threshold"]))
    e = np.exp(z.astype(np.float64) - z.max(axis=1, keepdims=True))
    return outputs_from((e / e.sum(axis=1, keepdims=True)).astype(np.float32), task)
`;
}

/** Python that loads the model file of candidate `name` (algorithm `algorithm`) and reports its test objective. */
export function modelFileCode(algorithm: string, name: string): string | undefined {
  const line = (expr: string) => `out = ${expr}\nvalue = objective_score(OBJECTIVE, y_test, **out)\nreport("model-file", ${JSON.stringify(name)}, value)\nprint(f"{OBJECTIVE} on the test split, mlpad's model file: {value:.6f}")`;
  if (algorithm === 'xgboost') return `booster_file = xgb.Booster(model_file=MODEL_FILE)\n${line('xgb_outputs(booster_file, X_test, ENC["featureNames"], TASK)')}`;
  if (algorithm === 'mlp') return `with open(MODEL_FILE) as f:\n    body = json.load(f)["model"]\n${line('mlp_file_outputs(body, X_test, TASK)')}`;
  if (algorithm === 'linear-learner') return `with open(MODEL_FILE) as f:\n    body = json.load(f)["model"]\n${line('linear_file_outputs(body, X_test, TASK)')}`;
  return undefined;
}

/** Python that retrains the candidate with `algorithm` from HP on X_train and reports its test objective. */
export function retrainCode(algorithm: string, name: string): string {
  const tail = `value = objective_score(OBJECTIVE, y_test, **out)\nreport("retrained", ${JSON.stringify(name)}, value)\nprint(f"{OBJECTIVE} on the test split, retrained in Python: {value:.6f}")`;
  switch (algorithm) {
    case 'xgboost':
      return `booster = xgb_train(HP, X_train, y_train, ENC["featureNames"], X_valid, y_valid)\nout = xgb_outputs(booster, X_test, ENC["featureNames"], TASK)\n${tail}`;
    case 'mlp':
      return 'from sklearn.neural_network import MLPClassifier, MLPRegressor\n'
        + 'kw = dict(hidden_layer_sizes=(int(HP["hidden_units"]),) * int(HP["hidden_layers"]), activation=HP.get("activation", "relu"),\n'
        + '          alpha=float(HP.get("wd", 0)), learning_rate_init=float(HP["learning_rate"]), batch_size=min(int(HP.get("mini_batch_size", 200)), len(X_train)),\n'
        + '          max_iter=int(HP.get("epochs", 100)), n_iter_no_change=int(HP.get("early_stopping_patience", 10)), tol=float(HP.get("early_stopping_tolerance", 1e-4)), random_state=int(HP.get("seed", 0)))\n'
        + 'scaler = StandardScaler().fit(X_train)\n'
        + 'if TASK == "regression":\n    mu, sd = y_train.mean(), y_train.std() or 1.0\n    model = MLPRegressor(**kw).fit(scaler.transform(X_train), (y_train - mu) / sd)\n    out = outputs_from(model.predict(scaler.transform(X_test)) * sd + mu, TASK)\n'
        + 'else:\n    model = MLPClassifier(**kw).fit(scaler.transform(X_train), y_train.astype(int))\n    p = model.predict_proba(scaler.transform(X_test))\n    out = outputs_from(p[:, 1] if p.shape[1] == 2 else p, TASK)\n'
        + tail;
    case 'linear-learner':
      return 'from sklearn.linear_model import LogisticRegression, Ridge\n'
        + 'wd = float(HP.get("wd", 0)) or 1e-8\nscaler = StandardScaler().fit(X_train)\n'
        + 'if TASK == "regression":\n    model = Ridge(alpha=2 * wd * len(X_train)).fit(scaler.transform(X_train), y_train)\n    out = outputs_from(model.predict(scaler.transform(X_test)), TASK)\n'
        + 'else:\n    model = LogisticRegression(C=1 / (2 * wd * len(X_train)), max_iter=5000).fit(scaler.transform(X_train), y_train.astype(int))\n'
        + '    p = model.predict_proba(scaler.transform(X_test))\n    out = outputs_from(p[:, 1] if p.shape[1] == 2 else p, TASK)\n'
        + tail;
    case 'knn':
      return 'from sklearn.neighbors import KNeighborsClassifier, KNeighborsRegressor\n'
        + 'k = min(int(HP["k"]), len(X_train))\n'
        + 'if TASK == "regression":\n    out = outputs_from(KNeighborsRegressor(n_neighbors=k).fit(X_train, y_train).predict(X_test), TASK)\n'
        + 'else:\n    p = KNeighborsClassifier(n_neighbors=k).fit(X_train, y_train.astype(int)).predict_proba(X_test)\n    out = outputs_from(p[:, 1] if p.shape[1] == 2 else p, TASK)\n'
        + tail;
    default:
      throw new RangeError(`the candidate notebook cannot retrain algorithm ${JSON.stringify(algorithm)}; it reproduces xgboost, mlp, linear-learner and knn`);
  }
}
