// The width a label takes when drawn, so charts size their margins to their labels instead of clipping
// them. In a browser it is measured (OffscreenCanvas, the page's font); elsewhere (jsdom, golden tests) a
// deterministic estimate stands in, so snapshots do not depend on the machine's fonts.

const FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif";
let context: OffscreenCanvasRenderingContext2D | null | undefined;
const cache = new Map<string, number>();

function measurer(): OffscreenCanvasRenderingContext2D | null {
  if (context === undefined) context = typeof OffscreenCanvas === 'undefined' ? null : new OffscreenCanvas(1, 1).getContext('2d');
  return context;
}

/** Width in CSS pixels of `text` at `fontSize` px in the studio's font (an upper-side estimate where it cannot be measured). */
export function textWidth(text: string, fontSize: number): number {
  const key = `${fontSize}|${text}`;
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  const ctx = measurer();
  let w: number;
  if (ctx) {
    ctx.font = `${fontSize}px ${FONT}`;
    w = ctx.measureText(text).width;
  } else {
    w = text.length * fontSize * 0.62;
  }
  if (cache.size > 5000) cache.clear();
  cache.set(key, w);
  return w;
}

/** `text` cut to at most `max` characters with an ellipsis. */
export function shorten(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** `text` as drawn in at most `maxWidth` px at `fontSize` px: whole when it fits, else cut with an ellipsis. */
export function fitText(text: string, maxWidth: number, fontSize: number): string {
  if (textWidth(text, fontSize) <= maxWidth) return text;
  let lo = 0;
  let hi = text.length - 1;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (textWidth(`${text.slice(0, mid)}…`, fontSize) <= maxWidth) lo = mid;
    else hi = mid - 1;
  }
  return `${text.slice(0, lo)}…`;
}
