// The folder store: the StoreBackend conformance suite, and crash safety — a commit that fails at any file
// operation leaves, after reopening, either all of the change or none of it.
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FolderBackend, nodeFolderFs, type FolderFs } from '../../../src/cli/store-folder.ts';
import type { StoreBackend } from '../../../src/lib/store/backend.ts';
import { sha256Hex } from '../../../src/lib/store/hash.ts';
import { describeBackend } from '../store/backend-suite.ts';

const root = mkdtempSync(join(tmpdir(), 'mlpad-store-folder-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let n = 0;
const fresh = () => join(root, `s${n++}`);

describeBackend('folder', () => FolderBackend.open(fresh()), (quota) => FolderBackend.open(fresh(), { quotaBytes: quota }));

/** Node's fs, except that the `failAt`-th mutating call (1-based, counted from when it is set) throws, as a crash there would stop the commit. */
function failingFs(): FolderFs & { calls: number; failAt: number } {
  const f = { ...nodeFolderFs, calls: 0, failAt: Infinity };
  for (const op of ['writeFile', 'rename', 'unlink', 'mkdir', 'rm', 'syncDir'] as const) {
    const real = nodeFolderFs[op] as (...a: unknown[]) => Promise<void>;
    (f as Record<string, unknown>)[op] = async (...a: unknown[]) => {
      if (++f.calls === f.failAt) throw Object.assign(new Error(`injected failure at ${op}`), { code: 'EIO' });
      return real(...a);
    };
  }
  return f;
}

async function snapshot(s: StoreBackend) {
  const out: Record<string, unknown> = {};
  for (const c of await s.collections()) out[c] = await s.list(c);
  return { records: out, blobs: await s.listBlobs() };
}

describe('folder backend crash safety', () => {
  it('a commit interrupted at any file operation is all or nothing after reopening', async () => {
    const blob = new TextEncoder().encode('model bytes');
    const hash = await sha256Hex(blob);
    const change = {
      put: [{ collection: 'runs', id: 'r1', value: { v: 2 } }, { collection: 'runs', id: 'r2', value: { v: 2 } }, { collection: 'experiments', id: 'e', value: { n: 1 } }],
      delete: [{ collection: 'runs', id: 'old' }],
      blobs: [{ hash, bytes: blob }],
    };
    let sawOld = 0, sawNew = 0;
    for (let failAt = 1; ; failAt++) {
      const dir = fresh();
      const base = await FolderBackend.open(dir);
      await base.commit({ put: [{ collection: 'runs', id: 'r1', value: { v: 1 } }, { collection: 'runs', id: 'old', value: { v: 1 } }] });
      const before = await snapshot(base);
      await base.close();
      const fs = failingFs();
      const crashing = await FolderBackend.open(dir, { fs });
      fs.calls = 0;
      fs.failAt = failAt;
      const failed = await crashing.commit(change).then(() => false, () => true);
      // Restart: a new process opens the folder.
      const reopened = await FolderBackend.open(dir);
      const after = await snapshot(reopened);
      if (JSON.stringify(after) === JSON.stringify(before)) sawOld++;
      else {
        expect(after.records).toEqual({
          experiments: [{ id: 'e', value: { n: 1 } }],
          runs: [{ id: 'r1', value: { v: 2 } }, { id: 'r2', value: { v: 2 } }],
        });
        expect(after.blobs).toEqual([{ hash, size: blob.length }]);
        sawNew++;
      }
      // No journal and no files of the interrupted commit are left behind.
      expect(readdirSync(dir).filter((f) => f === 'tmp' || f === 'journal.json')).toEqual([]);
      await reopened.close();
      if (!failed) break; // failAt went past the last operation: the commit ran to the end
    }
    // Failures before the journal's rename leave the old state; after it, the new one.
    expect(sawOld).toBeGreaterThan(3);
    expect(sawNew).toBeGreaterThan(1);
  });

  it('the same store recovers on its next call after a failed commit', async () => {
    const dir = fresh();
    const fs = failingFs();
    const s = await FolderBackend.open(dir, { fs });
    await s.commit({ put: [{ collection: 'runs', id: 'a', value: 1 }] });
    // Fail at the unlink of the applied journal: the change is committed but the journal is still there.
    let calls = 0;
    const realUnlink = fs.unlink;
    fs.unlink = async (p) => { if (p.endsWith('journal.json') && calls++ === 0) throw new Error('injected'); return realUnlink(p); };
    await expect(s.commit({ put: [{ collection: 'runs', id: 'b', value: 2 }] })).rejects.toThrow('injected');
    expect((await s.list('runs')).map((r) => r.id)).toEqual(['a', 'b']);
    expect(readdirSync(dir)).not.toContain('journal.json');
  });

  it('refuses a folder whose store.json is not an mlpad store', async () => {
    const dir = fresh();
    await FolderBackend.open(dir);
    writeFileSync(join(dir, 'store.json'), '{"format":"other"}');
    await expect(FolderBackend.open(dir)).rejects.toThrow(/is not an mlpad store file; give --store a folder of its own/);
  });
});
