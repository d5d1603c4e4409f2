// The browser StoreBackend (IndexedDB records, OPFS blobs) in Chromium: the conformance suite of
// tests/unit/store/backend-suite.ts, then what only a browser can show: a reload, a page closed mid-commit,
// a full quota (CDP Storage.overrideQuotaForOrigin), two tabs, and a database written by schema version 1.
// The engine module and the suite are bundled with esbuild (the store imports `idb`) and served by route
// under /__store-test/, so the test does not depend on the studio bundle exposing them.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import type { StoreQuotaError } from '../../src/lib/store/backend.ts';
import type { openBrowserStore, STORE_CHANNEL } from '../../src/lib/store/browser-backend.ts';
import type { sha256Hex } from '../../src/lib/store/hash.ts';

/** What browser-harness.ts puts on globalThis. */
type Harness = {
  mlpadStore: {
    openBrowserStore: typeof openBrowserStore;
    sha256Hex: typeof sha256Hex;
    StoreQuotaError: typeof StoreQuotaError;
    STORE_CHANNEL: typeof STORE_CHANNEL;
    runSuite(blobsInIndexedDb: boolean): Promise<{ name: string; error?: string }[]>;
  };
  storeEvents: { collections: string[]; remote: boolean }[];
};

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
let bundle = '';

test.use({ bypassCSP: true });

test.beforeAll(() => {
  bundle = execFileSync('node_modules/.bin/esbuild', [
    'tests/unit/store/browser-harness.ts', '--bundle', '--format=esm', '--target=es2022', '--log-level=warning',
    '--alias:vitest=./tests/unit/store/browser-vitest-shim.ts',
  ], { cwd: ROOT, encoding: 'utf8' });
});

async function openHarness(page: Page): Promise<void> {
  await page.route('**/__store-test/**', (route) => {
    const name = new URL(route.request().url()).pathname.split('/').pop();
    if (name === 'store.js') return route.fulfill({ contentType: 'text/javascript', body: bundle });
    return route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>store</title><script type="module" src="/__store-test/store.js"></script>' });
  });
  await page.goto('/__store-test/index.html');
  await page.waitForFunction(() => 'mlpadStore' in globalThis);
}

/** Sets this origin's quota in bytes through CDP, or resets it (null). */
async function quotaSetter(context: BrowserContext, page: Page, origin: string) {
  const cdp = await context.newCDPSession(page);
  return async (bytes: number | null) => {
    await cdp.send('Storage.overrideQuotaForOrigin', bytes === null ? { origin } : { origin, quotaSize: bytes });
  };
}

test('the browser store passes the StoreBackend conformance suite with blobs in OPFS and in IndexedDB', async ({ page, context, baseURL }) => {
  const setQuota = await quotaSetter(context, page, new URL(baseURL!).origin);
  await page.exposeFunction('mlpadSetQuota', setQuota);
  await openHarness(page);
  // With blobs in OPFS, five tests: records, blobs, argument checks, subscribers, a full store. With blobs in
  // IndexedDB the full-store test is left to the quota test below: Chromium fixes an origin's IndexedDB quota
  // when the origin first uses IndexedDB, so a quota set between the suite's tests does not reach it.
  for (const [inIdb, count] of [[false, 5], [true, 4]] as const) {
    const results = await page.evaluate((b) => (globalThis as unknown as Harness).mlpadStore.runSuite(b), inIdb);
    expect(results.map((r) => r.name)).toHaveLength(count);
    expect(results.filter((r) => r.error)).toEqual([]);
  }
});

