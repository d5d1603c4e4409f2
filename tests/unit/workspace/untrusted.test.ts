// Every way a hand-made or damaged workspace file is refused: each test checks the error code, that the
// message names the problem and what to do, and (through expectRefused) that the store is left untouched.
import { describe, expect, it } from 'vitest';
import { zipSync } from 'fflate';
import { sha256Hex } from '../../../src/lib/store/hash.ts';
import { exportWorkspace, importWorkspace } from '../../../src/lib/workspace/index.ts';
import { MemoryBackend } from '../../../src/lib/store/memory-backend.ts';
import { centralEntries, enc, expectRefused, handMade, json, noise, patchCentral, renameBytes, sampleStore } from './fixtures.ts';

const runs = json([{ id: 'r1', value: { a: 1 } }]);
const MiB = 1024 ** 2;

describe('corrupted archives', () => {
  it('refuses something that is not a zip at all, and an empty file', async () => {
    await expectRefused(enc.encode('id,value\n1,2\n'.repeat(10)), 'corrupt', /not a zip archive.*download or copy it again/);
    await expectRefused(new Uint8Array(0), 'corrupt', /too short to be a zip archive/);
  });

  it('refuses a truncated archive (end cut off, or cut in half)', async () => {
    const { store } = await sampleStore();
    const good = await exportWorkspace(store);
    await expectRefused(good.slice(0, good.length - 10), 'corrupt', /end was cut off/);
    await expectRefused(good.slice(0, good.length >> 1), 'corrupt', /cannot be read/);
  });

  it('refuses a bad CRC in a stored entry and damaged deflate data', async () => {
    const stored = await handMade({ 'records/runs.json': runs }, undefined, 0);
    const e = centralEntries(stored).get('records/runs.json')!;
    const flipped = stored.slice();
    flipped[e.local + 30 + 'records/runs.json'.length + 3] ^= 0x20;
    await expectRefused(flipped, 'corrupt', /"records\/runs\.json" fails its CRC check/);
    const blob = noise(20_000);
    const deflated = await handMade({ [`blobs/${await sha256Hex(blob)}`]: blob, 'records/runs.json': json(Array.from({ length: 200 }, (_, i) => ({ id: `r${i}`, value: 'x'.repeat(i) }))) });
    const r = centralEntries(deflated).get('records/runs.json')!;
    const bad = deflated.slice();
    for (let i = 0; i < 8; i++) bad[r.local + 30 + 'records/runs.json'.length + 40 + i] ^= 0xff;
    await expectRefused(bad, 'corrupt', /records\/runs\.json.*(cannot be decompressed|fails its CRC|decompresses to)/);
  });

  it('refuses entries whose data overlap or run past the directory', async () => {
    const zip = await handMade({ 'records/a.json': runs, 'records/b.json': runs }, undefined, 0);
    const grown = patchCentral(patchCentral(zip, 'records/a.json', 20, 200), 'records/a.json', 24, 200);
    await expectRefused(grown, 'corrupt', /overlap|runs past the end/);
  });
});

