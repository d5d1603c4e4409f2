import { expect, test } from '@playwright/test';
import { loaded, openStudio } from './helpers.ts';

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
