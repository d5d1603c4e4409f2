// mlpad's feature encodings (src/lib/ml/prepare) restated in Python for the candidate notebook: the fitted
// encoding is read from the exported JSON, never refitted, so every category list, target-encoding table,
// scaling and imputation mean is the model's own. Training rows of target-encoded columns get their
// out-of-fold values from the fold of each row that mlpad used (written into the split file), with the
// sums taken in row order as mlpad takes them; n-grams hash with the same 32-bit FNV-1a over UTF-8.

/** Python defining encode(frame, encoding, …), labels_of(frame, encoding) and the helpers they use. */
export function encodingCode(): string {
  return `
import unicodedata

TRUE_WORDS = {"true", "t", "yes", "y", "1"}
FALSE_WORDS = {"false", "f", "no", "n", "0"}


def texts(column):
    return [js_text(v) for v in column]


def numbers(column):
    """A numeric column as float64 (NaN = missing or not a number)."""
    return pd.to_numeric(pd.Series([js_text(v) for v in column], dtype=object), errors="coerce").to_numpy(dtype=np.float64)


def booleans(column):
    out = np.full(len(column), np.nan)
    for i, t in enumerate(texts(column)):
        if t is None:
            continue
        w = t.strip().lower()
        if w in TRUE_WORDS:
            out[i] = 1.0
        elif w in FALSE_WORDS:
            out[i] = 0.0
        else:
            try:
                out[i] = 1.0 if float(w) != 0 else 0.0
            except ValueError:
                pass
    return out


def epoch_ms(column):
    """Milliseconds since 1970-01-01 UTC (naive times read as UTC), NaN when missing or unreadable."""
    t = pd.to_datetime(pd.Series(texts(column), dtype=object), utc=True, errors="coerce")
    ms = t.astype("int64").to_numpy(dtype=np.float64) / 1e6
    ms[t.isna().to_numpy()] = np.nan
    return ms


def date_part(ms, part):
    t = pd.to_datetime(pd.Series(ms), unit="ms", utc=True)
    values = {"year": t.dt.year, "month": t.dt.month, "day": t.dt.day, "weekday": (t.dt.weekday + 1) % 7, "hour": t.dt.hour}[part]
    return values.to_numpy(dtype=np.float64, na_value=np.nan)


def fnv1a(text):
    """32-bit FNV-1a of the UTF-8 bytes of text, as mlpad's hashed n-grams."""
    h = 0x811C9DC5
    for b in text.encode("utf-8"):
        h = ((h ^ b) * 0x01000193) & 0xFFFFFFFF
    return h


def words(text):
    """Lower-cased runs of letters and digits (Unicode categories L* and N*), as mlpad splits text."""
    out, word = [], []
    for ch in text.lower():
        if unicodedata.category(ch)[0] in "LN":
            word.append(ch)
        elif word:
            out.append("".join(word))
            word = []
    if word:
        out.append("".join(word))
    return out


def ngram_vector(text, buckets, tf):
    v = np.zeros(buckets)
    if text is None:
        return v
    w = words(text)
    grams = w + [w[i] + " " + w[i + 1] for i in range(len(w) - 1)]
    for g in grams:
        v[fnv1a(g) % buckets] += 1
    if tf and grams:
        v /= len(grams)
    return v


def encode_column(column, c):
    """The float32 features one column's encoding makes (a list of arrays)."""
    kind = c["kind"]
    if kind == "numeric":
        return [numbers(column)]
    if kind == "scaled":
        return [(numbers(column) - c["mean"]) / c["std"]]
    if kind == "boolean":
        return [booleans(column)]
    if kind == "datetime":
        return [epoch_ms(column) / 1000]
    if kind == "date-parts":
        ms = epoch_ms(column)
        return [date_part(ms, p) for p in c["parts"]]
    t = texts(column)
    if kind == "one-hot":
        index = {v: k for k, v in enumerate(c["categories"])}
        out = np.zeros((len(t), len(c["categories"])))
        for i, v in enumerate(t):
            if v is None:
                if not c.get("missingAsZero"):
                    out[i, :] = np.nan
            elif v in index:
                out[i, index[v]] = 1.0
        return list(out.T)
    if kind == "ordinal":
        index = {v: k for k, v in enumerate(c["categories"])}
        return [np.array([np.nan if v is None else index.get(v, np.nan) for v in t], dtype=np.float64)]
    if kind == "target-encoding":
        outputs = len(c["classes"]) if c.get("classes") else 1
        values = np.asarray(c["values"], dtype=np.float64).reshape(-1, outputs)
        index = {v: k for k, v in enumerate(c["categories"])}
        codes = np.array([-1 if v is None else index.get(v, -1) for v in t])
        out = np.where(codes[:, None] >= 0, values[np.maximum(codes, 0)], np.asarray(c["prior"], dtype=np.float64))
        return list(out.T)
    if kind == "hashed-ngrams":
        return list(np.array([ngram_vector(v, c["buckets"], c["tf"]) for v in t]).reshape(len(t), c["buckets"]).T)
    raise ValueError(f"unknown encoding kind {kind!r}")


def labels_of(frame, encoding):
    """Class indices (classification, NaN for an unknown class) or target values, as float32 like mlpad's."""
    column = frame[encoding["target"]]
    if encoding["task"] == "regression":
        return numbers(column).astype(np.float32)
    index = {v: k for k, v in enumerate(encoding["classes"])}
    return np.array([np.nan if v is None else index.get(v, np.nan) for v in texts(column)], dtype=np.float32)


def out_of_fold_target(X, frame, y, encoding, folds):
    """Training rows' target-encoded features from the other folds' rows only (mlpad's outOfFoldTarget)."""
    offset = 0
    for c in encoding["columns"]:
        width = encode_width(c)
        if c["kind"] == "target-encoding" and len(y) >= 2:
            outputs = width
            index = {v: k for k, v in enumerate(c["categories"])}
            codes = np.array([-1 if v is None else index.get(v, -1) for v in texts(frame[c["name"]])])
            yy = y.astype(np.float64)
            Y = np.eye(outputs)[yy.astype(int)] if encoding["task"] == "multiclass" else yy[:, None]
            m = c["smoothing"]
            for f in np.unique(folds):
                held, rest = folds == f, folds != f
                prior = np.cumsum(Y[rest], axis=0)[-1] / rest.sum()
                sums = np.zeros((len(c["categories"]), outputs))
                counts = np.zeros(len(c["categories"]))
                rc, ry = codes[rest], Y[rest]
                seen = rc >= 0
                np.add.at(sums, rc[seen], ry[seen])
                np.add.at(counts, rc[seen], 1)
                values = (sums + m * prior) / (counts[:, None] + m)
                hc = codes[held]
                X[held, offset:offset + outputs] = np.where(hc[:, None] >= 0, values[np.maximum(hc, 0)], prior).astype(np.float32)
        offset += width
    return X


def encode_width(c):
    kind = c["kind"]
    if kind == "one-hot":
        return len(c["categories"])
    if kind == "target-encoding":
        return len(c["classes"]) if c.get("classes") else 1
    if kind == "date-parts":
        return len(c["parts"])
    if kind == "hashed-ngrams":
        return c["buckets"]
    return 1


def encode(frame, encoding, folds=None):
    """The float32 feature matrix of frame: the encoding's columns, then (with folds: training rows) out-of-fold target values, then imputation."""
    features = []
    for c in encoding["columns"]:
        features.extend(encode_column(frame[c["name"]].tolist(), c))
    X = np.column_stack([np.asarray(f, dtype=np.float64).astype(np.float32) for f in features]) if features else np.zeros((len(frame), 0), np.float32)
    if folds is not None:
        X = out_of_fold_target(X, frame, labels_of(frame, encoding), encoding, folds)
    if encoding.get("impute") is not None:
        means = np.asarray(encoding["impute"], dtype=np.float32)
        missing = np.isnan(X)
        X[missing] = np.broadcast_to(means, X.shape)[missing]
    return X
`;
}

