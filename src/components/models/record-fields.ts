// A lineage node's record as rows of a detail panel: each top-level field as text. Values are data from the
// store (possibly an imported workspace file), shown only through Svelte text bindings.

/** Fields too large or too noisy for the panel (a run's every logged metric value). */
const SKIPPED = new Set(['MetricSteps']);

/** The top-level fields of `record` as label and text; nested values as compact JSON cut at `max` characters (default 240). */
export function recordFields(record: unknown, max = 240): { key: string; text: string }[] {
  if (record === null || typeof record !== 'object' || Array.isArray(record)) return [];
  const out: { key: string; text: string }[] = [];
  for (const [key, v] of Object.entries(record as Record<string, unknown>)) {
    if (SKIPPED.has(key) || v === undefined) continue;
    let text: string;
    if (typeof v === 'string') text = v;
    else if (typeof v === 'number' || typeof v === 'boolean') text = String(v);
    else if (v === null) text = '—';
    else if (Array.isArray(v) && v.length === 0) text = 'none';
    else if (typeof v === 'object' && Object.keys(v).length === 0) text = 'none';
    else text = JSON.stringify(v);
    out.push({ key, text: text.length > max ? `${text.slice(0, Math.max(1, max - 1))}…` : text });
  }
  return out;
}
