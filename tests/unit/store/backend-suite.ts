// One conformance suite for every StoreBackend (memory, folder, browser): run it with describeBackend.
import { describe, expect, it } from 'vitest';
import { StoreArgumentError, StoreQuotaError, type StoreBackend } from '../../../src/lib/store/backend.ts';
import { sha256Hex } from '../../../src/lib/store/hash.ts';

const bytes = (...v: number[]) => new Uint8Array(v);

/** Runs the contract on backends from `make`; `makeFull` (optional) gives one with about `quota` bytes of room. */
export function describeBackend(name: string, make: () => Promise<StoreBackend>, makeFull?: (quota: number) => Promise<StoreBackend>) {
  describe(`${name} backend`, () => {
    it('commit writes records that get and list read back, sorted by id', async () => {
      const s = await make();
      await s.commit({ put: [{ collection: 'runs', id: 'b', value: { n: 2 } }, { collection: 'runs', id: 'a', value: { n: 1, t: 'é' } }] });
      expect(await s.get('runs', 'a')).toEqual({ n: 1, t: 'é' });
      expect(await s.get('runs', 'zz')).toBeUndefined();
      expect((await s.list('runs')).map((r) => r.id)).toEqual(['a', 'b']);
      expect(await s.collections()).toEqual(['runs']);
      await s.commit({ delete: [{ collection: 'runs', id: 'a' }, { collection: 'runs', id: 'never' }] });
      expect((await s.list('runs')).map((r) => r.id)).toEqual(['b']);
      await s.close();
    });

    it('blobs are stored under their SHA-256 and a wrong hash is refused with nothing written', async () => {
      const s = await make();
      const b = bytes(1, 2, 3, 250);
      const h = await sha256Hex(b);
      await expect(s.commit({ put: [{ collection: 'models', id: 'm', value: 1 }], blobs: [{ hash: 'f'.repeat(64), bytes: b }] })).rejects.toBeInstanceOf(StoreArgumentError);
      expect(await s.get('models', 'm')).toBeUndefined();
      await s.commit({ blobs: [{ hash: h, bytes: b }] });
      expect(Array.from((await s.getBlob(h))!)).toEqual([1, 2, 3, 250]);
      expect(await s.listBlobs()).toEqual([{ hash: h, size: 4 }]);
      expect((await s.usage()).blobs[h]).toBe(4);
      await s.deleteBlobs([h]);
      expect(await s.getBlob(h)).toBeUndefined();
      await s.close();
    });

    it('refuses bad collection names and ids with a sentence', async () => {
      const s = await make();
      await expect(s.commit({ put: [{ collection: '../etc', id: 'x', value: 1 }] })).rejects.toThrow(/not a valid name/);
      await expect(s.commit({ put: [{ collection: 'runs', id: '', value: 1 }] })).rejects.toThrow(/non-empty/);
      await s.close();
    });

    it('tells subscribers which collections changed', async () => {
      const s = await make();
      const seen: string[][] = [];
      const off = s.subscribe((e) => seen.push(e.collections));
      await s.commit({ put: [{ collection: 'experiments', id: 'e', value: {} }] });
      off();
      await s.commit({ put: [{ collection: 'runs', id: 'r', value: {} }] });
      expect(seen).toEqual([['experiments']]);
      await s.close();
    });

    if (makeFull) {
      it('a full store throws StoreQuotaError and keeps what it had', async () => {
        const s = await makeFull(4096);
        await s.commit({ put: [{ collection: 'runs', id: 'kept', value: { a: 1 } }] });
        const big = new Uint8Array(64 * 1024).fill(7);
        await expect(s.commit({ put: [{ collection: 'runs', id: 'lost', value: 2 }], blobs: [{ hash: await sha256Hex(big), bytes: big }] })).rejects.toBeInstanceOf(StoreQuotaError);
        expect(await s.get('runs', 'kept')).toEqual({ a: 1 });
        expect(await s.get('runs', 'lost')).toBeUndefined();
        await s.close();
      });
    }
  });
}