describe('zip bombs', () => {
  it('refuses, before inflating, an archive whose declared sizes add up to many gigabytes', async () => {
    const files: Record<string, Uint8Array> = { 'records/runs.json': runs };
    for (let i = 0; i < 5; i++) { const b = noise(100, i); files[`blobs/${await sha256Hex(b)}`] = b; }
    let zip = await handMade(files);
    for (const name of Object.keys(files).filter((n) => n.startsWith('blobs/'))) zip = patchCentral(zip, name, 24, 500 * MiB);
    await expectRefused(zip, 'too-large', /would expand to more than 2\.0 GB.*raise the limit only for a file you trust/);
  });

  it('refuses one declared-oversized blob or JSON file, and honours smaller limits', async () => {
    const b = noise(100);
    const name = `blobs/${await sha256Hex(b)}`;
    const zip = await handMade({ [name]: b, 'records/runs.json': runs });
    await expectRefused(patchCentral(zip, name, 24, 513 * MiB), 'too-large', /would expand to 513\.0 MB, more than the 512\.0 MB allowed for one blob/);
    await expectRefused(patchCentral(zip, 'records/runs.json', 24, 65 * MiB), 'too-large', /more than the 64\.0 MB allowed for one JSON file/);
    await expectRefused(zip, 'too-large', /more than the 100 bytes allowed for one JSON file/, { limits: { maxJsonBytes: 100 } });
    await expectRefused(zip, 'too-large', /would expand to more than 120 bytes/, { limits: { maxTotalBytes: 120 } });
  });

  it('stops an entry that inflates beyond its declared size (8 MiB of zeros declared as 1 KiB)', async () => {
    const zeros = new Uint8Array(8 * MiB);
    const name = `blobs/${await sha256Hex(zeros)}`;
    const zip = zipSync({ [name]: zeros }, { level: 1, mtime: new Date(1980, 0, 1) });
    expect(zip.length).toBeLessThan(MiB);
    await expectRefused(patchCentral(zip, name, 24, 1024), 'too-large', /expands beyond the 1\.0 KB its header declares.*zip bomb/);
  });

  it('refuses more entries than the limit, from the directory count', async () => {
    const zip = await handMade({ 'records/a.json': runs, 'records/b.json': runs, 'records/c.json': runs });
    await expectRefused(zip, 'too-large', /has 4 entries, more than the 3 allowed/, { limits: { maxEntries: 3 } });
  });
});

describe('names', () => {
  const cases: [string, RegExp][] = [
    ['../x', /unsafe: it climbs out of its folder/],
    ['records/../../etc/passwd', /climbs out/],
    ['/abs/records/runs.json', /absolute path/],
    ['C:\\x', /backslash|absolute/],
    ['C:/x', /absolute path/],
    ['records\\runs.json', /backslash/],
    ['blobs/a\u0000b', /control character \(such as NUL\)/],
  ];
  for (const [name, message] of cases) {
    it(`refuses an entry named ${JSON.stringify(name)} as unsafe`, async () => {
      await expectRefused(zipSync({ 'mlpad-workspace.json': json({}), [name]: enc.encode('x') }), 'unsafe-name', message);
    });
  }

  it('refuses names outside the layout, including bad collection names', async () => {
    for (const name of ['notes.txt', 'records/Runs.json', 'records/my_runs.json', 'records/runs.json/x', 'blobs/ABC', 'blobs/' + 'A'.repeat(64)]) {
      await expectRefused(await handMade({ [name]: runs }), 'layout', /outside the workspace layout/);
    }
  });

  it('refuses a name that is not valid UTF-8 text', async () => {
    const zip = await handMade({ 'records/ab.json': runs });
    await expectRefused(renameBytes(zip, enc.encode('records/ab'), Uint8Array.from([...enc.encode('records/a'), 0xff])), 'unsafe-name', /not valid text/);
  });

  it('refuses an archive holding the same entry twice', async () => {
    const zip = await handMade({ 'records/aa.json': runs, 'records/ab.json': runs }, undefined, 0);
    await expectRefused(renameBytes(zip, enc.encode('records/ab.json'), enc.encode('records/aa.json')), 'duplicate', /holds "records\/aa\.json" twice/);
  });
});

