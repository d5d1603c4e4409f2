// A learner's first hour, one stumble per test: each of these once changed results silently or left the
// user stuck (issue 15). Every test also fails on an uncaught page error.
import { expect, test, type Page } from '@playwright/test';
import { loaded, openFile, openStudio } from './helpers.ts';

function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  return errors;
}

test('ZIP codes with leading zeros stay 00501 in the grid, and a type override never loses the zeros', async ({ page }) => {
  const errors = watchErrors(page);
  await openStudio(page);
  await openFile(page, 'zips.csv', 'zip_code,city\n00501,Holtsville\n00544,Holtsville\n01001,Agawam\n10001,New York\n', 'text/csv');
  await loaded(page, 'zips.csv');
  await expect(page.getByTestId('data-grid')).toContainText('00501');
  await page.getByTestId('nav-schema').click();
  const type = page.getByRole('combobox', { name: 'Type of column zip_code' });
  // Four distinct codes in four rows: read as text labels, never as the integers 501 and 544.
  await expect(type).toHaveValue('categorical');
  await type.selectOption('id');
  await page.getByTestId('nav-data').click();
  await expect(page.getByTestId('data-grid')).toContainText('00501');
  await expect(page.getByTestId('data-grid')).toContainText('00544');
  expect(errors).toEqual([]);
});

test('dates: an ambiguous column says month first and reads day first in one click; a date-shaped code can be kept as text', async ({ page }) => {
  const errors = watchErrors(page);
  await openStudio(page);
  await openFile(page, 'when.csv', 'when,code,v\n03/04/2024,2019-01-01,1\n05/06/2024,2019-02-01,2\n07/08/2024,2019-03-01,3\n', 'text/csv');
  await loaded(page, 'when.csv');
  await page.getByTestId('nav-schema').click();
  const when = page.getByTestId('date-format-when');
  await expect(when).toContainText('format: MM/DD/YYYY (ambiguous: read month first)');
  await when.getByRole('button', { name: 'read day first' }).click();
  await expect(when).toContainText('format: DD/MM/YYYY (chosen)');

  // The code column looks like ISO dates; "keep as text" reads it again from its text.
  const code = page.getByTestId('date-format-code');
  await expect(code).toContainText('format: YYYY-MM-DD');
  await code.getByRole('button', { name: 'keep as text' }).click();
  await expect(code).toContainText('dates kept as text (chosen)');
  await expect(when).toContainText('format: DD/MM/YYYY (chosen)');
  await page.getByTestId('nav-data').click();
  await expect(page.getByTestId('data-grid')).toContainText('2019-01-01');
  await page.getByTestId('nav-schema').click();
  await code.getByRole('button', { name: 'read as dates' }).click();
  await expect(code).toContainText('format: YYYY-MM-DD');
  expect(errors).toEqual([]);
});

test('choosing text as the type of a date column reads its original text again', async ({ page }) => {
  const errors = watchErrors(page);
  await openStudio(page);
  await openFile(page, 'periods.csv', 'period,v\n2019-01-01,1\n2019-02-01,2\n', 'text/csv');
  await loaded(page, 'periods.csv');
  await page.getByTestId('nav-schema').click();
  const type = page.getByRole('combobox', { name: 'Type of column period' });
  await expect(type).toHaveValue('datetime');
  await type.selectOption('text');
  await expect(page.getByTestId('date-format-period')).toContainText('dates kept as text (chosen)');
  await expect(type).toHaveValue('text');
  await page.getByTestId('nav-data').click();
  await expect(page.getByTestId('data-grid')).toContainText('2019-02-01');
  expect(errors).toEqual([]);
});

test('a URL that does not exist is reported as not found, not read as data', async ({ page }) => {
  const errors = watchErrors(page);
  await openStudio(page);
  await page.getByTestId('url-input').fill('/samples/no-such-file.csv');
  await page.getByTestId('url-input').press('Enter');
  await expect(page.getByTestId('load-error')).toContainText(/not found/i);
  await expect(page.getByTestId('load-error')).toContainText('is still loaded');
  expect(errors).toEqual([]);
});

test('a training split left with one class gets a sentence naming the fractions to lower', async ({ page }) => {
  const errors = watchErrors(page);
  const rows = ['x,y'];
  for (let i = 0; i < 20; i++) rows.push(`${i},${i === 19 ? 'rare' : 'common'}`);
  await openStudio(page);
  await openFile(page, 'tiny.csv', rows.join('\n') + '\n', 'text/csv');
  await loaded(page, 'tiny.csv');
  await page.getByTestId('nav-train').click();
  await page.getByTestId('train-target').selectOption('y');
  await page.getByTestId('train-split').selectOption('time');
  await page.getByTestId('train-time-column').selectOption('x');
  await page.getByTestId('train-start').click();
  const error = page.getByTestId('train-error');
  await expect(error).toContainText('the training split has only one class ("common")');
  await expect(error).toContainText('lower Validation % or Test %');
  await expect(error).not.toContainText('data.labels');
  expect(errors).toEqual([]);
});
