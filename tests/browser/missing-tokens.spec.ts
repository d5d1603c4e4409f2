// Missing values as the file's author meant them: a "None" that is most of a column is flagged in the Schema
// view, and one click reads it as a value (the file is read again; the target stays).
import { expect, test } from '@playwright/test';
import { loaded, openFile, openStudio } from './helpers.ts';

test('a dominant "None" is flagged per column and can be read as a value; pandas\' defaults can be switched off for the file', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const rows = ['flight,damage,cost'];
  for (let i = 0; i < 40; i++) rows.push(`${i},${i % 8 === 0 ? 'Minor' : 'None'},${i % 5 === 0 ? 'NA' : i * 10}`);
  await openStudio(page);
  await openFile(page, 'strikes.csv', rows.join('\n') + '\n', 'text/csv');
  await loaded(page, 'strikes.csv');
  await page.getByTestId('nav-schema').click();
  const damage = page.getByTestId('missing-damage');
  await expect(damage).toContainText('"None" ×35');
  await expect(page.getByTestId('missing-cost')).toContainText('"NA" ×8');
  await damage.getByRole('button', { name: 'read as a value' }).click();
  await expect(damage).not.toContainText('"None"');
  await expect(damage).toContainText("use the file's list");
  await expect(page.getByTestId('missing-cost')).toContainText('"NA" ×8');

  await page.getByTestId('na-defaults').uncheck();
  await page.getByTestId('na-reread').click();
  await expect(page.getByTestId('missing-cost')).not.toContainText('"NA"');
  expect(errors).toEqual([]);
});

test('a semicolon file without a header is read right once the Schema view says so', async ({ page }) => {
  await openStudio(page);
  await openFile(page, 'plain.csv', '1;2;x\n3;4;y\n5;6;z\n', 'text/csv');
  await loaded(page, 'plain.csv');
  await page.getByTestId('nav-schema').click();
  await expect(page.getByTestId('na-reread')).toBeDisabled();
  await page.getByTestId('csv-delimiter').selectOption(';');
  await page.getByTestId('csv-header').selectOption('no');
  await page.getByTestId('na-reread').click();
  await expect(page.locator('[data-testid="dataset-name"][data-name="plain.csv"]')).toHaveAttribute('data-rows', '3');
  await expect(page.getByTestId('schema-table').locator('tbody tr')).toHaveCount(3);
});
