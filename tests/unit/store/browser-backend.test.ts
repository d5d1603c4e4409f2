// What the browser store does where it can run in Node: refuse bad options and a missing IndexedDB with a
// sentence. Its behaviour on real storage is tested in Chromium (tests/browser/store.spec.ts).
import { describe, expect, it } from 'vitest';
import { StoreArgumentError } from '../../../src/lib/store/backend.ts';
import { openBrowserStore } from '../../../src/lib/store/browser-backend.ts';
import { BROWSER_STORE_VERSION, upgrades } from '../../../src/lib/store/idb-schema.ts';

describe('openBrowserStore outside a browser', () => {
  it('openBrowserStore({name}) refuses a name with a slash, naming options.name', async () => {
    await expect(openBrowserStore({ name: 'a/b' })).rejects.toThrow(/options\.name "a\/b" is not a valid store name/);
  });

  it('openBrowserStore() without IndexedDB says to use the in-memory store', async () => {
    expect(typeof indexedDB).toBe('undefined');
    const err = await openBrowserStore().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StoreArgumentError);
    expect((err as Error).message).toMatch(/no IndexedDB.*in-memory store/);
  });

  it('has one upgrade step for every schema version up to the current one', () => {
    expect(Object.keys(upgrades).map(Number)).toEqual(Array.from({ length: BROWSER_STORE_VERSION }, (_, i) => i + 1));
  });
});
