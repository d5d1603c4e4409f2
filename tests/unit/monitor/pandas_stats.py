# The pandas anchor for tests/unit/monitor/statistics.test.ts: per numeric column of a CSV, the figures
# statistics.json holds (population standard deviation, as Deequ computes it). Run with /usr/bin/python3.
import json
import sys

import pandas as pd

frame = pd.read_csv(sys.argv[1])
out = {}
for name in frame.columns:
    column = frame[name]
    if not pd.api.types.is_numeric_dtype(column) or pd.api.types.is_bool_dtype(column):
        continue
    out[name] = {
        "num_present": int(column.count()),
        "num_missing": int(column.isna().sum()),
        "mean": float(column.mean()),
        "sum": float(column.sum()),
        "std_dev": float(column.std(ddof=0)),
        "min": float(column.min()),
        "max": float(column.max()),
    }
json.dump(out, sys.stdout)
