import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { securityHeaders } from './src/security-headers.ts';
import { precache } from './scripts/vite-precache.ts';

// The same headers in dev and preview: CSP keeps user data in the page, COOP/COEP make the page
// cross-origin isolated so later issues can share memory between workers (SharedArrayBuffer).
export default defineConfig({
  plugins: [svelte(), precache()],
  worker: { format: 'es' },
  // Dependencies the workers import are found only when a worker first starts, and Vite then reloads the page
  // mid-way through the first load; bundling them up front keeps the first `npm start` to one load.
  optimizeDeps: {
    include: [
      '@tensorflow/tfjs', '@tensorflow/tfjs-backend-wasm', '@tensorflow/tfjs-backend-webgpu', 'apache-arrow', 'comlink', 'd3',
      'hyparquet', 'hyparquet-compressors', 'hyparquet/src/column.js', 'hyparquet/src/convert.js', 'hyparquet/src/datapage.js',
      'hyparquet/src/delta.js', 'hyparquet/src/encoding.js', 'hyparquet/src/plain.js', 'hyparquet/src/thrift.js',
    ],
  },
  server: { headers: securityHeaders, port: 5173 },
  preview: { headers: securityHeaders, port: 4173 },
  build: { target: 'es2022', chunkSizeWarningLimit: 4096 },
});
