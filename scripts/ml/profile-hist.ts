// Micro-benchmark of histogram kernel variants on a 200,000 × 28 Uint8 row-major bin matrix: the
// root (all rows) and a sorted random half of the rows, as grow-tree calls them. A profiling aid.
//   npx tsx scripts/ml/profile-hist.ts
import { SeededRandom } from '../../src/lib/ml/random.ts';

const N = 200_000, D = 28;
const rng = new SeededRandom(1);
const offs = new Uint32Array(D + 1);
for (let j = 0; j < D; j++) offs[j + 1] = offs[j] + (j % 7 === 3 ? 8 : 257);
const codes = new Uint8Array(N * D);
for (let i = 0; i < N; i++) for (let j = 0; j < D; j++) codes[i * D + j] = Math.floor(rng.next() * (offs[j + 1] - offs[j] - 1));
const gpair = Float32Array.from({ length: 2 * N }, () => rng.next() - 0.5);
const all = Uint32Array.from({ length: N }, (_, i) => i);
const half = all.filter(() => rng.next() < 0.5);
const hist = new Float64Array(offs[D] * 2);

function base(rows: Uint32Array, begin: number, end: number): void {
  for (let k = begin; k < end; k++) {
    const r = rows[k];
    const g = gpair[2 * r], h = gpair[2 * r + 1];
    const c0 = r * D;
    for (let j = 0; j < D; j++) {
      const s = (offs[j] + codes[c0 + j]) << 1;
      hist[s] += g;
      hist[s + 1] += h;
    }
  }
}

function baseLocal(rows: Uint32Array, begin: number, end: number): void {
  const nc = D, o = offs, c = codes, hh = hist, gp = gpair;
  for (let k = begin; k < end; k++) {
    const r = rows[k];
    const g = gp[2 * r], h = gp[2 * r + 1];
    const c0 = r * nc;
    for (let j = 0; j < nc; j++) {
      const s = (o[j] + c[c0 + j]) << 1;
      hh[s] += g;
      hh[s + 1] += h;
    }
  }
}

function unroll8(rows: Uint32Array, begin: number, end: number): void {
  const nc = D, o = offs, c = codes, hh = hist, gp = gpair;
  const n8 = nc & ~7;
  for (let k = begin; k < end; k++) {
    const r = rows[k];
    const g = gp[2 * r], h = gp[2 * r + 1];
    const c0 = r * nc;
    let j = 0;
    for (; j < n8; j += 8) {
      const s0 = (o[j] + c[c0 + j]) << 1;
      const s1 = (o[j + 1] + c[c0 + j + 1]) << 1;
      const s2 = (o[j + 2] + c[c0 + j + 2]) << 1;
      const s3 = (o[j + 3] + c[c0 + j + 3]) << 1;
      const s4 = (o[j + 4] + c[c0 + j + 4]) << 1;
      const s5 = (o[j + 5] + c[c0 + j + 5]) << 1;
      const s6 = (o[j + 6] + c[c0 + j + 6]) << 1;
      const s7 = (o[j + 7] + c[c0 + j + 7]) << 1;
      hh[s0] += g; hh[s0 + 1] += h;
      hh[s1] += g; hh[s1 + 1] += h;
      hh[s2] += g; hh[s2 + 1] += h;
      hh[s3] += g; hh[s3 + 1] += h;
      hh[s4] += g; hh[s4 + 1] += h;
      hh[s5] += g; hh[s5 + 1] += h;
      hh[s6] += g; hh[s6 + 1] += h;
      hh[s7] += g; hh[s7 + 1] += h;
    }
    for (; j < nc; j++) { const s = (o[j] + c[c0 + j]) << 1; hh[s] += g; hh[s + 1] += h; }
  }
}

function unroll4(rows: Uint32Array, begin: number, end: number): void {
  const nc = D, o = offs, c = codes, hh = hist, gp = gpair;
  const n4 = nc & ~3;
  for (let k = begin; k < end; k++) {
    const r = rows[k];
    const g = gp[2 * r], h = gp[2 * r + 1];
    const c0 = r * nc;
    let j = 0;
    for (; j < n4; j += 4) {
      const s0 = (o[j] + c[c0 + j]) << 1;
      const s1 = (o[j + 1] + c[c0 + j + 1]) << 1;
      const s2 = (o[j + 2] + c[c0 + j + 2]) << 1;
      const s3 = (o[j + 3] + c[c0 + j + 3]) << 1;
      hh[s0] += g; hh[s0 + 1] += h;
      hh[s1] += g; hh[s1 + 1] += h;
      hh[s2] += g; hh[s2 + 1] += h;
      hh[s3] += g; hh[s3 + 1] += h;
    }
    for (; j < nc; j++) { const s = (o[j] + c[c0 + j]) << 1; hh[s] += g; hh[s + 1] += h; }
  }
}

// Offsets pre-shifted (×2), codes read as Uint32 words (4 cells at a time) when nCols % 4 == 0.
const offs2 = Uint32Array.from(offs, (x) => x * 2);
const words = new Uint32Array(codes.buffer, 0, (N * D) >> 2);
function words4(rows: Uint32Array, begin: number, end: number): void {
  const o = offs2, hh = hist, gp = gpair, w = words;
  const nw = D >> 2;
  for (let k = begin; k < end; k++) {
    const r = rows[k];
    const g = gp[2 * r], h = gp[2 * r + 1];
    const w0 = r * nw;
    for (let q = 0, j = 0; q < nw; q++, j += 4) {
      const x = w[w0 + q];
      const s0 = o[j] + ((x & 255) << 1);
      const s1 = o[j + 1] + (((x >>> 8) & 255) << 1);
      const s2 = o[j + 2] + (((x >>> 16) & 255) << 1);
      const s3 = o[j + 3] + ((x >>> 24) << 1);
      hh[s0] += g; hh[s0 + 1] += h;
      hh[s1] += g; hh[s1 + 1] += h;
      hh[s2] += g; hh[s2 + 1] += h;
      hh[s3] += g; hh[s3 + 1] += h;
    }
  }
}

const variants: [string, (rows: Uint32Array, b: number, e: number) => void][] = [['base', base], ['baseLoc', baseLocal], ['unroll4', unroll4], ['unroll8', unroll8], ['words4', words4]];
const ref = new Float64Array(hist.length);
for (let rep = 0; rep < 3; rep++) {
  for (const [name, fn] of variants) {
    hist.fill(0);
    const t0 = performance.now();
    for (let i = 0; i < 5; i++) fn(all, 0, N);
    const t1 = performance.now();
    for (let i = 0; i < 5; i++) fn(half, 0, half.length);
    const t2 = performance.now();
    if (name === 'base') ref.set(hist);
    let same = true;
    for (let s = 0; s < hist.length; s++) if (hist[s] !== ref[s]) { same = false; break; }
    console.log(`${name.padEnd(8)} root ${((t1 - t0) / 5).toFixed(1)} ms  half ${((t2 - t1) / 5).toFixed(1)} ms  ${((t2 - t0) * 1e6 / 5 / ((N + half.length) * D)).toFixed(2)} ns/cell  identical=${same}`);
  }
}
