// Text into HTML: every piece of data (column names, facet values, labels, error texts) goes through
// escapeHtml, in element text and in double-quoted attributes alike, so a column called
// `<script>…</script>` is shown, never run. Numbers are formatted here too, so no "NaN" reaches the page.

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** `text` with & < > " ' replaced by entities: safe in element content and in quoted attribute values. */
export function escapeHtml(text: string): string {
  return String(text).replace(/[&<>"']/g, (ch) => ENTITIES[ch]);
}

/**
 * A number for people: 4 significant digits, exponent notation below 1e-4 or from 1e6, ∞ / −∞ for the
 * infinities and `missing` for NaN (which never appears as text).
 */
export function formatNumber(v: number, missing = 'undefined'): string {
  if (Number.isNaN(v)) return missing;
  if (v === Infinity) return '∞';
  if (v === -Infinity) return '−∞';
  if (v === 0) return '0';
  const a = Math.abs(v);
  if (a >= 1e6 || a < 1e-4) return v.toExponential(2);
  return String(Number(v.toPrecision(4)));
}
