// Identifiers with leading zeros on a real public file: vega-datasets' zipcodes.csv, whose first zip codes
// are 00501 and 00544. No reading and no type override may lose their zeros.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { tableFromIPC, tableToIPC } from 'apache-arrow';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadBytes } from '../../../src/lib/data/index.ts';
import type { LoadResult } from '../../../src/lib/data/types.ts';
import { createDataEngine } from '../../../src/lib/engine/data-engine.ts';
import { applyOverrides, buildSchema, profileTable } from '../../../src/lib/profile/index.ts';

const ZIPCODES = resolve(import.meta.dirname, '../../../node_modules/vega-datasets/data/zipcodes.csv');
let loaded: LoadResult;

beforeAll(async () => {
  loaded = await loadBytes('zipcodes.csv', new Uint8Array(readFileSync(ZIPCODES)));
});

describe('zipcodes.csv: zip codes with leading zeros', () => {
  it('zip_code is read as text, so 00501 keeps its zeros (it used to be the integer 501)', () => {
    const zip = loaded.table.getChild('zip_code')!;
    expect(String(zip.type)).toBe('Dictionary<Int32, Utf8>');
    expect([zip.get(0), zip.get(1)]).toEqual(['00501', '00544']);
    expect(loaded.table.numRows).toBe(42049);
  });

  it('zip_code is inferred as an id (a distinct short code in every row); latitude stays float', () => {
    const schema = buildSchema(loaded.table);
    expect(schema.find((c) => c.name === 'zip_code')!.inferred).toBe('id');
    expect(schema.find((c) => c.name === 'latitude')!.inferred).toBe('float');
  });

  it('overriding zip_code to categorical or text shows 00501; to integer it reads the original text as numbers', () => {
    const schema = buildSchema(loaded.table);
    for (const type of ['categorical', 'text', 'id'] as const) {
      const p = profileTable(loaded.table, applyOverrides(schema, { zip_code: type })).columns[0];
      expect(p.topK!.map((t) => t.value).slice(0, 2), type).toEqual(['00501', '00544']);
    }
    const asInt = profileTable(loaded.table, applyOverrides(schema, { zip_code: 'integer' })).columns[0];
    expect(asInt.numeric!.min).toBe(501);
    expect(asInt.missing).toBe(0);
  });

  it('the data engine keeps the text through Arrow IPC, setTable and an id override', async () => {
    const engine = createDataEngine();
    const schema = await engine.setTable(tableToIPC(loaded.table, 'stream'));
    expect(schema[0]).toMatchObject({ name: 'zip_code', inferred: 'id' });
    const profile = await engine.profile({ zip_code: 'categorical' });
    expect(profile.columns[0].topK![0].value).toBe('00501');
    expect(tableFromIPC(tableToIPC(loaded.table, 'stream')).getChild('zip_code')!.get(0)).toBe('00501');
  });
});
