import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { securityHeaders } from './src/security-headers.ts';

// The same headers in dev and preview: CSP keeps user data in the page, COOP/COEP make the page
// cross-origin isolated so later issues can share memory between workers (SharedArrayBuffer).
export default defineConfig({
  plugins: [svelte()],
  worker: { format: 'es' },
  server: { headers: securityHeaders, port: 5173 },
  preview: { headers: securityHeaders, port: 4173 },
  build: { target: 'es2022', chunkSizeWarningLimit: 4096 },
});
