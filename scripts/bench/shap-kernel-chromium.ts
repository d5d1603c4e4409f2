// The Chromium half of the Kernel SHAP bench: the case (scripts/bench/shap-kernel-case.ts) and WebSHAP's
// sources (WEBSHAP_SRC, when set) bundled into one page with Vite, served on localhost, and run in headless
// Chromium, the two sides alternating (mlpad, WebSHAP, WebSHAP, mlpad…) for `pairs` pairs.
import { createReadStream, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'vite';
// @ts-expect-error plain ESM helper
import { findChromium, CHROMIUM_ARGS } from '../find-chromium.mjs';
import { ROWS } from './shap-kernel-case.ts';

const median = (v: number[]) => { const s = [...v].sort((a, b) => a - b); const h = s.length >> 1; return s.length % 2 ? s[h] : (s[h - 1] + s[h]) / 2; };

export async function browserPairs(webshapSrc: string | undefined, pairs: number, webshapRows: number): Promise<void> {
  const chromium = findChromium();
  if (!chromium) { console.log('(Chromium part skipped: no Chromium; apt-get install -y chromium)'); return; }
  const dir = mkdtempSync(join(tmpdir(), 'mlpad-shap-bench-'));
  try {
    await build({
      configFile: false, logLevel: 'warn', define: { 'process.env.NODE_ENV': '"production"' },
      resolve: { alias: { 'webshap-under-test': webshapSrc ? resolve(webshapSrc, 'index.ts') : resolve('scripts/bench/webshap-absent.ts') } },
      build: { outDir: dir, emptyOutDir: true, target: 'es2022', lib: { entry: resolve('scripts/bench/shap-kernel-browser.ts'), formats: ['es'], fileName: () => 'bench.js' } },
    });
    writeFileSync(join(dir, 'index.html'), '<!doctype html><meta charset="utf-8"><title>mlpad shap bench</title><script type="module" src="/bench.js"></script>\n');
    const server = createServer((req, res) => {
      const file = join(dir, (req.url ?? '/') === '/' ? 'index.html' : (req.url ?? '').split('?')[0]);
      if (!file.startsWith(dir) || !existsSync(file)) { res.writeHead(404).end(); return; }
      res.writeHead(200, { 'Content-Type': file.endsWith('.html') ? 'text/html' : 'text/javascript' });
      createReadStream(file).pipe(res);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const { chromium: pw } = await import('playwright-core');
    const browser = await pw.launch({ executablePath: chromium, args: CHROMIUM_ARGS });
    try {
      const page = await browser.newPage();
      await page.goto(`http://localhost:${(server.address() as { port: number }).port}/`);
      await page.waitForFunction(() => 'shapBench' in window, undefined, { timeout: 60_000 });
      const hasWebShap = (await page.evaluate('window.shapBench.hasWebShap')) as boolean;
      const engine = `Chromium ${browser.version().split('.')[0]}`;
      await page.evaluate('window.shapBench.ours(0)'); // warm-up
      const mine: number[] = [], other: number[] = [], ratios: number[] = [];
      const runOurs = async (p: number) => { const r = (await page.evaluate(`window.shapBench.ours(${p})`)) as { seconds: number }; mine.push(ROWS / r.seconds); };
      const runTheirs = async () => { const r = (await page.evaluate(`window.shapBench.theirs(${webshapRows})`)) as { seconds: number }; other.push(webshapRows / r.seconds); };
      for (let p = 0; p < (hasWebShap ? pairs : 3); p++) {
        if (hasWebShap && p % 2 === 1) { await runTheirs(); await runOurs(p); } else { await runOurs(p); if (hasWebShap) await runTheirs(); }
        if (hasWebShap) ratios.push(mine[mine.length - 1] / other[other.length - 1]);
      }
      console.log(`\n${engine}:`);
      console.log(`${'engine'.padEnd(28)}${'rows/s'.padStart(10)}${'runs'.padStart(10)}`);
      console.log(`${'mlpad kernelShap'.padEnd(28)}${median(mine).toFixed(1).padStart(10)}${String(mine.length).padStart(10)}`);
      if (hasWebShap) {
        console.log(`${`WebSHAP 0.1.4 (${webshapRows} rows)`.padEnd(28)}${median(other).toFixed(3).padStart(10)}${String(other.length).padStart(10)}`);
        console.log(`median ratio mlpad / WebSHAP in ${engine} over ${ratios.length} alternating pairs: ${median(ratios).toFixed(0)}× (pairs: ${ratios.map((r) => r.toFixed(0)).join(', ')})`);
      } else {
        console.log('WebSHAP anchor not run in Chromium: WEBSHAP_SRC is not set.');
      }
      console.log(`load average ${loadavg().map((v) => v.toFixed(2)).join(' ')}`);
    } finally {
      await browser.close();
      server.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