test('records and an OPFS blob survive a reload; usage counts them and reports the quota', async ({ page }) => {
  await openHarness(page);
  const written = await page.evaluate(async () => {
    const m = (globalThis as unknown as Harness).mlpadStore;
    const s = await m.openBrowserStore({ name: 'reload' });
    const bytes = new Uint8Array(1 << 20);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 2654435761) >>> 24;
    const hash = await m.sha256Hex(bytes);
    await s.commit({ put: [{ collection: 'runs', id: 'r1', value: { metric: 0.125, model: hash, name: 'é' } }], blobs: [{ hash, bytes }] });
    await s.close();
    return { hash, place: s.blobPlace };
  });
  expect(written.place).toBe('opfs');
  await page.reload();
  await page.waitForFunction(() => 'mlpadStore' in globalThis);
  const read = await page.evaluate(async (hash) => {
    const m = (globalThis as unknown as Harness).mlpadStore;
    const s = await m.openBrowserStore({ name: 'reload' });
    const blob = await s.getBlob(hash);
    const usage = await s.usage();
    const out = {
      record: await s.get('runs', 'r1'), collections: await s.collections(), blobs: await s.listBlobs(), version: await s.version(), layout: s.layoutVersion,
      blobHash: blob ? await m.sha256Hex(blob) : null, usage,
    };
    await s.close();
    return out;
  }, written.hash);
  expect(read.record).toEqual({ metric: 0.125, model: written.hash, name: 'é' });
  expect(read.collections).toEqual(['runs']);
  expect(read.blobs).toEqual([{ hash: written.hash, size: 1 << 20 }]);
  expect(read.blobHash).toBe(written.hash);
  expect(read.version).toBe(1);
  expect(read.layout).toBe(2);
  // {"metric":0.125,"model":"<64 hex>","name":"é"}: 44 ASCII characters + 64 hex + 2 bytes of é.
  expect(read.usage.records).toEqual({ runs: JSON.stringify({ metric: 0.125, model: written.hash, name: 'é' }).length + 1 });
  expect(read.usage.blobs).toEqual({ [written.hash]: 1 << 20 });
  expect(read.usage.quota).toBeGreaterThan(0);
});

test('a page closed mid-commit leaves all of the records or none of them, at every timing tried', async ({ context }, testInfo) => {
  const N = 2000;
  const commit = async (page: Page, collection: string) => page.evaluate(async ({ collection, N }) => {
    const m = (globalThis as unknown as Harness).mlpadStore;
    const s = await m.openBrowserStore({ name: 'kill' });
    const bytes = new Uint8Array(8 << 20).fill(collection.length);
    bytes[0] = collection.charCodeAt(collection.length - 1);
    const hash = await m.sha256Hex(bytes);
    const put = Array.from({ length: N }, (_, i) => ({ collection, id: `r${String(i).padStart(5, '0')}`, value: { i, hash, pad: 'x'.repeat(1000) } }));
    const t0 = performance.now();
    (globalThis as unknown as { started: boolean }).started = true;
    await s.commit({ put, blobs: [{ hash, bytes }] });
    return performance.now() - t0;
  }, { collection, N });
  const count = async (page: Page, collection: string) => page.evaluate(async ({ collection, N }) => {
    const s = await (globalThis as unknown as Harness).mlpadStore.openBrowserStore({ name: 'kill' });
    const rows = await s.list(collection);
    const intact = rows.every((r, i) => (r.value as { i: number }).i === i && (r.value as { pad: string }).pad.length === 1000);
    await s.close();
    return { n: rows.length, intact, complete: rows.length === N };
  }, { collection, N });

  // An uninterrupted commit first: it lands whole, and its duration sets the kill timings.
  const first = await context.newPage();
  await openHarness(first);
  const ms = await commit(first, 'batch-full');
  await first.close();
  const checker = await context.newPage();
  await openHarness(checker);
  expect(await count(checker, 'batch-full')).toEqual({ n: N, intact: true, complete: true });

  const outcomes: string[] = [];
  for (const [k, fraction] of [0.05, 0.2, 0.4, 0.6, 0.8, 1.0, 1.3].entries()) {
    const page = await context.newPage();
    await openHarness(page);
    const collection = `batch-${k}`;
    void commit(page, collection).catch(() => undefined);
    await page.waitForFunction(() => (globalThis as unknown as { started?: boolean }).started === true);
    await new Promise((r) => setTimeout(r, fraction * ms));
    await page.close();
    const got = await count(checker, collection);
    outcomes.push(`${Math.round(fraction * ms)} ms: ${got.n} records`);
    expect([0, N]).toContain(got.n);
    expect(got.intact).toBe(true);
  }
  testInfo.annotations.push({ type: 'kill timings', description: `full commit ${Math.round(ms)} ms; ${outcomes.join('; ')}` });
  console.log(`[store] full commit ${Math.round(ms)} ms; killed at ${outcomes.join('; ')}`);
});

