/**
 * Content-Security-Policy for the studio. `connect-src 'self'` is the privacy guarantee: the page may
 * fetch only from its own origin, so no script can send user data anywhere else. `wasm-unsafe-eval` lets
 * the tfjs wasm backend compile its module; `worker-src blob:` lets it start its threads from a blob, and
 * `'self'` there covers the module workers and the service worker (/sw.js). Images, fonts and the manifest
 * fall back to `default-src 'self'`: the studio draws charts as inline SVG, uses system fonts and has no
 * data: or blob: images (its icons are files under /icons), so no `img-src`/`font-src` widens it.
 * `style-src 'unsafe-inline'` is for Svelte's style attributes.
 *
 * `require-trusted-types-for 'script'` is left out. Tried on the production build: the studio does not start
 * ("Failed to construct 'Worker': This document requires 'TrustedScriptURL' assignment", and the service worker
 * registration is refused the same way). Svelte brings its own policy for its templates, but every worker
 * (`new Worker(url)` from Vite, tfjs' blob-URL threads) is a TrustedScriptURL sink, so enforcing it needs a
 * catch-all default policy passing those URLs through, which adds nothing over `script-src`/`worker-src`.
 */
export const metaContentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self' blob:",
  "connect-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'none'",
].join('; ');

/**
 * The policy servers send: the `<meta>` policy plus `frame-ancestors 'none'` (no site may frame the studio),
 * which browsers ignore in a `<meta>` tag and honour only as a header.
 */
export const contentSecurityPolicy = `${metaContentSecurityPolicy}; frame-ancestors 'none'`;

/** Headers sent by the dev and preview servers (and documented for static hosting in README.md and public/_headers). */
export const securityHeaders: Record<string, string> = {
  'Content-Security-Policy': contentSecurityPolicy,
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
};
