import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadBytes } from '../../../src/lib/data/index.ts';
import { YIELD_INTERVAL_MS, yieldNow } from '../../../src/lib/data/yield-now.ts';
import { utf8 } from './helpers.ts';

// Count the loader's yields, passing them through to the real yieldNow.
const calls = vi.hoisted(() => ({ yields: 0 }));
vi.mock('../../../src/lib/data/yield-now.ts', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../../src/lib/data/yield-now.ts')>();
  return { ...real, yieldNow: () => { calls.yields++; return real.yieldNow(); } };
});

afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

describe('yieldNow', () => {
  it('yieldNow() resolves on a later task: microtasks queued after it run first', async () => {
    const order: string[] = [];
    const y = yieldNow().then(() => order.push('yield'));
    void Promise.resolve().then(() => order.push('microtask'));
    await y;
    expect(order).toEqual(['microtask', 'yield']);
  });

  it('without setImmediate (as in a browser) yieldNow resolves through a MessageChannel, in call order', async () => {
    vi.stubGlobal('setImmediate', undefined);
    const order: number[] = [];
    await Promise.all([0, 1, 2].map((k) => yieldNow().then(() => order.push(k))));
    expect(order).toEqual([0, 1, 2]);
  });
});

describe('the text loader', () => {
  it(`gives the event loop a turn at least every ${YIELD_INTERVAL_MS} ms while it parses, not only with each 100 ms progress beat`, async () => {
    // A clock that moves 4 ms per reading: the loader sees time pass without the test taking it.
    let now = 0;
    vi.spyOn(performance, 'now').mockImplementation(() => (now += 4));
    const rows = Array.from({ length: 60_000 }, (_, i) => `${i},${(i * 0.37).toFixed(2)},c${i % 9}`);
    const bytes = utf8('a,b,c\n' + rows.join('\n') + '\n'); // about 1 MB: 16 pieces of 64 KiB
    calls.yields = 0;
    const r = await loadBytes('t.csv', bytes);
    expect(r.table.numRows).toBe(60_000);
    // About 190 ms pass on this clock: the 100 ms progress beat alone would give two turns (and no yieldNow).
    expect(calls.yields).toBeGreaterThanOrEqual(5);
  });
});
