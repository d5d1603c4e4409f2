import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { tableFromArrays, tableToIPC } from 'apache-arrow';
import { loaded, openFile, openStudio, snap } from './helpers.ts';

const CSV = 'city,temp,rain\n"Seattle, WA",12.5,true\nPortland,14,false\n"New\nYork",NA,true\n';

test('the studio opens with the penguins sample loaded, profiled and shown in the grid', async ({ page }, testInfo) => {
  await openStudio(page);
  expect(await loaded(page, 'penguins.json')).toBe(344);
  await expect(page.getByTestId('dataset-summary')).toContainText('344 rows × 7 columns');
  await expect(page.getByTestId('data-grid')).toContainText('Adelie');
  await snap(page, testInfo, 'studio-opened');
});

test('a CSV opened with the file input is parsed (quoted comma and newline, NA) and replaces the sample', async ({ page }) => {
  await openStudio(page);
  await openFile(page, 'cities.csv', CSV, 'text/csv');
  expect(await loaded(page, 'cities.csv')).toBe(3);
  const grid = page.getByTestId('data-grid');
  await expect(grid).toContainText('Seattle, WA');
  await expect(grid).toContainText('Portland');
  await page.getByTestId('nav-schema').click();
  await expect(page.getByTestId('schema-table')).toContainText('temp');
  await expect(page.getByTestId('schema-table')).toContainText('boolean');
});

test('a CSV dropped on the page loads the same way', async ({ page }) => {
  await openStudio(page);
  const dataTransfer = await page.evaluateHandle((text) => {
    const dt = new DataTransfer();
    dt.items.add(new File([text], 'dropped.csv', { type: 'text/csv' }));
    return dt;
  }, 'a,b\n1,2\n3,4\n5,6\n');
  const zone = page.getByTestId('drop-zone');
  await zone.dispatchEvent('dragenter', { dataTransfer });
  await zone.dispatchEvent('dragover', { dataTransfer });
  await zone.dispatchEvent('drop', { dataTransfer });
  expect(await loaded(page, 'dropped.csv')).toBe(3);
});

test('an Arrow IPC file loads with its types', async ({ page }) => {
  await openStudio(page);
  const table = tableFromArrays({ x: Float64Array.from([1.5, 2.5, 3.5]), n: Int32Array.from([1, 2, 3]), s: ['a', 'b', 'c'] });
  await openFile(page, 'small.arrow', Buffer.from(tableToIPC(table, 'file')), 'application/octet-stream');
  expect(await loaded(page, 'small.arrow')).toBe(3);
  await expect(page.getByTestId('data-grid')).toContainText('2.5');
});

test('the real ZSTD Parquet file flights-3m.parquet loads all 3,000,000 rows and the grid scrolls to the last row', async ({ page }, testInfo) => {
  test.setTimeout(240_000);
  await openStudio(page);
  const bytes = readFileSync('node_modules/vega-datasets/data/flights-3m.parquet');
  await openFile(page, 'flights-3m.parquet', bytes, 'application/octet-stream');
  expect(await loaded(page, 'flights-3m.parquet')).toBe(3_000_000);
  const grid = page.getByTestId('data-grid');
  await expect(grid).toHaveAttribute('aria-rowcount', /^300000[01]$/);
  await grid.focus();
  await page.keyboard.press('End');
  await expect(grid).toContainText('3,000,000');
  await snap(page, testInfo, 'flights-3m');
});
