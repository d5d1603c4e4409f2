#!/usr/bin/python3
"""Generate tests/fixtures/clarify/bias-*.json: small seeded datasets run through Amazon's smclarify.

Each fixture holds the inputs (columns, config) and what smclarify's bias_report writes for the pre-training
and post-training stages, in the analysis.json layout
  {label, label_value_or_threshold, facets: {FACET: [{value_or_threshold, metrics: [...]}]}}.

smclarify is read from SMCLARIFY_SRC (default /tmp/smclarify/src: the `src` folder of
github.com/aws/amazon-sagemaker-clarify). Run with Debian's python (numpy, pandas 1.5, scikit-learn):
  /usr/bin/python3 scripts/clarify/smclarify_fixtures.py
"""
import json
import logging
import math
import os
import sys
import types

SRC = os.environ.get("SMCLARIFY_SRC", "/tmp/smclarify/src")
if not os.path.isdir(os.path.join(SRC, "smclarify", "bias")):
    sys.exit(
        f"smclarify not found at {SRC!r} (SMCLARIFY_SRC). Clone https://github.com/aws/amazon-sagemaker-clarify "
        "and point SMCLARIFY_SRC at its src/ folder."
    )


class Seq:
    """The few pyfunctional `seq` operations smclarify.util uses (pdf, pdfs_aligned_nonzero)."""

    def __init__(self, items):
        self.items = list(items)

    def map(self, f):
        return Seq(f(x) for x in self.items)

    def flat_map(self, f):
        return Seq(y for x in self.items for y in f(x))

    def reduce_by_key(self, f):
        acc = {}
        for k, v in self.items:
            acc[k] = f(acc[k], v) if k in acc else v
        return Seq(acc.items())

    def sum(self):
        return sum(self.items)

    def sorted(self):
        return Seq(sorted(self.items))

    def distinct(self):
        seen = []
        for x in self.items:
            if x not in seen:
                seen.append(x)
        return Seq(seen)

    def zip(self, other):
        return Seq(zip(self.items, other))

    def dict(self):
        return dict(self.items)

    def list(self):
        return list(self.items)

    def __iter__(self):
        return iter(self.items)


# smclarify imports boto3/botocore only for dataset downloads; pyfunctional is replaced by Seq above.
sys.modules["functional"] = types.SimpleNamespace(seq=lambda xs: Seq(xs))
sys.modules["boto3"] = types.ModuleType("boto3")
sys.modules["botocore"] = types.ModuleType("botocore")
sys.path.insert(0, SRC)

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
from smclarify.bias import report  # noqa: E402

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "tests", "fixtures", "clarify")


def column_json(s: pd.Series):
    if s.dtype == object:
        return {"type": "text", "values": [None if v is None or (isinstance(v, float) and math.isnan(v)) else str(v) for v in s]}
    vals = [None if (isinstance(v, float) and math.isnan(v)) else (int(v) if s.dtype.kind == "i" else float(v)) for v in s]
    return {"type": "number", "dtype": str(s.dtype), "values": vals}


def run_case(name, df, label, label_values, facet, facet_values=None, group=None, predicted=None, features=()):
    """Runs both stages through smclarify and writes the fixture."""
    cols = {c: column_json(df[c]) for c in df.columns}
    group_series = df[group] if group else None

    def stage(stage_type, pred_col):
        # smclarify mutates the value lists (string thresholds become floats): give it copies.
        lv = list(label_values)
        fv = list(facet_values) if facet_values is not None else None
        frame = df[[facet, label] + ([pred_col] if pred_col else []) + list(features)]
        try:
            value_or_threshold = report.label_value_or_threshold(df[label], list(label_values))
            facets = report.bias_report(
                frame,
                report.FacetColumn(facet, fv),
                report.LabelColumn(label, df[label], lv),
                stage_type,
                report.LabelColumn(pred_col, df[pred_col], lv) if pred_col else None,
                group_variable=group_series,
            )
        except Exception as exc:  # a whole-report failure is part of the anchor too
            return {"error": f"{type(exc).__name__}: {exc}"}
        return {"label": label, "label_value_or_threshold": value_or_threshold, "facets": {facet: facets}}

    fixture = {
        "name": name,
        "generator": "scripts/clarify/smclarify_fixtures.py",
        "columns": cols,
        "config": {
            "label": label,
            "labelValuesOrThreshold": list(label_values),
            "facet": facet,
            **({"facetValuesOrThreshold": list(facet_values)} if facet_values is not None else {}),
            **({"group": group} if group else {}),
            **({"predictedLabel": predicted} if predicted else {}),
            "features": list(features),
        },
        "pre_training": stage(report.StageType.PRE_TRAINING, None),
        "post_training": stage(report.StageType.POST_TRAINING, predicted) if predicted else None,
    }
    path = os.path.join(OUT, f"bias-{name}.json")
    with open(path, "w") as f:
        json.dump(fixture, f, indent=None, separators=(",", ":"), allow_nan=False)
        f.write("\n")
    print(f"{path}: {os.path.getsize(path)} bytes")


