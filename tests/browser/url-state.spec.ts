import { expect, test } from '@playwright/test';
import { loaded, openFile, openStudio } from './helpers.ts';

test('a shared URL restores the sample, target and view', async ({ page }) => {
  await openStudio(page, '?sample=seattle-weather&target=weather&view=profile');
  expect(await loaded(page, 'seattle-weather.csv')).toBe(1461);
  await expect(page.getByTestId('target-select').first()).toHaveValue('weather');
  await expect(page.locator('[data-testid="profile-card"][data-column="wind"]')).toBeVisible();
});

test('changing the target and a column type updates the URL', async ({ page }) => {
  await openStudio(page, '?sample=seattle-weather&view=schema');
  expect(await loaded(page, 'seattle-weather.csv')).toBe(1461);
  await page.getByLabel('Use temp_max as the target').check();
  await expect(page).toHaveURL(/target=temp_max/);
  await page.getByLabel('Type of column wind').selectOption('categorical');
  await expect(page).toHaveURL(/t\.wind=categorical/);
  // The override survives a reload and drives the profile: wind is now profiled as a category (top-k bars).
  await page.reload();
  await expect(page.getByLabel('Type of column wind')).toHaveValue('categorical');
  await page.getByTestId('nav-profile').click();
  await expect(page.locator('[data-testid="profile-card"][data-column="wind"]')).toContainText(/categorical/);
});

test('the studio is usable by keyboard with a visible focus ring', async ({ page }) => {
  await openStudio(page);
  await page.keyboard.press('Tab');
  const outline = await page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return 'none';
    const s = getComputedStyle(el);
    return `${s.outlineStyle} ${s.outlineWidth}`;
  });
  expect(outline).not.toMatch(/^none|0px$/);
});

test('a local file\'s column names never reach the URL, the history or the share link', async ({ page, context, baseURL }) => {
  const secret = 'zq_patient_ssn';
  // Record every URL the page writes into its history, whichever way it writes it.
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __urls: string[] }).__urls = seen;
    for (const method of ['pushState', 'replaceState'] as const) {
      const original = History.prototype[method];
      History.prototype[method] = function (this: History, data: unknown, unused: string, url?: string | URL | null) {
        seen.push(String(url ?? ''));
        return original.call(this, data, unused, url);
      };
    }
  });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(baseURL!).origin });
  await openStudio(page);
  await openFile(page, 'clinic.csv', `${secret},visits,ward\n1001,3,A\n1002,5,B\n1003,1,A\n1004,2,B\n`, 'text/csv');
  expect(await loaded(page, 'clinic.csv')).toBe(4);
  await page.getByTestId('nav-schema').click();
  await page.getByLabel(`Use ${secret} as the target`).check();
  await page.getByLabel(`Type of column ${secret}`).selectOption('categorical');
  await expect(page.getByLabel(`Type of column ${secret}`)).toHaveValue('categorical');
  // The sample's own target was in the URL before the file loaded; now nothing about the data is.
  await expect(page).not.toHaveURL(/sample=|target=|t\./);
  expect(page.url()).toContain('view=schema');

  await page.getByTestId('share-button').click();
  const status = page.getByRole('status').filter({ hasText: 'Link copied' });
  await expect(status.or(page.getByTestId('share-url'))).toBeVisible();
  const link = (await page.getByTestId('share-url').isVisible()) ? await page.getByTestId('share-url').inputValue() : await page.evaluate(() => navigator.clipboard.readText());
  await expect(status.or(page.getByTestId('share-url').locator('..'))).toContainText('must open the same file');

  const urls = await page.evaluate(() => (window as unknown as { __urls: string[] }).__urls);
  expect(urls.length).toBeGreaterThan(0);
  for (const written of [page.url(), link, ...urls]) expect(decodeURIComponent(written)).not.toContain(secret);
  expect(link).toBe(page.url());
});
