"""The pandas side of `npm run bench:monitor`: describe(include='all') on flights-3m's columns.

pandas 1.5 reads Parquet only through pyarrow or fastparquet; when neither is installed, the parent
(scripts/bench/monitor.ts) decodes the Parquet file once with mlpad and hands the columns over as raw
binary (float64 delay and distance, int64 epoch milliseconds for date) and text (origin, destination, one
value a line), which numpy reads and pandas wraps in a DataFrame: what is timed is describe() alone, as on
the mlpad side only baselineStatistics() is timed. With pyarrow, read_parquet is used and also timed once.

Protocol (one line each way): prints "ready <seconds to read> <rss MB>" once the frame is built; then each
"run" line runs describe(include='all') and prints its seconds and the mean delay (a cross-check); "quit" prints "peak <MB>" (ru_maxrss).
"""
import os
import resource
import sys
import time
import warnings

import numpy as np
import pandas as pd

warnings.simplefilter("ignore")  # pandas 1.5 warns that datetime columns will be described as numeric


def rss_mb():
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def load(source):
    if source.endswith(".parquet"):
        return pd.read_parquet(source)
    col = lambda name, dtype: np.fromfile(os.path.join(source, name), dtype=dtype)
    text = lambda name: open(os.path.join(source, name), encoding="utf-8").read().split("\n")[:-1]
    return pd.DataFrame({
        "date": pd.to_datetime(col("date.i64", np.int64), unit="ms"),
        "delay": col("delay.f64", np.float64),
        "distance": col("distance.f64", np.float64),
        "origin": text("origin.txt"),
        "destination": text("destination.txt"),
    })


def main():
    t = time.perf_counter()
    df = load(sys.argv[1])
    print(f"ready {time.perf_counter() - t:.6f} {rss_mb():.1f} {len(df)} {pd.__version__}", flush=True)
    for line in sys.stdin:
        cmd = line.strip()
        if cmd == "run":
            t = time.perf_counter()
            d = df.describe(include="all")
            print(f"{time.perf_counter() - t:.6f} {d.loc['mean', 'delay']!r}", flush=True)
        elif cmd == "quit":
            print(f"peak {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.1f}", flush=True)
            return


if __name__ == "__main__":
    main()
