// The page side of `npm run bench:monitor`'s Chromium run: the Parquet loader and baselineStatistics bundled
// into one page, exposed as window.monitorBench. load() fetches and decodes the file once; stats() times the
// baseline statistics alone, as the Node and pandas sides are timed.
import type { Table } from 'apache-arrow';
import { loadBytes } from '../../src/lib/data/index.ts';
import { baselineStatistics } from '../../src/lib/monitor/statistics.ts';

declare global {
  interface Window {
    monitorBench: {
      load(url: string): Promise<{ rows: number; seconds: number }>;
      stats(): { seconds: number; features: number; mean: number };
    };
  }
}

let table: Table | null = null;

window.monitorBench = {
  async load(url) {
    const t0 = performance.now();
    const bytes = new Uint8Array(await (await fetch(url)).arrayBuffer());
    table = (await loadBytes(url.split('/').pop()!, bytes)).table;
    return { rows: table.numRows, seconds: (performance.now() - t0) / 1000 };
  },
  stats() {
    if (!table) throw new Error('monitorBench.stats: call load() first');
    const t0 = performance.now();
    const s = baselineStatistics(table);
    const seconds = (performance.now() - t0) / 1000;
    return { seconds, features: s.features.length, mean: s.features.find((f) => f.name === 'delay')?.numerical_statistics?.mean ?? NaN };
  },
};
