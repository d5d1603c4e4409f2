// The production build's service worker (dist/sw.js, from scripts/vite-precache.ts) keeps the studio working
// with the network off after one visit, still cross-origin isolated; the web app manifest makes it installable.
import { expect, test } from '@playwright/test';
import { loaded, openStudio } from './helpers.ts';

// playwright.config.ts blocks service workers for every other spec.
test.use({ serviceWorkers: 'allow' });

test('after one visit the studio reloads offline, cross-origin isolated, opens a sample and trains XGBoost', async ({ page, context }) => {
  await openStudio(page, '?sample=loan-approval&view=train');
  await loaded(page, 'loan-approval.csv');
  // The first visit installs the worker; it controls the pages loaded after it (it never claims open ones).
  const scope = await page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
  expect(new URL(scope).pathname).toBe('/');
  await page.reload();
  expect(await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL ?? null)).toMatch(/\/sw\.js$/);
  const cacheNames = await page.evaluate(() => caches.keys());
  expect(cacheNames.filter((n) => n.startsWith('mlpad-precache-'))).toHaveLength(1);

  await context.setOffline(true);
  await page.reload();
  await loaded(page, 'loan-approval.csv');
  const state = await page.evaluate(async () => {
    let network = 'reachable';
    try {
      await fetch(`/not-precached-${Date.now()}.txt`);
    } catch {
      network = 'unreachable';
    }
    return { isolated: crossOriginIsolated, controlled: navigator.serviceWorker.controller !== null, network };
  });
  // The network really is off (a URL outside the precache fails), the page came from the cache and its cached
  // headers (COOP/COEP) still make it cross-origin isolated.
  expect(state).toEqual({ isolated: true, controlled: true, network: 'unreachable' });

  await expect(page.getByTestId('train-target')).toHaveValue('approved');
  await page.getByTestId('hp-num_round').fill('5');
  await page.getByTestId('train-start').click();
  await expect(page.getByTestId('train-metrics')).toBeVisible({ timeout: 90_000 });
  await expect(page.getByTestId('learning-curve')).toHaveAttribute('data-rounds', '5');

  // Another bundled sample, never opened online, is in the cache too.
  await page.goto('/?sample=seattle-weather');
  expect(await loaded(page, 'seattle-weather.csv')).toBe(1461);
  await context.setOffline(false);
});

test('the page links a web app manifest that parses, starts the studio standalone and has 192 and 512 px icons', async ({ page }) => {
  await openStudio(page);
  const found = await page.evaluate(async () => {
    const link = document.querySelector<HTMLLinkElement>('link[rel="manifest"]');
    if (!link) return null;
    const manifest = await (await fetch(link.href)).json();
    const icons = await Promise.all(
      (manifest.icons as { src: string; sizes: string; type: string }[]).map(async (icon) => {
        const res = await fetch(new URL(icon.src, link.href));
        const bytes = new Uint8Array(await res.arrayBuffer());
        let size = icon.sizes;
        if (icon.type === 'image/png') {
          const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
          size = `${bitmap.width}x${bitmap.height}`;
        }
        return { sizes: icon.sizes, type: icon.type, status: res.status, contentType: res.headers.get('content-type'), size };
      }),
    );
    return { name: manifest.short_name, display: manifest.display, start: new URL(manifest.start_url, link.href).pathname, theme: manifest.theme_color, icons };
  });
  expect(found).not.toBeNull();
  expect(found!).toMatchObject({ name: 'mlpad', display: 'standalone', start: '/', theme: '#0b5fff' });
  for (const icon of found!.icons) {
    expect(icon.status).toBe(200);
    expect(icon.contentType).toContain(icon.type);
    expect(icon.size).toBe(icon.sizes); // a PNG decodes at the size it declares
  }
  expect(found!.icons.map((i) => i.sizes)).toEqual(expect.arrayContaining(['192x192', '512x512']));
});
