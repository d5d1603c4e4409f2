// Benchmarks that go through the real studio: build it if needed, serve dist/ with `vite preview` (the
// same headers a user gets), open it in headless Chromium and hand the page to `use`.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
// @ts-expect-error plain ESM helper
import { findChromium, CHROMIUM_ARGS } from '../find-chromium.mjs';

/** Where withStudio serves from and how it starts Chromium. */
export interface StudioOptions {
  /** The studio build to serve (a `vite build --outDir` folder); defaults to ./dist, built first when missing. */
  dist?: string;
  /** Chromium flags added to the usual ones (e.g. `--js-flags=--prof`); defaults to none. */
  extraArgs?: string[];
}

/** Run `use` on the studio at `query` on `port`; returns null (after saying why) when there is no Chromium. */
export async function withStudio<T>(port: number, query: string, use: (page: Page, browser: Browser) => Promise<T>, options: StudioOptions = {}): Promise<T | null> {
  const dist = options.dist ?? 'dist';
  const chromium = findChromium();
  if (!chromium) {
    console.log('(browser run skipped: no Chromium; apt-get install -y chromium)');
    return null;
  }
  if (!existsSync(`${dist}/index.html`)) {
    if (dist !== 'dist') throw new Error(`${dist} has no index.html; run npx vite build --outDir ${dist}`);
    execFileSync('npx', ['vite', 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
  }
  const server = spawn('npx', ['vite', 'preview', '--outDir', dist, '--port', String(port), '--strictPort'], { stdio: 'ignore', detached: true });
  try {
    const { chromium: pw } = await import('playwright-core');
    const browser = await pw.launch({ executablePath: chromium, args: [...CHROMIUM_ARGS, ...(options.extraArgs ?? [])] });
    try {
      const page = await browser.newPage();
      // The preview server takes a moment to listen.
      for (let i = 0; i < 60; i++) {
        try {
          await page.goto(`http://localhost:${port}/${query}`);
          break;
        } catch {
          await new Promise((r) => setTimeout(r, 500));
        }
      }
      return await use(page, browser);
    } finally {
      await browser.close();
    }
  } finally {
    try { process.kill(-server.pid!); } catch { /* already gone */ }
  }
}
