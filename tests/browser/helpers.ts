import { expect, type Page, type TestInfo } from '@playwright/test';

/** Open the studio and wait until the default sample has loaded. */
export async function openStudio(page: Page, query = ''): Promise<void> {
  page.on('dialog', (d) => {
    throw new Error(`unexpected dialog: ${d.message()}`);
  });
  await page.goto(`/${query}`);
  await expect(page.getByTestId('dataset-name')).toBeVisible({ timeout: 60_000 });
}

/** Give the file input a file built in the test. */
export async function openFile(page: Page, name: string, content: string | Buffer, mimeType = 'text/plain'): Promise<void> {
  await page.getByTestId('file-input').setInputFiles({ name, mimeType, buffer: typeof content === 'string' ? Buffer.from(content) : content });
}

/** Wait for the header to name `name` as the loaded dataset and return its row count. */
export async function loaded(page: Page, name: string): Promise<number> {
  const summary = page.locator(`[data-testid="dataset-name"][data-name="${name}"]`);
  await expect(summary).toBeVisible({ timeout: 90_000 });
  return Number(await summary.getAttribute('data-rows'));
}

/** Attach a full-page screenshot to the test report (kept under test-results/). */
export async function snap(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  const path = testInfo.outputPath(`${name}.png`);
  await page.screenshot({ path, fullPage: true });
  await testInfo.attach(name, { path, contentType: 'image/png' });
}

/** Chart labels drawn outside their SVG (clipped by it), as "text" strings; [] when every label fits. */
export function clippedLabels(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    for (const t of document.querySelectorAll('main svg text')) {
      const svg = t.closest('svg');
      const text = (t.textContent ?? '').trim();
      if (!svg || !text) continue;
      const a = t.getBoundingClientRect();
      if (a.width === 0 && a.height === 0) continue;
      const b = svg.getBoundingClientRect();
      if (a.left < b.left - 1 || a.right > b.right + 1 || a.top < b.top - 1 || a.bottom > b.bottom + 1) out.push(text);
    }
    return out;
  });
}

/**
 * A console message every page logs under playwright.config.ts's `serviceWorkers: 'block'`: Playwright's own
 * "Service Worker registration blocked by Playwright", or main.ts's warning that offline use is unavailable when
 * registration is refused. Specs that forbid console warnings skip it.
 */
export function isBlockedServiceWorker(text: string): boolean {
  return text.startsWith('mlpad: offline use is unavailable') || text.startsWith('Service Worker registration blocked by Playwright');
}

/** Trains XGBoost on loan-approval for `rounds` rounds in the Train view and waits for the results. */
export async function trainLoanApproval(page: Page, rounds: number): Promise<void> {
  await page.getByTestId('nav-train').click();
  await expect(page.getByTestId('train-target')).toHaveValue('approved');
  await page.getByTestId('hp-num_round').fill(String(rounds));
  await page.getByTestId('train-start').click();
  await expect(page.getByTestId('train-metrics')).toBeVisible({ timeout: 90_000 });
  await expect(page.getByTestId('train-progress')).toBeHidden();
}
