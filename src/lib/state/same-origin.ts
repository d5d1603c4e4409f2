/** The outcome of checking a user-typed URL against the page's origin. */
export type OriginCheck = { ok: true; url: URL } | { ok: false; reason: string };

/**
 * Resolve `input` against `origin` and accept it only if it stays on that origin, before any request is
 * made: mlpad's Content-Security-Policy (connect-src 'self') lets the page fetch only from its own origin,
 * so data never leaves the machine. `origin` null (Node) accepts any absolute http(s) URL.
 */
export function checkSameOrigin(input: string, origin: string | null): OriginCheck {
  const text = typeof input === 'string' ? input.trim() : '';
  if (!text) return { ok: false, reason: 'Type a URL to load, such as /samples/penguins.json.' };
  let url: URL;
  try {
    url = new URL(text, origin ?? undefined);
  } catch {
    return { ok: false, reason: `"${text}" is not a valid URL.` };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return { ok: false, reason: `Only http(s) URLs can be loaded; "${text}" is a ${url.protocol} URL.` };
  }
  if (origin && url.origin !== origin) {
    return {
      ok: false,
      reason: `${url.origin} is another origin. mlpad's Content-Security-Policy lets this page fetch only from its own origin (${origin}), so your data never leaves this machine. Download the file and open it with "Open file…" instead.`,
    };
  }
  return { ok: true, url };
}

/** A short display name for a URL: its last path segment, decoded, else the host. */
export function nameFromUrl(url: URL): string {
  const last = url.pathname.split('/').filter(Boolean).pop() ?? '';
  try {
    return decodeURIComponent(last) || url.host;
  } catch {
    return last || url.host;
  }
}
