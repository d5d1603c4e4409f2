import { afterEach, describe, expect, it, vi } from 'vitest';
import { createDataEngine } from '../../../src/lib/engine/data-engine.ts';

const INDEX_HTML = '<!doctype html>\n<html lang="en"><head><title>mlpad</title></head><body><div id="app"></div></body></html>\n';

function serve(body: string, headers: Record<string, string>): void {
  vi.stubGlobal('fetch', async () => new Response(body, { status: 200, headers }));
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('data engine loadUrl', () => {
  it('a missing file answered with index.html and 200 (text/html) is "not found", naming the URL path', async () => {
    serve(INDEX_HTML, { 'content-type': 'text/html; charset=utf-8' });
    await expect(createDataEngine().loadUrl('http://localhost:5173/samples/nope.csv', 'nope.csv', {}))
      .rejects.toThrow('nope.csv: /samples/nope.csv was not found: the server sent a web page (HTML) instead of data. Check the URL.');
  });

  it('HTML bytes under a data content type are also "not found"', async () => {
    serve(`  ${INDEX_HTML.toUpperCase()}`, { 'content-type': 'text/csv' });
    await expect(createDataEngine().loadUrl('http://localhost:5173/data/missing.csv', 'missing.csv', {})).rejects.toThrow(/\/data\/missing\.csv was not found/);
    serve('<html><body>404</body></html>', { 'content-type': 'application/octet-stream' });
    await expect(createDataEngine().loadUrl('http://localhost:5173/x.json', 'x.json', {})).rejects.toThrow(/\/x\.json was not found/);
  });

  it('a real CSV reports its missing tokens, and loading again with other options re-reads it', async () => {
    serve('damage,cost\nNone,1\nNone,2\nMinor,3\n', { 'content-type': 'text/csv' });
    const engine = createDataEngine();
    const first = await engine.loadUrl('http://localhost:5173/b.csv', 'b.csv', {});
    expect(first.missingTokens).toEqual([{ column: 'damage', empty: 0, tokens: [{ token: 'None', count: 2, dominant: true }] }]);
    expect(first.warnings).toEqual(['damage: "None" is 67% of the column and was read as missing; if it is a value, remove it from the missing tokens.']);
    const again = await engine.loadUrl('http://localhost:5173/b.csv', 'b.csv', { naValuesByColumn: { damage: [] } });
    expect(again.missingTokens).toEqual([]);
    expect(again.warnings).toEqual([]);
  });
});

describe('data engine loadBlob', () => {
  it('an HTML file dropped as data is refused with a sentence, not read as a one-column table', async () => {
    await expect(createDataEngine().loadBlob(new Blob([INDEX_HTML]), 'page.csv', {})).rejects.toThrow(/page\.csv: this is a web page \(HTML\), not data/);
  });
});
