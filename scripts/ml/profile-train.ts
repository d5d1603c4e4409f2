// Quick timing of the XGBoost engine's phases on 200,000 × 28 seeded data (binary:logistic, depth 6,
// eta 0.3), beside native XGBoost 1.7 hist with 1 and 2 threads on the same bytes. A profiling aid,
// not the official benchmark (that is scripts/bench/gbdt.ts).
//   npx tsx scripts/ml/profile-train.ts [rounds=20] [nthread=1]
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { SeededRandom } from '../../src/lib/ml/random.ts';
import { buildBinMatrix } from '../../src/lib/ml/xgboost/bin-matrix.ts';
import { TreeGrower, type GrowTimings } from '../../src/lib/ml/xgboost/grow-tree.ts';
import { createObjective } from '../../src/lib/ml/xgboost/objective.ts';
import { resolveXGBoostParams } from '../../src/lib/ml/xgboost/params.ts';
import { trainXGBoost } from '../../src/lib/ml/xgboost/train.ts';

const N = 200_000, D = 28;
const rounds = Number(process.argv[2] ?? 20);
const nthread = Number(process.argv[3] ?? 1);
const PYTHON = '/usr/bin/python3';
const DIR = '/tmp/mlpad-profile';

function makeData(): { cols: Float32Array[]; labels: Float32Array } {
  const rng = new SeededRandom(42);
  const cols = Array.from({ length: D }, () => new Float32Array(N));
  const labels = new Float32Array(N);
  for (let i = 0; i < N; i++) {
    let s = 0;
    for (let j = 0; j < D; j++) {
      // Mix of continuous and coarse (few distinct values) columns, as real tables have.
      const u = rng.next() + rng.next() + rng.next() - 1.5;
      const v = j % 7 === 3 ? Math.round(u * 4) : j % 5 === 0 ? Math.exp(u) : u;
      cols[j][i] = v;
      if (j < 8) s += (j % 2 ? 1 : -0.7) * v * (j < 4 ? 1 : cols[j - 4][i]);
    }
    labels[i] = s + 0.5 * (rng.next() - 0.5) > 0 ? 1 : 0;
  }
  return { cols, labels };
}

const ms = (x: number) => x.toFixed(0).padStart(7);
const { cols, labels } = makeData();
const p = resolveXGBoostParams({ objective: 'binary:logistic', num_round: rounds, max_depth: 6, eta: 0.3, nthread });

// Phases, with the engine's own pieces in the same order trainXGBoost runs them.
let t = performance.now();
const bins = buildBinMatrix(cols, N, p.max_bin);
const binMs = performance.now() - t;
const f = Math.fround;
const grower = new TreeGrower(bins, {
  eta: f(p.eta), gamma: f(p.gamma), lambda: f(p.lambda), alpha: f(p.alpha), minChildWeight: f(p.min_child_weight),
  maxDeltaStep: f(p.max_delta_step), maxDepth: p.max_depth, maxLeaves: p.max_leaves, growPolicy: p.grow_policy,
  colsampleBytree: 1, colsampleBylevel: 1, colsampleBynode: 1,
}, new SeededRandom(0));
const tm: GrowTimings = { histogram: 0, evaluate: 0, partition: 0, histogramRows: 0 };
grower.timings = tm;
const obj = createObjective('binary:logistic', { numClass: 0, scalePosWeight: 1, maxDeltaStep: 0 });
const margins = new Float32Array(N), grad = new Float32Array(N), hess = new Float32Array(N);
let gradMs = 0, growMs = 0, updMs = 0;
for (let r = 0; r < rounds; r++) {
  t = performance.now();
  obj.gradient(margins, labels, undefined, grad, hess);
  const t1 = performance.now();
  const tree = grower.grow(grad, hess);
  const t2 = performance.now();
  const { rows, begin, end } = grower.partition;
  for (let nid = 0; nid < tree.nNodes; nid++) {
    if (tree.left[nid] !== -1) continue;
    const v = tree.threshold[nid];
    for (let i = begin[nid]; i < end[nid]; i++) margins[rows[i]] += v;
  }
  updMs += performance.now() - t2; growMs += t2 - t1; gradMs += t1 - t;
}
console.log(`mlpad phases, ${N}×${D}, ${rounds} rounds depth 6 (ms):`);
console.log(`  binning ${ms(binMs)}\n  gradient ${ms(gradMs)}\n  grow ${ms(growMs)} (histogram ${ms(tm.histogram)}, evaluate ${ms(tm.evaluate)}, partition ${ms(tm.partition)})\n  margins ${ms(updMs)}`);
console.log(`  per tree: histogram ${(tm.histogram / rounds).toFixed(1)} ms over ${(tm.histogramRows / rounds / N).toFixed(2)} × N rows (${(tm.histogram * 1e6 / tm.histogramRows / D).toFixed(2)} ns/cell), grow ${(growMs / rounds).toFixed(1)} ms`);

t = performance.now();
trainXGBoost({ features: cols, nRows: N, nCols: D, labels }, p, { evalTrain: false });
const endToEnd = (performance.now() - t) / 1000;
console.log(`mlpad trainXGBoost end to end, nthread=${nthread}: ${endToEnd.toFixed(2)} s`);

if (existsSync(PYTHON) && process.env.NATIVE !== '0') {
  mkdirSync(DIR, { recursive: true });
  const x = new Float32Array(N * D);
  for (let j = 0; j < D; j++) for (let i = 0; i < N; i++) x[i * D + j] = cols[j][i];
  writeFileSync(`${DIR}/x.f32`, x); writeFileSync(`${DIR}/y.f32`, labels);
  const code = `import sys,time,numpy as np,xgboost as xgb
x=np.fromfile('${DIR}/x.f32',dtype=np.float32).reshape(${N},${D}); y=np.fromfile('${DIR}/y.f32',dtype=np.float32)
for nt in (1,2):
    t=time.perf_counter(); d=xgb.DMatrix(x,label=y,nthread=nt); b=xgb.train({'tree_method':'hist','max_depth':6,'eta':0.3,'objective':'binary:logistic','nthread':nt},d,${rounds}); e=time.perf_counter()-t
    t=time.perf_counter(); b=xgb.train({'tree_method':'hist','max_depth':6,'eta':0.3,'objective':'binary:logistic','nthread':nt},d,${rounds}); e2=time.perf_counter()-t
    print(f'native xgboost {xgb.__version__} nthread={nt}: {e:.2f} s (DMatrix+train, incl. binning); train again on same DMatrix {e2:.2f} s')`;
  process.stdout.write(execFileSync(PYTHON, ['-c', code], { encoding: 'utf8' }));
}

if (process.env.ROOT_HIST) {
  // The kernel alone on the root, for ns/cell without the tree's bookkeeping.
  const { buildHistogram, interleaveGradients } = await import('../../src/lib/ml/xgboost/histogram.ts');
  const gp = new Float32Array(2 * N);
  interleaveGradients(grad, hess, gp);
  const rows = Uint32Array.from({ length: N }, (_, i) => i);
  const hist = new Float64Array(2 * bins.totalSlots);
  const feats = Int32Array.from({ length: D }, (_, j) => j);
  for (let rep = 0; rep < 3; rep++) {
    const t0 = performance.now();
    for (let i = 0; i < 5; i++) buildHistogram(bins, gp, rows, 0, N, feats, hist);
    const dt = (performance.now() - t0) / 5;
    console.log(`root histogram alone: ${dt.toFixed(1)} ms (${(dt * 1e6 / N / D).toFixed(2)} ns/cell)`);
  }
}
