// The Python both notebooks share: reading the data file as mlpad's loader reads it (every cell as text,
// pandas' default NA words as missing) and the cell text mlpad's encoders see (numbers as JavaScript prints
// them). The candidate notebook adds the encoders themselves (python-encoding.ts).

/** Python defining read_data(path) and js_text(value). */
export function readDataCode(): string {
  return `
def read_data(path):
    """The data file as mlpad reads it: CSV/TSV cells as text (pandas' default NA words are missing), JSON and Parquet typed."""
    lower = path.lower()
    if lower.endswith(".parquet"):
        return pd.read_parquet(path)
    if lower.endswith(".jsonl") or lower.endswith(".ndjson"):
        return pd.read_json(path, lines=True, dtype=False)
    if lower.endswith(".json"):
        return pd.read_json(path, dtype=False)
    return pd.read_csv(path, sep="\\t" if lower.endswith(".tsv") else ",", dtype=str, keep_default_na=True)


def js_text(v):
    """A cell as the text mlpad's encoders compare (None = missing; 2.0 prints as 2, as in JavaScript)."""
    if v is None or (isinstance(v, float) and np.isnan(v)) or v is pd.NaT:
        return None
    if isinstance(v, (bool, np.bool_)):
        return "true" if v else "false"
    if isinstance(v, (int, np.integer)):
        return str(int(v))
    if isinstance(v, (float, np.floating)):
        return str(int(v)) if float(v).is_integer() and abs(v) < 1e21 else repr(float(v))
    return str(v)
`;
}
