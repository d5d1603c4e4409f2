// A SageMaker data capture file (JSON Lines in the layout an endpoint's DataCaptureConfig writes) opened in the
// studio: one row per captured input row, the inputs named as a header-less CSV's columns, inference_time read
// as a timestamp, the load note; then the Monitor view offers inference_time as its time column.
import { expect, test } from '@playwright/test';
import { generatedNames } from '../../src/lib/data/column-names.ts';
import { loaded, openFile, openStudio } from './helpers.ts';

const line = (id: string, time: string, input: object, output: object) =>
  JSON.stringify({ captureData: { endpointInput: { mode: 'INPUT', ...input }, endpointOutput: { mode: 'OUTPUT', ...output } }, eventMetadata: { eventId: id, inferenceTime: time }, eventVersion: '0' });

const CAPTURE = [
  // two rows in one text/csv request, answered in CSV
  line('e1', '2024-03-05T14:01:12Z', { observedContentType: 'text/csv', data: '7,0,1.5\n2,1,2.25\n', encoding: 'CSV' }, { observedContentType: 'text/csv; charset=utf-8', data: '0.7\n0.2\n', encoding: 'CSV' }),
  line('e2', '2024-03-05T14:02:24Z', { observedContentType: 'text/csv', data: '9,1,3.5\n', encoding: 'CSV' }, { observedContentType: 'text/csv; charset=utf-8', data: '0.9\n', encoding: 'CSV' }),
  // a JSON Lines request, which capture stores base64-encoded: {"features":[4,0,0.75]}
  line('e3', '2024-03-05T15:00:00Z', { observedContentType: 'application/jsonlines', data: Buffer.from('{"features":[4,0,0.75]}\n').toString('base64'), encoding: 'BASE64' }, { observedContentType: 'text/csv', data: '0.4\n', encoding: 'CSV' }),
].join('\n') + '\n';

test('a data capture .jsonl opens as its captured rows, and the Monitor view offers inference_time as the time column', async ({ page }) => {
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(e.message));
  await openStudio(page);
  await openFile(page, 'capture.jsonl', CAPTURE, 'application/jsonl');
  expect(await loaded(page, 'capture.jsonl')).toBe(4);
  await expect(page.getByTestId('dataset-summary')).toContainText('4 rows × 6 columns');
  await expect(page.getByTestId('load-warnings')).toContainText('Read as SageMaker data capture: 3 events, 4 rows.');
  const grid = page.getByTestId('data-grid');
  await expect(grid).toContainText('2.25');
  await expect(grid).toContainText('e3');

  await page.getByTestId('nav-schema').click();
  const names = await page.getByTestId('schema-table').locator('tbody th.name').allTextContents();
  expect(names.map((n) => n.trim())).toEqual([...generatedNames(3), 'inference_time', 'event_id', '_output']);
  await expect(page.getByTestId('date-format-inference_time')).toBeVisible();

  await page.getByTestId('nav-monitor').click();
  const time = page.getByTestId('monitor-time-column');
  await expect(time).toHaveValue('inference_time');
  expect(await time.locator('optgroup[label="Dates and times"] option').allTextContents()).toEqual(['inference_time']);
  await expect(page.getByTestId('monitor-no-time')).toHaveCount(0);
  expect(problems).toEqual([]);
});
