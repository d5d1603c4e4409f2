#!/usr/bin/env python3
"""SciPy anchors for mlpad's drift statistics (tests/unit/monitor/drift-*.test.ts).

Reads a JSON list of requests on stdin and writes a JSON list of answers:
  {"op": "ks", "a": [...], "b": [...]}            -> {"statistic", "pvalue"}   scipy.stats.ks_2samp defaults
  {"op": "kstwo", "n": N, "x": [...]}             -> {"sf": [...]}             scipy.stats.kstwo.sf
  {"op": "wasserstein", "a": [...], "b": [...]}   -> {"value"}                 scipy.stats.wasserstein_distance
  {"op": "js", "p": [...], "q": [...]}            -> {"value"}                 scipy.spatial.distance.jensenshannon(base=2)
  {"op": "psi", "a": [...], "b": [...], "bins": k, "epsilon": e}
      -> {"value", "edges", "ref", "cur"}: numpy quantile edges (linear), right-closed bins, zero shares -> epsilon.
"seed"/"gen" requests build samples here instead of shipping them: {"gen": {"dist": "normal", "n": 100, "loc": 0,
"scale": 1, "seed": 1, "round": null}} in place of a list.
"""
import json
import sys

import numpy as np
from scipy import stats
from scipy.spatial import distance


def sample(spec):
    if isinstance(spec, list):
        return np.array([np.nan if v is None else v for v in spec], dtype=float)
    rng = np.random.default_rng(spec["seed"])
    if spec["dist"] == "normal":
        x = rng.normal(spec.get("loc", 0.0), spec.get("scale", 1.0), spec["n"])
    elif spec["dist"] == "exponential":
        x = rng.exponential(spec.get("scale", 1.0), spec["n"])
    else:
        raise ValueError(spec["dist"])
    if spec.get("round") is not None:
        x = np.round(x, spec["round"])
    return x


def psi(a, b, bins, eps):
    a = a[~np.isnan(a)]
    b = b[~np.isnan(b)]
    edges = np.unique(np.quantile(a, np.arange(1, bins) / bins))
    ra = np.bincount(np.searchsorted(edges, a, side="left"), minlength=len(edges) + 1) / len(a)
    rb = np.bincount(np.searchsorted(edges, b, side="left"), minlength=len(edges) + 1) / len(b)
    pa = np.where(ra == 0, eps, ra)
    pb = np.where(rb == 0, eps, rb)
    return float(np.sum((pb - pa) * np.log(pb / pa))), edges, ra, rb


def answer(req):
    op = req["op"]
    if op == "ks":
        a, b = sample(req["a"]), sample(req["b"])
        r = stats.ks_2samp(a[~np.isnan(a)], b[~np.isnan(b)])
        return {"statistic": float(r.statistic), "pvalue": float(r.pvalue)}
    if op == "kstwo":
        return {"sf": [float(stats.kstwo.sf(x, req["n"])) for x in req["x"]]}
    if op == "wasserstein":
        a, b = sample(req["a"]), sample(req["b"])
        return {"value": float(stats.wasserstein_distance(a[~np.isnan(a)], b[~np.isnan(b)]))}
    if op == "js":
        return {"value": float(distance.jensenshannon(np.array(req["p"], float), np.array(req["q"], float), base=2))}
    if op == "psi":
        v, edges, ra, rb = psi(sample(req["a"]), sample(req["b"]), req["bins"], req["epsilon"])
        return {"value": v, "edges": edges.tolist(), "ref": ra.tolist(), "cur": rb.tolist()}
    if op == "sample":
        return {"x": sample(req["x"]).tolist()}
    raise ValueError(op)


if __name__ == "__main__":
    print(json.dumps([answer(r) for r in json.load(sys.stdin)]))
