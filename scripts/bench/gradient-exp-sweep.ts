// Exhaustive check of the WebAssembly logistic gradient (src/lib/ml/parallel/gradient-wasm.ts) against the JS
// kernel (logisticGradientRows): every float32 margin m with |m| ≤ 110, both signs (2,243,428,354 values; beyond
// that the 88.7 cap and float32 underflow give the same results), through both, counting rows whose grad or hess
// differ (Object.is) and rows where the kernel's exponential was in doubt and Math.exp decided.
// `npx tsx scripts/bench/gradient-exp-sweep.ts [stride]` (about 90 s on one core at stride 1; stride k checks every k-th value).
import { createWasmHistogram } from '../../src/lib/ml/parallel/histogram-wasm.ts';
import { logisticGradientRows } from '../../src/lib/ml/parallel/histogram-kernel.ts';

const n = 1 << 22;
const w = createWasmHistogram(new Uint8Array(n), 1, Uint32Array.from([0, 2]), n, 1, false, 0, { weighted: false, scalePosWeight: 1 });
if (!w?.gradients) throw new Error('no WebAssembly gradient kernel here');
const g = w.gradients;
let calls = 0;
const countingExp = (x: number) => { calls++; return Math.exp(x); };
const instance = new WebAssembly.Instance(w.kernel.module, { env: { mem: w.kernel.memory, exp: countingExp } });
const grad = instance.exports.grad as (lo: number, hi: number, reset: number) => void;
const G = new Float32Array(n), H = new Float32Array(n);
const bits = new Uint32Array(g.margins.buffer, g.margins.byteOffset, n);
const stride = Number(process.argv[2] ?? 1);
if (!Number.isInteger(stride) || stride < 1) throw new RangeError(`stride must be a positive integer, got ${process.argv[2]}`);
const top = new Uint32Array(new Float32Array([110]).buffer)[0];
let total = 0, differ = 0;
const t0 = Date.now();
for (const sign of [0, 0x80000000]) {
  for (let b0 = 0; b0 <= top; b0 += n * stride) {
    let k = 0;
    for (let b = b0; k < n && b <= top; b += stride) bits[k++] = (b | sign) >>> 0;
    for (let i = 0; i < k; i++) g.labels[i] = i & 1;
    grad(0, k, 0);
    logisticGradientRows(g.margins, g.labels, g.weights, 1, G, H, null, 0, k);
    for (let i = 0; i < k; i++) if (!Object.is(G[i], g.grad[i]) || !Object.is(H[i], g.hess[i])) differ++;
    total += k;
  }
}
console.log(`stride ${stride}: ${total} margins, ${differ} differ, Math.exp decided ${calls} (${((calls / total) * 1e6).toFixed(2)} per million), ${((Date.now() - t0) / 1000).toFixed(0)} s`);
if (differ > 0) process.exitCode = 1;