describe('JSON contents', () => {
  it('refuses malformed JSON in a collection and in the manifest', async () => {
    await expectRefused(await handMade({ 'records/runs.json': enc.encode('[{"id": "r1", "value": ') }), 'json', /records\/runs\.json .* is not valid JSON/);
    await expectRefused(zipSync({ 'mlpad-workspace.json': enc.encode('{"format": "mlpad-work') }), 'json', /mlpad-workspace\.json .* is not valid JSON/);
  });

  it('refuses JSON of the wrong shape', async () => {
    const shapes: [unknown, RegExp][] = [
      [{ id: 'r1', value: 1 }, /is not a list of records/],
      [[1, 2], /record 1 of records\/runs\.json is not \{ id, value \}/],
      [[{ id: 'r1' }], /is not \{ id, value \}/],
      [[{ id: 'r1', value: 1, extra: 2 }], /is not \{ id, value \}/],
      [[{ id: 7, value: 1 }], /id that is not a string/],
      [[{ id: '', value: 1 }], /id that is not a string of 1 to 512/],
    ];
    for (const [v, message] of shapes) await expectRefused(await handMade({ 'records/runs.json': json(v) }), 'shape', message);
    await expectRefused(await handMade({ 'records/runs.json': json([{ id: 'r', value: 1 }, { id: 'r', value: 2 }]) }), 'duplicate', /holds the record "r" twice/);
  });

  it('refuses values nested deeper than maxDepth', async () => {
    const deep = enc.encode(`[{"id": "r", "value": ${'['.repeat(300)}${']'.repeat(300)}}]`);
    await expectRefused(await handMade({ 'records/runs.json': deep }), 'shape', /nests deeper than 256 levels/);
  });

  it('refuses a manifest of the wrong shape or with wrong counts', async () => {
    await expectRefused(await handMade({ 'records/runs.json': runs }, (m) => { m.entries = 'all'; }), 'shape', /entries is not a list/);
    await expectRefused(await handMade({ 'records/runs.json': runs }, (m) => { m.counts = { records: { runs: 2 }, blobs: 0 }; }), 'shape', /says 2 records for "runs" but the file holds 1/);
    await expectRefused(await handMade({ 'records/runs.json': runs }, (m) => { m.counts = { records: { runs: 1, Bad: 1 }, blobs: 0 }; }), 'shape', /counts\.records has a bad entry "Bad"/);
    await expectRefused(zipSync({ 'records/runs.json': runs }), 'layout', /has no mlpad-workspace\.json/);
  });
});

describe('versions', () => {
  it('refuses an unknown format name', async () => {
    await expectRefused(await handMade({}, (m) => { m.format = 'other-tool'; }), 'version', /not an mlpad workspace file \(its format is "other-tool"/);
  });

  it('refuses a newer format version, saying to update mlpad', async () => {
    await expectRefused(await handMade({ 'records/runs.json': runs }, (m) => { m.formatVersion = 2; }), 'version', /made by a newer mlpad \(format 2; .*\); update mlpad/);
  });

  it('refuses records from a newer store schema', async () => {
    await expectRefused(await handMade({ 'records/runs.json': runs }, (m) => { m.storeVersion = 9; }), 'version', /newer mlpad \(store schema 9; this one reads up to 1\); update mlpad/);
  });
});

describe('hashes', () => {
  it('refuses a blob whose bytes do not hash to its name, even with a matching manifest', async () => {
    const b = noise(500);
    await expectRefused(await handMade({ [`blobs/${'0'.repeat(64)}`]: b }), 'hash', /does not hash to its name/);
  });

  it('refuses an entry changed after export (manifest hash or size differs)', async () => {
    await expectRefused(await handMade({ 'records/runs.json': runs }, (m) => { (m.entries as { sha256: string }[])[0].sha256 = 'f'.repeat(64); }), 'hash', /does not match the SHA-256 and size its manifest records/);
    await expectRefused(await handMade({ 'records/runs.json': runs }, (m) => { (m.entries as unknown[]).push({ path: 'records/x.json', sha256: 'f'.repeat(64), size: 1 }); }), 'shape', /lists "records\/x\.json", which the archive does not hold/);
    await expectRefused(await handMade({ 'records/runs.json': runs }, (m) => { m.entries = []; }), 'shape', /is not listed in the manifest/);
  });
});

it('a valid hand-made file (records only) imports, so the refusals above are about their one defect', async () => {
  const t = new MemoryBackend();
  expect((await importWorkspace(t, await handMade({ 'records/runs.json': runs }))).added).toEqual({ runs: 1 });
  expect(await t.get('runs', 'r1')).toEqual({ a: 1 });
});
