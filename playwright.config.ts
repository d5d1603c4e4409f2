import { defineConfig } from '@playwright/test';
// @ts-expect-error plain ESM helper shared with scripts/test.mjs and the benchmarks
import { findChromium, CHROMIUM_ARGS } from './scripts/find-chromium.mjs';

const PORT = 4179;

// Browser tests run against the production build served by `vite preview`, with the same CSP and
// COOP/COEP headers a user gets. One worker: the CI machine has two cores and SwiftShader is CPU-bound.
export default defineConfig({
  testDir: 'tests/browser',
  timeout: 120_000,
  expect: { timeout: 30_000 },
  workers: 1,
  retries: 0,
  reporter: [['list']],
  outputDir: 'test-results',
  use: {
    baseURL: `http://localhost:${PORT}`,
    browserName: 'chromium',
    screenshot: 'only-on-failure',
    // The production build installs a service worker that precaches the app (about 28 MB); only the offline
    // spec needs it, so the others do not download the precache or get answers from it.
    serviceWorkers: 'block',
    launchOptions: { executablePath: findChromium() ?? '/usr/bin/chromium', args: CHROMIUM_ARGS },
  },
  webServer: {
    command: `npx vite preview --port ${PORT} --strictPort`,
    url: `http://localhost:${PORT}`,
    reuseExistingServer: false,
    timeout: 60_000,
  },
});
