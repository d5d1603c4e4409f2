// The page side of tests/browser/store.spec.ts: bundled by esbuild (with 'vitest' aliased to
// browser-vitest-shim.ts) and loaded into a page, it puts the browser store and the conformance suite on
// globalThis.mlpadStore for page.evaluate to drive.
import { StoreQuotaError } from '../../../src/lib/store/backend.ts';
import { openBrowserStore, STORE_CHANNEL } from '../../../src/lib/store/browser-backend.ts';
import { sha256Hex } from '../../../src/lib/store/hash.ts';
import { describeBackend } from './backend-suite.ts';
import { runCollected } from './browser-vitest-shim.ts';

/** Set by the spec through page.exposeFunction: overrides this origin's quota (bytes), or resets it (null). */
declare const mlpadSetQuota: ((bytes: number | null) => Promise<void>) | undefined;

let serial = 0;

/** Runs describeBackend on fresh stores, blobs in OPFS or (blobsInIndexedDb) in IndexedDB. */
async function runSuite(blobsInIndexedDb: boolean) {
  const make = () => openBrowserStore({ name: `suite-${blobsInIndexedDb ? 'idb' : 'opfs'}-${Date.now()}-${serial++}`, blobsInIndexedDb });
  // "About `quota` bytes of room": the override is for the whole origin, so it is what is used now plus that room.
  // Only where blobs go to OPFS: Chromium fixes the IndexedDB quota when the origin first uses IndexedDB.
  const makeFull = typeof mlpadSetQuota === 'function' && !blobsInIndexedDb
    ? async (room: number) => {
      const s = await make();
      const used = (await navigator.storage.estimate()).usage ?? 0;
      await mlpadSetQuota(used + room);
      return s;
    }
    : undefined;
  describeBackend(blobsInIndexedDb ? 'browser (blobs in IndexedDB)' : 'browser (blobs in OPFS)', make, makeFull);
  try {
    return await runCollected();
  } finally {
    if (makeFull) await mlpadSetQuota!(null);
  }
}

Object.assign(globalThis, { mlpadStore: { openBrowserStore, sha256Hex, StoreQuotaError, STORE_CHANNEL, runSuite } });
