// HistogramPool speed-up on its own: the root histogram of 200,000 × 28 random Uint8 codes built in the
// calling thread and on 2 threads, fastest of 30 builds each (the minimum shrugs off other processes).
//   npx tsx scripts/ml/profile-pool.ts [threads=2]
import { createHistogramPool } from '../../src/lib/ml/parallel/histogram-pool.ts';
import { enableNodeThreads } from '../../src/lib/ml/parallel/node-threads.ts';
import { SeededRandom } from '../../src/lib/ml/random.ts';

const N = 200_000, D = 28;
const threads = Number(process.argv[2] ?? 2);
await enableNodeThreads();
const rng = new SeededRandom(3);
const histOffsets = Uint32Array.from({ length: D + 1 }, (_, j) => j * 257);
const sab = (bytes: number) => new SharedArrayBuffer(bytes);
const codes = new Uint8Array(sab(N * D));
for (let i = 0; i < codes.length; i++) codes[i] = Math.floor(rng.next() * 256);
const gpair = new Float32Array(sab(8 * N));
for (let i = 0; i < 2 * N; i++) gpair[i] = rng.next();
const rows = new Uint32Array(sab(4 * N));
for (let i = 0; i < N; i++) rows[i] = i;
const hist = new Float64Array(2 * histOffsets[D]);
for (const t of [1, threads, 1, threads]) {
  const pool = createHistogramPool({ codes, nCols: D, histOffsets, gpair, rows }, t);
  let best = Infinity;
  for (let i = 0; i < 30; i++) {
    const t0 = performance.now();
    pool.build(0, N, hist);
    best = Math.min(best, performance.now() - t0);
  }
  pool.dispose();
  console.log(`${pool.nThreads} thread(s): root histogram ${best.toFixed(1)} ms (fastest of 30)`);
}
