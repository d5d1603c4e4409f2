// The bad-input list through the CLI: each file gets exit code 1 and one line that names the file
// (and the line where it applies), the same sentence the studio shows.
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { nodeIO, type CliIO } from '../../../src/cli/io.ts';
import { main } from '../../../src/cli/main.ts';

const dir = mkdtempSync(join(tmpdir(), 'mlpad-bad-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const fixture = (name: string) => fileURLToPath(new URL(`../../fixtures/data/${name}`, import.meta.url));

async function profile(file: string) {
  let stdout = '', stderr = '';
  const io: CliIO = { ...nodeIO, stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t) };
  const code = await main(['profile', '--data', join(dir, file)], io);
  return { code, stdout, stderr };
}

writeFileSync(join(dir, 'empty.csv'), '');
writeFileSync(join(dir, 'garbage.csv'), Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 256)));
writeFileSync(join(dir, 'ragged.csv'), 'a,b\n1,2\n3,4\n5,6,7,8\n');
writeFileSync(join(dir, 'quote.csv'), 'a,b\n1,2\n3,"never closed\n4,5\n');
writeFileSync(join(dir, 'html.csv'), '<script>alert(1)</script>,x\n<b>hi</b>,1\n');
writeFileSync(join(dir, 'dups.csv'), 'x,x,,y\n1,2,3,4\n');
copyFileSync(fixture('codec-lzo.parquet'), join(dir, 'lzo.parquet'));

describe('mlpad profile on bad input', () => {
  const failures: [string, RegExp][] = [
    ['empty.csv', /^mlpad: .*empty\.csv: .*empty/i],
    ['garbage.csv', /^mlpad: .*garbage\.csv: .*(binary|text)/i],
    ['ragged.csv', /^mlpad: .*ragged\.csv \(line 4\): .*4 fields.*2/],
    ['quote.csv', /^mlpad: .*quote\.csv \(line 3\): .*quote/i],
    ['lzo.parquet', /^mlpad: .*lzo\.parquet.*LZO/],
  ];
  for (const [file, message] of failures) {
    it(`mlpad profile --data ${file} exits 1 with one line naming the file`, async () => {
      const r = await profile(file);
      expect(r.code).toBe(1);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(message);
      expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    });
  }

  it('column names and cells holding markup come through as literal text', async () => {
    const r = await profile('html.csv');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.schema.map((c: { name: string }) => c.name)).toEqual(['<script>alert(1)</script>', 'x']);
    expect(out.profile.columns[0].topK[0].value).toBe('<b>hi</b>');
  });

  it('duplicate and empty column names are renamed and the renames are reported as warnings', async () => {
    const r = await profile('dups.csv');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.schema.map((c: { name: string }) => c.name)).toEqual(['x', 'x.1', 'column_3', 'y']);
    expect(out.warnings.join(' ')).toMatch(/x\.1/);
    expect(out.warnings.join(' ')).toMatch(/column_3/);
  });
});
