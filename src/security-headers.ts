/**
 * Content-Security-Policy for the studio. `connect-src 'self'` is the privacy guarantee: the page may
 * fetch only from its own origin, so no script can send user data anywhere else. `wasm-unsafe-eval` lets
 * the tfjs wasm backend compile its module; `blob:` lets libraries start workers from blobs.
 */
export const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self' blob:",
  "connect-src 'self'",
  "img-src 'self' data: blob:",
  "style-src 'self' 'unsafe-inline'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'none'",
].join('; ');

/** Headers sent by the dev and preview servers (and documented for static hosting in README.md). */
export const securityHeaders: Record<string, string> = {
  'Content-Security-Policy': contentSecurityPolicy,
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
};
