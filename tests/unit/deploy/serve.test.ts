// `mlpad serve` and its server: 200 concurrent requests (16 at a time, on loopback) of valid and invalid
// payloads, each answer checked (the prediction `mlpad predict` gives for valid ones, the right 4xx and
// sentence for invalid ones), the server still answering afterwards; loopback-only binding; a clean stop.
import { spawn } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInferenceServer } from '../../../src/cli/serve-server.ts';
import { loadDeployModel } from '../../../src/lib/deploy/deploy-model.ts';
import { runMlpad } from '../cli/run-mlpad.ts';
import { CASES, pickColumns, tempDir, tinyCsv, trainTiny } from './tiny-models.ts';

const dir = tempDir('mlpad-serve-');
let modelPath = '';
let server: Server;
let base = '';
/** Rows a, b, c, color and the positive-class probability mlpad predict gives for each. */
let rows: string[] = [];
let expected: string[] = [];
const LIMIT = 64 * 1024;

beforeAll(async () => {
  modelPath = await trainTiny(dir, CASES.find((c) => c.name === 'xgboost')!);
  const csv = pickColumns(tinyCsv(40, 77), ['a', 'b', 'c', 'color']);
  writeFileSync(join(dir, 'rows.csv'), csv);
  rows = csv.trimEnd().split('\n').slice(1);
  const p = await runMlpad('predict', '--model', modelPath, '--data', join(dir, 'rows.csv'));
  const [header, ...lines] = p.stdout.trimEnd().split('\n').map((l) => l.split(','));
  expected = lines.map((l) => l[header.indexOf('probability_yes')]);
  const m = await loadDeployModel(new Uint8Array(readFileSync(modelPath)), 'xgboost.model.json');
  server = createInferenceServer(m, { maxPayloadBytes: LIMIT, variantName: 'variant-a' });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}, 120_000);
afterAll(async () => {
  await new Promise<void>((resolve) => { server?.close(() => resolve()); server?.closeAllConnections(); });
  rmSync(dir, { recursive: true, force: true });
});

interface Case { method: string; path: string; headers: Record<string, string>; body?: string; status: number; check(text: string, res: Response): void }

function requestCase(k: number): Case {
  const r = k % rows.length;
  const row = rows[r].split(',');
  switch (k % 11) {
    case 0: return { method: 'POST', path: '/invocations', headers: { 'Content-Type': 'text/csv' }, body: `${rows[r]}\n${rows[(r + 1) % rows.length]}\n`, status: 200,
      check: (t, res) => { expect(t).toBe(`${expected[r]}\n${expected[(r + 1) % rows.length]}\n`); expect(res.headers.get('content-type')).toBe('text/csv'); expect(res.headers.get('x-amzn-invoked-production-variant')).toBe('variant-a'); } };
    case 1: return { method: 'POST', path: '/invocations', headers: { 'Content-Type': 'application/json', Accept: 'application/json' }, body: JSON.stringify({ instances: [{ features: [Number(row[0]), Number(row[1]), Number(row[2]), row[3]] }] }), status: 200,
      check: (t) => expect(JSON.parse(t)).toEqual({ predictions: [{ score: Number(expected[r]) }] }) };
    case 2: return { method: 'POST', path: '/invocations', headers: { 'Content-Type': 'application/jsonlines', Accept: 'application/jsonlines' }, body: `${JSON.stringify({ a: Number(row[0]), b: Number(row[1]), c: Number(row[2]), color: row[3] })}\n`, status: 200,
      check: (t) => expect(t).toBe(`{"score":${Number(expected[r])}}\n`) };
    case 3: return { method: 'POST', path: '/invocations', headers: { 'Content-Type': 'text/csv' }, body: '1,2\n', status: 400, check: (t) => expect(t).toBe('CSV row 1 (line 1) has 2 fields; the model reads 4: a, b, c, color\n') };
    case 4: return { method: 'POST', path: '/invocations', headers: { 'Content-Type': 'text/plain' }, body: rows[r], status: 415, check: (t) => expect(t).toMatch(/^Content-Type "text\/plain" is not supported/) };
    case 5: return { method: 'POST', path: '/invocations', headers: { 'Content-Type': 'text/csv', Accept: 'image/png' }, body: rows[r], status: 406, check: (t) => expect(t).toMatch(/^cannot answer in "image\/png"/) };
    case 6: return { method: 'POST', path: '/invocations', headers: { 'Content-Type': 'text/csv' }, body: `${rows[r]}\n`.repeat(Math.ceil((LIMIT + 10) / (rows[r].length + 1))), status: 413, check: (t) => expect(t).toMatch(/^the request body is larger than the 0\.06 MB limit/) };
    case 7: return { method: 'GET', path: '/invocations', headers: {}, status: 405, check: (t) => expect(t).toBe('use POST /invocations\n') };
    case 8: return { method: 'POST', path: '/predict', headers: { 'Content-Type': 'text/csv' }, body: rows[r], status: 404, check: (t) => expect(t).toMatch(/^not found/) };
    case 9: return { method: 'POST', path: '/invocations', headers: { 'Content-Type': 'application/json' }, body: '{"instances": [', status: 400, check: (t) => expect(t).toMatch(/^the request body is not valid JSON/) };
    default: return { method: 'POST', path: '/invocations', headers: { 'Content-Type': 'text/csv' }, body: 'x,1,2,red\n', status: 400, check: (t) => expect(t).toMatch(/column "a" .*not a number.*"x"/) };
  }
}

