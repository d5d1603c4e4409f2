// Every view fits the window at 1024, 1280 and 1440 px: nothing pushes the page sideways (wide tables and tree
// drawings scroll inside their own cards), and a screenshot of each is kept in the report.
import { expect, test } from '@playwright/test';
import { loaded, openStudio } from './helpers.ts';

for (const width of [1024, 1280, 1440]) {
  test(`at ${width} px every view fits the window`, async ({ page }, testInfo) => {
    test.setTimeout(180_000);
    await page.setViewportSize({ width, height: 900 });
    await openStudio(page, '?sample=loan-approval&view=train');
    await loaded(page, 'loan-approval.csv');
    await page.getByTestId('hp-num_round').fill('10');
    await page.getByTestId('train-start').click();
    await expect(page.getByTestId('train-results')).toBeVisible({ timeout: 90_000 });
    for (const view of ['data', 'schema', 'profile', 'train', 'playground', 'compute']) {
      await page.getByTestId(`nav-${view}`).click();
      await page.waitForTimeout(400);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, `${view} at ${width} px`).toBeLessThanOrEqual(0);
      const path = testInfo.outputPath(`${view}-${width}.png`);
      await page.screenshot({ path });
      await testInfo.attach(`${view}-${width}`, { path, contentType: 'image/png' });
    }
  });
}