test('a full quota gives StoreQuotaError with its message from OPFS and from IndexedDB, keeps earlier records and leaves no blob of the failed commits', async ({ page, context, baseURL }) => {
  // Chromium reads an origin's IndexedDB quota once, when the origin first uses IndexedDB (a later
  // Storage.overrideQuotaForOrigin still limits OPFS but no longer IndexedDB), so the quota is set first.
  const setQuota = await quotaSetter(context, page, new URL(baseURL!).origin);
  await setQuota(1 << 20);
  try {
    await openHarness(page);
    const got = await page.evaluate(async () => {
      const m = (globalThis as unknown as Harness).mlpadStore;
      const opfs = await m.openBrowserStore({ name: 'quota' });
      const idb = await m.openBrowserStore({ name: 'quota-idb', blobsInIndexedDb: true });
      await opfs.commit({ put: [{ collection: 'runs', id: 'kept', value: { a: 1 } }] });
      await idb.commit({ put: [{ collection: 'runs', id: 'kept', value: { b: 2 } }] });
      // 2 MiB of pseudo-random bytes and text: IndexedDB may compress values, and repeated bytes would fit.
      let seed = 12345;
      const next = () => { seed = (seed * 1103515245 + 12345) >>> 0; return seed >>> 16; };
      const bytes = Uint8Array.from({ length: 2 << 20 }, () => next() & 255);
      const hash = await m.sha256Hex(bytes);
      const small = bytes.slice(0, 16 << 10);
      const smallHash = await m.sha256Hex(small);
      const text = () => Array.from({ length: 8000 }, () => String.fromCharCode(33 + (next() % 90))).join('');
      const fail = async (p: Promise<unknown>) => p.then(() => 'no error', (e: Error) => `${e instanceof m.StoreQuotaError}|${e.name}|${e.message}`);
      const errors = {
        opfsBlob: await fail(opfs.commit({ put: [{ collection: 'runs', id: 'lost', value: 2 }], blobs: [{ hash, bytes }] })),
        idbBlob: await fail(idb.commit({ put: [{ collection: 'runs', id: 'lost', value: 2 }], blobs: [{ hash, bytes }] })),
        // Records past the quota with a small blob that fits: OPFS takes the blob, the IndexedDB transaction is
        // refused, and the blob written for it must be removed again.
        records: await fail(opfs.commit({ put: Array.from({ length: 300 }, (_, i) => ({ collection: 'runs', id: `big-${i}`, value: text() })), blobs: [{ hash: smallHash, bytes: small }] })),
      };
      const out = {
        errors, places: [opfs.blobPlace, idb.blobPlace], message: new m.StoreQuotaError().message,
        opfs: { runs: await opfs.list('runs'), blobs: await opfs.listBlobs() },
        idb: { runs: await idb.list('runs'), blobs: await idb.listBlobs() },
      };
      await opfs.close();
      await idb.close();
      return out;
    });
    expect(got.places).toEqual(['opfs', 'indexeddb']);
    expect(got.message).toMatch(/no more room.*Nothing was saved/);
    const refused = `true|StoreQuotaError|${got.message}`;
    expect(got.errors).toEqual({ opfsBlob: refused, idbBlob: refused, records: refused });
    expect(got.opfs).toEqual({ runs: [{ id: 'kept', value: { a: 1 } }], blobs: [] });
    expect(got.idb).toEqual({ runs: [{ id: 'kept', value: { b: 2 } }], blobs: [] });
  } finally {
    await setQuota(null);
  }
});

test('a commit in one tab reaches the other tab\u2019s subscriber as remote and reads back there', async ({ context }) => {
  const [a, b] = [await context.newPage(), await context.newPage()];
  await openHarness(a);
  await openHarness(b);
  const listen = (p: Page) => p.evaluate(async () => {
    const g = globalThis as unknown as Harness & { tabStore: Awaited<ReturnType<typeof openBrowserStore>> };
    g.storeEvents = [];
    g.tabStore = await g.mlpadStore.openBrowserStore({ name: 'tabs' });
    g.tabStore.subscribe((e) => g.storeEvents.push(e));
  });
  await listen(a);
  await listen(b);
  await a.evaluate(async () => {
    const g = globalThis as unknown as { tabStore: Awaited<ReturnType<typeof openBrowserStore>> };
    await g.tabStore.commit({ put: [{ collection: 'experiments', id: 'e1', value: { name: 'churn' } }] });
  });
  await b.waitForFunction(() => (globalThis as unknown as Harness).storeEvents.length > 0);
  const there = await b.evaluate(async () => {
    const g = globalThis as unknown as Harness & { tabStore: Awaited<ReturnType<typeof openBrowserStore>> };
    return { events: g.storeEvents, value: await g.tabStore.get('experiments', 'e1') };
  });
  expect(there.events).toEqual([{ collections: ['experiments'], remote: true }]);
  expect(there.value).toEqual({ name: 'churn' });
  expect(await a.evaluate(() => (globalThis as unknown as Harness).storeEvents)).toEqual([{ collections: ['experiments'], remote: false }]);
});