/** Python defining objective_score(name, y, proba=None, predicted=None, score=None), as mlpad's objectiveScore. */
export function objectiveCode(): string {
  return `
from sklearn.metrics import roc_auc_score


def objective_score(name, y, proba=None, predicted=None, score=None):
    """mlpad's Autopilot objective: y holds class indices (proba: rows x classes) or values (score)."""
    y = np.asarray(y)
    if score is not None:
        s, t = np.asarray(score, dtype=np.float64), y.astype(np.float64)
        se = float(np.sum((s - t) ** 2))
        return {"MSE": se / len(t), "RMSE": np.sqrt(se / len(t)), "MAE": float(np.mean(np.abs(s - t))),
                "R2": 1 - se / float(np.sum((t - t.mean()) ** 2))}[name]
    k = proba.shape[1]
    yi = y.astype(int)
    m = np.zeros((k, k))
    np.add.at(m, (yi, predicted), 1)
    tp = np.diag(m)
    col, row = m.sum(0), m.sum(1)
    precision = np.divide(tp, col, out=np.zeros(k), where=col > 0)
    recall = np.divide(tp, row, out=np.zeros(k), where=row > 0)
    f1 = np.divide(2 * precision * recall, precision + recall, out=np.zeros(k), where=precision + recall > 0)
    if name == "Accuracy":
        return float(tp.sum() / len(yi))
    if name == "BalancedAccuracy":
        return float(recall.mean())
    if name in ("F1", "Precision", "Recall"):
        return float({"F1": f1, "Precision": precision, "Recall": recall}[name][1])
    if name in ("F1macro", "PrecisionMacro", "RecallMacro"):
        return float({"F1macro": f1, "PrecisionMacro": precision, "RecallMacro": recall}[name].mean())
    if name == "AUC":
        return float(roc_auc_score(yi, proba[:, 1])) if k == 2 else float(roc_auc_score(yi, proba, multi_class="ovr", average="weighted", labels=list(range(k))))
    if name == "LogLoss":
        return float(-np.mean(np.log(np.clip(proba[np.arange(len(yi)), yi], 1e-15, 1))))
    raise ValueError(f"unknown objective {name}")
`;
}
