import { expect, test } from '@playwright/test';
import { writeFileSync } from 'node:fs';
import { loaded, openFile, openStudio } from './helpers.ts';

// Each bad file must produce a message naming the file (and line/column where it applies), leave the
// previous dataset loaded, and never execute markup from the data.
const cases: { title: string; name: string; content: string | Buffer; message: RegExp }[] = [
  { title: 'an empty file', name: 'empty.csv', content: '', message: /empty\.csv.*empty/i },
  { title: 'binary garbage named .csv', name: 'garbage.csv', content: Buffer.from(Array.from({ length: 2048 }, (_, i) => (i * 7919) % 256)), message: /garbage\.csv.*(binary|text)/i },
  { title: 'a ragged row', name: 'ragged.csv', content: 'a,b\n1,2\n3,4,5,6\n', message: /ragged\.csv.*line 3/i },
  { title: 'an unterminated quote', name: 'quote.csv', content: 'a,b\n1,"oops\n2,3\n', message: /quote\.csv.*line 2/i },
  { title: 'a truncated Parquet file', name: 'broken.parquet', content: Buffer.concat([Buffer.from('PAR1'), Buffer.alloc(64, 7), Buffer.from('PAR1')]), message: /broken\.parquet/i },
];

for (const c of cases) {
  test(`${c.title} gets a clear message and the previous dataset stays loaded`, async ({ page }) => {
    await openStudio(page);
    await openFile(page, c.name, c.content);
    await expect(page.getByTestId('load-error')).toContainText(c.message);
    await expect(page.getByTestId('load-error')).toContainText('penguins.json');
    expect(await loaded(page, 'penguins.json')).toBe(344);
  });
}

test('column names and cells with HTML or <script> are shown as text and never executed', async ({ page }) => {
  await openStudio(page);
  await page.evaluate(() => { (window as unknown as { __pwned?: number }).__pwned = 0; });
  const evil = '"<img src=x onerror=window.__pwned=1>",<script>window.__pwned=2</script>\n"<b>bold</b>",1\n"<svg onload=window.__pwned=3>",2\n';
  await openFile(page, 'evil.csv', evil, 'text/csv');
  expect(await loaded(page, 'evil.csv')).toBe(2);
  await expect(page.getByTestId('data-grid')).toContainText('<b>bold</b>');
  await expect(page.getByTestId('data-grid')).toContainText('<img src=x onerror=window.__pwned=1>');
  expect(await page.locator('#app img, #app script, #app b').count()).toBe(0);
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBe(0);
});

test('duplicate and empty column names are renamed with a warning', async ({ page }) => {
  await openStudio(page);
  await openFile(page, 'dups.csv', 'x,x,,y\n1,2,3,4\n', 'text/csv');
  expect(await loaded(page, 'dups.csv')).toBe(1);
  await expect(page.getByTestId('load-warnings')).toContainText(/x\.1/);
  await expect(page.getByTestId('load-warnings')).toContainText(/column_3/);
});

test('a cancelled load stops, and the previous dataset stays loaded', async ({ page }, testInfo) => {
  await openStudio(page);
  // Big enough that parsing takes seconds; Playwright wants files over 50 MB passed by path.
  const row = '1.25,2.5,hello,world,3\n';
  const path = testInfo.outputPath('big.csv');
  writeFileSync(path, 'a,b,c,d,e\n' + row.repeat(Math.ceil((120 * 1024 * 1024) / row.length)));
  await page.getByTestId('file-input').setInputFiles(path);
  await expect(page.getByTestId('load-progress')).toBeVisible();
  await page.getByTestId('load-cancel').click();
  await expect(page.getByTestId('load-progress')).toBeHidden();
  expect(await loaded(page, 'penguins.json')).toBe(344);
  await expect(page.getByTestId('data-grid')).toContainText('Adelie');
});