test('a database written at schema version 1 by raw IndexedDB opens at version 2 with its record, and a newer one is refused with a sentence', async ({ page }) => {
  await openHarness(page);
  const got = await page.evaluate(async () => {
    const raw = (name: string, version: number, upgrade: (db: IDBDatabase) => void) => new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open(name, version);
      req.onupgradeneeded = () => upgrade(req.result);
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    // Version 1 as it was: records keyed [collection, id] holding the value itself, a meta store, no index.
    const v1 = await raw('old', 1, (db) => {
      db.createObjectStore('records', { keyPath: ['collection', 'id'] }).put({ collection: 'runs', id: 'old-run', value: { auc: 0.91, tags: ['a'] } });
      db.createObjectStore('meta', { keyPath: 'key' }).put({ key: 'schema', version: 1 });
    });
    v1.close();
    const m = (globalThis as unknown as Harness).mlpadStore;
    const s = await m.openBrowserStore({ name: 'old' });
    const out = { version: await s.version(), layout: s.layoutVersion, record: await s.get('runs', 'old-run'), list: await s.list('runs'), usage: (await s.usage()).records, newer: '' };
    await s.close();
    (await raw('newer', 3, (db) => { db.createObjectStore('records'); })).close();
    out.newer = await m.openBrowserStore({ name: 'newer' }).then(() => 'opened', (e: Error) => `${e.name}: ${e.message}`);
    return out;
  });
  expect(got.version).toBe(1);
  expect(got.layout).toBe(2);
  expect(got.record).toEqual({ auc: 0.91, tags: ['a'] });
  expect(got.list).toEqual([{ id: 'old-run', value: { auc: 0.91, tags: ['a'] } }]);
  expect(got.usage).toEqual({ runs: JSON.stringify({ auc: 0.91, tags: ['a'] }).length });
  expect(got.newer).toMatch(/^StoreArgumentError: the stored data was written by a newer mlpad .*reload/);
});

test('two commits of the same blob at once never leave it missing: the second writer does not delete the first one\u2019s complete copy', async ({ page }) => {
  // The studio writes a dataset's bytes twice at once (the saved dataset, and the profile run that names it as
  // its input). Both find the blob absent, both write it; a writer that removed the name before moving its own
  // copy in left no file for a moment, and a reload in that moment left a record whose bytes were gone.
  await openHarness(page);
  const got = await page.evaluate(async () => {
    const m = (globalThis as unknown as Harness).mlpadStore;
    const s = await m.openBrowserStore({ name: `same-blob-${Date.now()}` });
    let seen = 0;
    let missingAfterSeen = 0;
    for (let round = 0; round < 6; round++) {
      const bytes = new Uint8Array(256 << 10);
      for (let i = 0; i < bytes.length; i++) bytes[i] = ((i + round) * 2654435761) >>> 24;
      const hash = await m.sha256Hex(bytes);
      let done = false;
      let appeared = false;
      const poll = (async () => {
        while (!done) {
          const b = await s.getBlob(hash);
          if (b && b.length === bytes.length) { appeared = true; seen++; }
          else if (appeared) missingAfterSeen++;
        }
      })();
      await Promise.all([0, 1, 2, 3].map((k) => s.commit({ put: [{ collection: 'runs', id: `r${round}-${k}`, value: { blob: hash } }], blobs: [{ hash, bytes }] })));
      done = true;
      await poll;
      const after = await s.getBlob(hash);
      if (!after || (await m.sha256Hex(after)) !== hash) return { error: `round ${round}: the blob is not complete after the commits` };
    }
    const blobs = await s.listBlobs();
    await s.close();
    return { seen, missingAfterSeen, blobs: blobs.length };
  });
  expect(got).not.toHaveProperty('error');
  expect(got.seen).toBeGreaterThan(0);
  expect(got.missingAfterSeen).toBe(0);
  expect(got.blobs).toBe(6);
});