async function pool<T>(n: number, limit: number, task: (k: number) => Promise<T>): Promise<T[]> {
  const out = new Array<T>(n);
  let next = 0;
  await Promise.all(Array.from({ length: limit }, async () => {
    while (next < n) { const k = next++; out[k] = await task(k); }
  }));
  return out;
}

describe('the inference server', () => {
  it('answers 200 concurrent mixed requests (16 at a time) each with the right status and body, and still answers after', async () => {
    const results = await pool(200, 16, async (k) => {
      const c = requestCase(k);
      const res = await fetch(`${base}${c.path}`, { method: c.method, headers: c.headers, body: c.body });
      return { c, status: res.status, text: await res.text(), res };
    });
    for (const { c, status, text, res } of results) {
      expect(status, `${c.method} ${c.path} ${c.body?.slice(0, 40)}`).toBe(c.status);
      c.check(text, res);
      if (status !== 200) expect(res.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    }
    expect(results.filter((r) => r.status === 200).length).toBeGreaterThanOrEqual(54);
    const ping = await fetch(`${base}/ping`);
    expect(ping.status).toBe(200);
    const again = await fetch(`${base}/invocations`, { method: 'POST', headers: { 'Content-Type': 'text/csv' }, body: rows[0] });
    expect(await again.text()).toBe(`${expected[0]}\n`);
  }, 60_000);

  it('answers a malformed HTTP request with 400 and keeps serving', async () => {
    const reply = await new Promise<string>((resolve, reject) => {
      const s = connect((server.address() as AddressInfo).port, '127.0.0.1', () => s.write('NOT A REQUEST\r\n\r\n'));
      let data = '';
      s.on('data', (d) => (data += d));
      s.on('end', () => resolve(data));
      s.on('error', reject);
    });
    expect(reply).toMatch(/^HTTP\/1\.1 400 Bad Request/);
    expect((await fetch(`${base}/ping`)).status).toBe(200);
    expect((await fetch(`${base}/ping`, { method: 'POST' })).status).toBe(405);
  });
});

describe('mlpad serve', () => {
  it('refuses to bind to 0.0.0.0 without --allow-remote, saying why', async () => {
    const r = await runMlpad('serve', '--model', modelPath, '--host', '0.0.0.0');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^mlpad: refusing to bind to "0\.0\.0\.0": it is not a loopback address and the server has no authentication.*pass --allow-remote/);
  });

  it('serves on an ephemeral loopback port, prints the URL, and stops cleanly on SIGTERM', async () => {
    const bin = fileURLToPath(new URL('../../../bin/mlpad.js', import.meta.url));
    const child = spawn(process.execPath, [bin, 'serve', '--model', modelPath, '--port', '0'], { env: { ...process.env, MLPAD_DEBUG: '' } });
    let stdout = '', stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (d) => { stdout += d; const m = /http:\/\/127\.0\.0\.1:\d+/.exec(stdout); if (m) resolve(m[0]); });
      child.on('exit', (code) => reject(new Error(`mlpad serve exited ${code}: ${stderr}`)));
    });
    expect(stdout).toMatch(/^mlpad: serving the xgboost model .* at http:\/\/127\.0\.0\.1:\d+ \(POST \/invocations, GET \/ping\)/);
    expect((await fetch(`${url}/ping`)).status).toBe(200);
    const res = await fetch(`${url}/invocations`, { method: 'POST', headers: { 'Content-Type': 'text/csv' }, body: rows[3] });
    expect(await res.text()).toBe(`${expected[3]}\n`);
    expect(res.headers.get('x-amzn-invoked-production-variant')).toBe('AllTraffic');
    const code = await new Promise<number | null>((resolve) => { child.on('exit', (c) => resolve(c)); child.kill('SIGTERM'); });
    expect(code).toBe(0);
    expect(stderr).toMatch(/server stopped/);
  }, 60_000);
});