def main():
    logging.disable(logging.CRITICAL)  # smclarify logs every failed metric with a traceback
    os.makedirs(OUT, exist_ok=True)
    rng = np.random.default_rng(20240601)

    # 1. Binary 0/1 label (int64, few uniques → categorical), text facet with a sensitive value, group, FT features.
    n = 400
    sex = rng.choice(["F", "M"], size=n, p=[0.35, 0.65])
    dept = rng.choice(["eng", "ops", "sales", "hr"], size=n)
    x1 = rng.normal(size=n).round(6)
    x2 = rng.normal(size=n).round(6)
    logit = 0.8 * x1 - 0.5 * x2 + np.where(sex == "F", -0.6, 0.3) + np.where(dept == "eng", 0.4, -0.2)
    y = (rng.random(n) < 1 / (1 + np.exp(-logit))).astype("int64")
    yhat = ((0.9 * x1 - 0.4 * x2 + np.where(sex == "F", -0.3, 0.2) + rng.normal(scale=0.7, size=n)) > 0).astype("int64")
    df = pd.DataFrame({"sex": sex.astype(object), "approved": y, "predicted": yhat, "x1": x1, "x2": x2, "dept": dept.astype(object)})
    run_case("binary", df, "approved", [1], "sex", ["F"], group="dept", predicted="predicted", features=["x1", "x2"])

    # 2. Multi-valued categorical label (text), positives [A, B]; 4-category facet, each category vs the rest.
    n = 500
    region = rng.choice(["north", "south", "east", "west"], size=n, p=[0.4, 0.3, 0.2, 0.1])
    seg = rng.choice(["s1", "s2", "s3"], size=n)
    x1 = rng.normal(size=n).round(6)
    x2 = rng.uniform(-2, 2, size=n).round(6)
    score = x1 + 0.3 * x2 + np.where(region == "west", -0.8, 0.0) + rng.normal(scale=0.8, size=n)
    grade = np.where(score > 0.9, "A", np.where(score > 0.0, "B", np.where(score > -0.8, "C", "D")))
    pscore = x1 + 0.3 * x2 + rng.normal(scale=0.6, size=n)
    pgrade = np.where(pscore > 0.9, "A", np.where(pscore > 0.0, "B", np.where(pscore > -0.8, "C", "D")))
    df = pd.DataFrame({"region": region.astype(object), "grade": grade.astype(object), "pred_grade": pgrade.astype(object),
                       "x1": x1, "x2": x2, "segment": seg.astype(object)})
    run_case("multiclass", df, "grade", ["A", "B"], "region", None, group="segment", predicted="pred_grade", features=["x1", "x2"])

    # 3. Numeric label with a threshold (float), numeric facet with a threshold (float age), missing values.
    n = 300
    age = rng.uniform(18, 80, size=n).round(2)
    age[rng.choice(n, 6, replace=False)] = np.nan
    x1 = rng.normal(size=n).round(6)
    income = (40 + 0.4 * np.nan_to_num(age, nan=40) + 12 * x1 + rng.normal(scale=8, size=n)).round(3)
    income[rng.choice(n, 4, replace=False)] = np.nan
    pred_income = (40 + 0.35 * np.nan_to_num(age, nan=45) + 11 * x1 + rng.normal(scale=6, size=n)).round(3)
    band = rng.choice(["b1", "b2", "b3"], size=n)
    df = pd.DataFrame({"age": age, "income": income, "pred_income": pred_income, "x1": x1, "band": band.astype(object)})
    run_case("threshold", df, "income", [60.0], "age", [40], group="band", predicted="pred_income", features=["x1"])

    # 4. Integer label with many values (int64, continuous by the 5% rule) and an integer threshold; integer facet
    #    with few values (categorical, each value vs the rest); no group variable (CDDL/CDDPL report the error).
    n = 250
    level = rng.choice([1, 2, 3], size=n).astype("int64")
    x1 = rng.normal(size=n).round(6)
    x2 = rng.normal(size=n).round(6)
    points = np.clip((50 + 15 * x1 - 5 * level + rng.normal(scale=10, size=n)).round(), 0, 120).astype("int64")
    pred_points = np.clip((50 + 14 * x1 - 3 * level + rng.normal(scale=8, size=n)).round(), 0, 120).astype("int64")
    df = pd.DataFrame({"level": level, "points": points, "pred_points": pred_points, "x1": x1, "x2": x2})
    run_case("integer", df, "points", [55], "level", None, predicted="pred_points", features=["x1", "x2"])

    # 5. Undefined metrics: zero denominators, empty facet sets, missing facet values ("nan" category), a
    #    category whose rows are all positive, predictions that give INFINITY and -INFINITY.
    rows = [
        # facet, label, pred, x1, grp
        ("a", "yes", "no", 0.10, "g1"), ("a", "yes", "no", 0.35, "g1"), ("a", "no", "no", 0.52, "g2"),
        ("a", "no", "no", 0.77, "g2"), ("a", "yes", "no", 0.91, "g1"), ("a", "no", "no", 1.13, "g2"),
        ("b", "yes", "yes", 1.41, "g1"), ("b", "no", "yes", 1.66, "g2"), ("b", "yes", "no", 1.87, "g1"),
        ("b", "no", "no", 2.05, "g2"), ("b", "yes", "yes", 2.33, "g1"), ("b", "no", "yes", 2.61, "g1"),
        ("c", "yes", "yes", 2.84, "g2"), ("c", "yes", "yes", 3.02, "g2"), ("c", "yes", "no", 3.29, "g1"),
        (None, "yes", "yes", 3.55, "g1"), (None, "no", "no", 3.71, "g2"),
    ]
    df = pd.DataFrame(rows, columns=["kind", "outcome", "pred_outcome", "x1", "grp"])
    df["kind"] = df["kind"].astype(object)
    run_case("undefined", df, "outcome", ["yes"], "kind", None, group="grp", predicted="pred_outcome", features=["x1"])
    # The same rows with the sensitive facet named: d = {c}; label values given as a number on a text column
    # would not match, so use the text value; facet value that is absent gives "Facet set is empty" errors.
    run_case("undefined-absent", df, "outcome", ["yes"], "kind", ["zzz"], group="grp", predicted="pred_outcome", features=["x1"])

    # 6. Label stored as text digits with numeric positive values: smclarify converts the values to the column's type.
    n = 120
    grp = rng.choice(["u", "v"], size=n)
    col = rng.choice(["p", "q", "r"], size=n)
    lab = rng.choice(["0", "1"], size=n, p=[0.55, 0.45])
    plab = np.where(rng.random(n) < 0.8, lab, np.where(lab == "1", "0", "1"))
    z = rng.normal(size=n).round(6)
    df = pd.DataFrame({"colour": col.astype(object), "target": lab.astype(object), "pred": plab.astype(object), "z": z, "grp": grp.astype(object)})
    run_case("converted", df, "target", [1], "colour", ["p", "r"], group="grp", predicted="pred", features=["z"])

    # 7. Digits stored as text: many distinct values make the column continuous (cast to int); a threshold given
    #    as a string is converted with float(), so the facet interval prints as floats.
    n = 150
    yrs = rng.integers(0, 60, size=n)
    w = rng.normal(size=n).round(6)
    ok = (rng.random(n) < 1 / (1 + np.exp(-(0.04 * (yrs - 25) + w)))).astype("int64")
    pok = (rng.random(n) < 1 / (1 + np.exp(-(0.03 * (yrs - 20) + w)))).astype("int64")
    df = pd.DataFrame({"years": yrs.astype(str).astype(object), "ok": ok, "pred_ok": pok, "w": w})
    run_case("text-numbers", df, "ok", [1], "years", ["30"], predicted="pred_ok", features=["w"])


if __name__ == "__main__":
    main()
