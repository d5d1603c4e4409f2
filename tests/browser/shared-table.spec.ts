// Issue 13's "one copy of the data": in the cross-origin isolated studio a loaded table lives once, in
// SharedArrayBuffer memory. The page hands the profile worker and a training job that same memory: what they are
// posted holds the same SharedArrayBuffers, and no post carries the table's bytes as an ordinary copy.
import { expect, test } from '@playwright/test';
import { loaded, openFile, openStudio } from './helpers.ts';

/** 20,000 rows: four numbers, a category and a 0/1 label. */
function csv(): string {
  const lines = ['a,b,c,d,city,label'];
  for (let i = 0; i < 20_000; i++) {
    const a = ((i * 7919) % 1000) / 10;
    lines.push(`${a},${(i % 97) * 1.5},${i % 13},${((i * 31) % 101) / 7},${['x', 'y', 'z'][i % 3]},${a + (i % 13) > 55 ? 1 : 0}`);
  }
  return lines.join('\n') + '\n';
}

interface Post { worker: string; method: string; shared: number[]; sharedBytes: number; plainBytes: number }

test('the profile worker and a training job are posted the page\u2019s shared table, not copies of it', async ({ page }) => {
  // Record every message the page posts to a worker: which SharedArrayBuffers it holds (numbered by identity)
  // and how many bytes of ordinary memory it carries.
  await page.addInitScript(() => {
    const ids = new Map<SharedArrayBuffer, number>();
    const posts: Post[] = [];
    (globalThis as unknown as { __posts: Post[] }).__posts = posts;
    const post = Worker.prototype.postMessage;
    Worker.prototype.postMessage = function (this: Worker, message: unknown, ...rest: unknown[]) {
      const shared = new Set<number>();
      let sharedBytes = 0;
      let plainBytes = 0;
      const seen = new Set<unknown>();
      const walk = (x: unknown, depth: number): void => {
        if (x === null || typeof x !== 'object' || seen.has(x) || depth > 30) return;
        seen.add(x);
        if (ArrayBuffer.isView(x)) {
          if (x.buffer instanceof SharedArrayBuffer) {
            if (!ids.has(x.buffer)) ids.set(x.buffer, ids.size + 1);
            if (!shared.has(ids.get(x.buffer)!)) sharedBytes += x.buffer.byteLength;
            shared.add(ids.get(x.buffer)!);
          } else plainBytes += x.byteLength;
          return;
        }
        if (x instanceof ArrayBuffer) {
          plainBytes += x.byteLength;
          return;
        }
        for (const v of Object.values(x as object)) walk(v, depth + 1);
      };
      walk(message, 0);
      const m = message as { path?: string[] } | null;
      posts.push({ worker: (this as unknown as { name?: string }).name ?? '', method: m?.path?.join('.') ?? '', shared: [...shared], sharedBytes, plainBytes });
      return (post as (...a: unknown[]) => void).call(this, message, ...rest);
    } as typeof Worker.prototype.postMessage;
  });
  await openStudio(page);
  expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
  await openFile(page, 'shared.csv', csv(), 'text/csv');
  expect(await loaded(page, 'shared.csv')).toBe(20_000);
  await expect(page.locator('[data-testid="dataset-name"][data-name="shared.csv"][data-profiling="false"]')).toBeVisible({ timeout: 60_000 });

  await page.getByTestId('nav-train').click();
  await page.getByTestId('train-algorithm').selectOption('xgboost');
  await page.getByTestId('train-target').selectOption('label');
  await page.getByTestId('hp-num_round').fill('3');
  await page.getByTestId('train-start').click();
  await expect(page.getByTestId('train-metrics')).toBeVisible({ timeout: 90_000 });

  const posts = await page.evaluate(() => (globalThis as unknown as { __posts: Post[] }).__posts);
  const setTable = posts.filter((p) => p.method === 'setTable').at(-1);
  const train = posts.filter((p) => p.method === 'train').at(-1);
  expect(setTable, 'the profile worker was given the table').toBeDefined();
  expect(train, 'a training job was started').toBeDefined();
  // 20,000 rows x (4 Float64/Int32 columns + codes + label) is at least 400 KB of columns.
  expect(setTable!.sharedBytes).toBeGreaterThan(400_000);
  expect(train!.shared.length).toBeGreaterThan(0);
  // The very same SharedArrayBuffers: one copy, viewed by the page, the profile worker and the job.
  expect(train!.shared.sort()).toEqual(setTable!.shared.sort());
  // Only small things travel as ordinary bytes (the schema, the category dictionary), never the columns.
  expect(setTable!.plainBytes).toBeLessThan(20_000);
  expect(train!.plainBytes).toBeLessThan(20_000);
});
