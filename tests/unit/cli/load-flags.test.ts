// The reading flags (--na-values, --no-default-na, --delimiter, --quote, --no-header) on profile, train and
// predict, through main() in-process, on a real public file (vega-datasets' birdstrikes.csv) and small ones.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadOptionsFromFlags } from '../../../src/cli/load-flags.ts';
import { runMlpad as run } from './run-mlpad.ts';

const dir = mkdtempSync(join(tmpdir(), 'mlpad-load-flags-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const at = (name: string) => join(dir, name);
const vega = (name: string) => resolve(import.meta.dirname, '../../../node_modules/vega-datasets/data', name);

const DAMAGE = 'Effect Amount of damage';
const damageOf = (out: { profile: { columns: { name: string; missing: number; topK?: { value: string; count: number }[] }[] } }) =>
  out.profile.columns.find((c) => c.name === DAMAGE)!;

writeFileSync(at('semi.csv'), 'a;b\n1;x\n2;y\n');
writeFileSync(at('noheader.csv'), 'Oslo,Norway\nLima,Peru\nRome,Italy\n');
const rows = Array.from({ length: 40 }, (_, i) => `${i}|${i % 4 === 0 ? 'None' : i % 2 ? 'Minor' : 'Medium'}|${i % 2 ? 'yes' : 'no'}`);
writeFileSync(at('pipes.csv'), ['x|damage|y', ...rows].join('\n') + '\n');

describe('loadOptionsFromFlags', () => {
  it('turns the flags into LoadOptions: comma-separated tokens, defaultNa false, tab spelled as a word, header false', () => {
    expect(loadOptionsFromFlags({ 'na-values': 'None, -999,,?', 'no-default-na': true, delimiter: 'tab', 'no-header': true }, 'h'))
      .toEqual({ naValues: ['None', '-999', '?'], defaultNa: false, delimiter: '\t', header: false });
    expect(loadOptionsFromFlags({}, 'h')).toEqual({});
  });

  it('refuses a delimiter or quote longer than one character, and a delimiter equal to the quote', () => {
    expect(() => loadOptionsFromFlags({ delimiter: ';;' }, 'h')).toThrow('--delimiter must be one character (or "tab"), such as ";" or "|"; got ";;"');
    expect(() => loadOptionsFromFlags({ delimiter: "'", quote: "'" }, 'h')).toThrow(`--delimiter and the quote character must differ; both are "'"`);
  });
});

describe('mlpad profile reading flags', () => {
  it('birdstrikes.csv: "None" damage is read as missing by default (as pandas does), counted, and flagged with a warning', async () => {
    const r = await run('profile', '--data', vega('birdstrikes.csv'));
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.missingTokens).toContainEqual({ column: DAMAGE, empty: 0, tokens: [{ token: 'None', count: 8939, dominant: true }] });
    expect(out.warnings).toContain(`${DAMAGE}: "None" is 89% of the column and was read as missing; if it is a value, remove it from the missing tokens.`);
    expect(damageOf(out).missing).toBe(8939);
  });

  it('birdstrikes.csv with --no-default-na: "None" is the most common damage value and nothing is flagged', async () => {
    const out = JSON.parse((await run('profile', '--data', vega('birdstrikes.csv'), '--no-default-na')).stdout);
    expect(damageOf(out).missing).toBe(0);
    expect(damageOf(out).topK![0]).toEqual({ value: 'None', count: 8939 });
    expect(out.warnings).toEqual([]);
    expect(out.missingTokens.map((c: { column: string }) => c.column)).toEqual(['Speed IAS in knots']);
  });

  it('--na-values adds tokens to the defaults', async () => {
    const out = JSON.parse((await run('profile', '--data', at('semi.csv'), '--na-values', 'x,y')).stdout);
    expect(out.profile.columns[1].missing).toBe(2);
  });

  it('--delimiter and --no-header read the file as told', async () => {
    const semi = JSON.parse((await run('profile', '--data', at('semi.csv'), '--delimiter', ';')).stdout);
    expect(semi.schema.map((c: { name: string }) => c.name)).toEqual(['a', 'b']);
    const plain = JSON.parse((await run('profile', '--data', at('noheader.csv'))).stdout);
    const bare = JSON.parse((await run('profile', '--data', at('noheader.csv'), '--no-header')).stdout);
    expect(plain.rows).toBe(2);
    expect(bare.rows).toBe(3);
  });

  it('a wrong --delimiter ends in the ragged-row message, which names the delimiter as set', async () => {
    const r = await run('profile', '--data', at('pipes.csv'), '--delimiter', ',', '--no-header');
    expect(r.code).toBe(0); // one column: every row has one field
    const ragged = at('ragged.csv');
    writeFileSync(ragged, 'a|b\n1|2\n3|4|5\n');
    const bad = await run('profile', '--data', ragged, '--delimiter', '|');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/line 3\): this row has 3 fields but the header row has 2\. The delimiter is "\|", as set; check for a value that contains it but is not quoted with ", or set another delimiter\./);
  });
});

describe('mlpad train and predict reading flags', () => {
  it('train prints the dominant-token warning; with --no-default-na "None" is a class, and predict takes the same flags', async () => {
    const plain = await run('train', '--train', at('pipes.csv'), '--target', 'damage', '--hp', 'num_round=2', '--model-out', at('m1.json'));
    expect(plain.code).toBe(0);
    expect(plain.stderr).not.toMatch(/warning: pipes\.csv: damage/); // None is 25% here: not dominant
    const r = await run('train', '--train', at('pipes.csv'), '--target', 'damage', '--no-default-na', '--delimiter', '|', '--hp', 'num_round=2', '--model-out', at('m2.json'));
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).classes).toEqual(['Medium', 'Minor', 'None']);
    expect(JSON.parse(plain.stdout).classes).toEqual(['Medium', 'Minor']);
    const p = await run('predict', '--model', at('m2.json'), '--data', at('pipes.csv'), '--no-default-na', '--delimiter', '|');
    expect(p.code).toBe(0);
    expect(p.stdout.split('\n')[0]).toMatch(/^predicted_label,/);
  });

  it('train on birdstrikes.csv warns on stderr that "None" damage was read as missing', async () => {
    const r = await run('train', '--train', vega('birdstrikes.csv'), '--target', 'Effect Amount of damage', '--hp', 'num_round=1', '--model-out', at('b.json'));
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(`warning: birdstrikes.csv: ${DAMAGE}: "None" is 89% of the column and was read as missing; if it is a value, remove it from the missing tokens.`);
  });
});

describe('--date-format', () => {
  it('reads COLUMN=FORMAT pairs, with spaces in column names and times, repeated', () => {
    const flags = { 'date-format': 'Order Date=DD/MM/YYYY HH:mm when=MM/DD/YYYY' };
    expect(loadOptionsFromFlags(flags, 'hint').dateFormats).toEqual({ 'Order Date': 'DD/MM/YYYY HH:mm', when: 'MM/DD/YYYY' });
  });

  it('refuses a format without day, month and year with a sentence', () => {
    expect(loadOptionsFromFlags({ 'date-format': 'code=text' }, 'hint').dateFormats).toEqual({ code: 'text' });
    expect(() => loadOptionsFromFlags({ 'date-format': 'when=ZZ' }, 'hint')).toThrow('--date-format takes COLUMN=FORMAT with the day, month and year in order');
  });
});
