// Quick timing of the XGBoost engine's phases on 200,000 × 28 seeded data (binary:logistic, depth 6,
// eta 0.3), beside native XGBoost 1.7 hist with 1 and 2 threads on the same bytes. A profiling aid,
// not the official benchmark (that is scripts/bench/gbdt.ts).
//   npx tsx scripts/ml/profile-train.ts [rounds=20] [nthread=1]
// Env: NATIVE=0 skips native XGBoost; ONLY_NATIVE=1 skips mlpad; ROOT_HIST=1 times the root kernel alone.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { enableNodeThreads } from '../../src/lib/ml/parallel/node-threads.ts';
import { buildBinMatrix } from '../../src/lib/ml/xgboost/bin-matrix.ts';
import { TreeGrower, type GrowTimings } from '../../src/lib/ml/xgboost/grow-tree.ts';
import { buildHistogram, interleaveGradients } from '../../src/lib/ml/xgboost/histogram.ts';
import { createObjective } from '../../src/lib/ml/xgboost/objective.ts';
import { resolveXGBoostParams } from '../../src/lib/ml/xgboost/params.ts';
import { SeededRandom } from '../../src/lib/ml/random.ts';
import { trainXGBoost } from '../../src/lib/ml/xgboost/train.ts';
import { D, N, makeProfileData } from './profile-data.ts';

const rounds = Number(process.argv[2] ?? 20);
const nthread = Number(process.argv[3] ?? 1);
const PYTHON = '/usr/bin/python3';
const DIR = '/tmp/mlpad-profile';

const ms = (x: number) => x.toFixed(0).padStart(7);
const { cols, labels } = makeProfileData();
const p = resolveXGBoostParams({ objective: 'binary:logistic', num_round: rounds, max_depth: 6, eta: 0.3, nthread });
if (nthread > 1) await enableNodeThreads();

function phases(): void {
  // The engine's own pieces in the order trainXGBoost runs them.
  let t = performance.now();
  const bins = buildBinMatrix(cols, N, p.max_bin, undefined, nthread > 1);
  const binMs = performance.now() - t;
  const f = Math.fround;
  const grower = new TreeGrower(bins, {
    eta: f(p.eta), gamma: f(p.gamma), lambda: f(p.lambda), alpha: f(p.alpha), minChildWeight: f(p.min_child_weight),
    maxDeltaStep: f(p.max_delta_step), maxDepth: p.max_depth, maxLeaves: p.max_leaves, growPolicy: p.grow_policy,
    colsampleBytree: 1, colsampleBylevel: 1, colsampleBynode: 1,
  }, new SeededRandom(0), nthread);
  const tm: GrowTimings = { histogram: 0, evaluate: 0, partition: 0, histogramRows: 0 };
  grower.timings = tm;
  const obj = createObjective('binary:logistic', { numClass: 0, scalePosWeight: 1, maxDeltaStep: 0 });
  const margins = new Float32Array(N), grad = new Float32Array(N), hess = new Float32Array(N);
  let gradMs = 0, growMs = 0, updMs = 0;
  const perTree: number[][] = [];
  for (let r = 0; r < rounds; r++) {
    t = performance.now();
    obj.gradient(margins, labels, undefined, grad, hess);
    const t1 = performance.now();
    const before = { ...tm };
    const tree = grower.grow(grad, hess);
    const t2 = performance.now();
    perTree.push([t2 - t1, tm.histogram - before.histogram, tm.partition - before.partition, tm.evaluate - before.evaluate]);
    const { rows, begin, end } = grower.partition;
    for (let nid = 0; nid < tree.nNodes; nid++) {
      if (tree.left[nid] !== -1) continue;
      const v = tree.threshold[nid];
      for (let i = begin[nid]; i < end[nid]; i++) margins[rows[i]] += v;
    }
    updMs += performance.now() - t2; growMs += t2 - t1; gradMs += t1 - t;
  }
  console.log(`mlpad phases, ${N}×${D}, ${rounds} rounds depth 6, ${grower.nThreads} histogram thread(s) (ms):`);
  grower.dispose();
  console.log(`  binning ${ms(binMs)}\n  gradient ${ms(gradMs)}\n  grow ${ms(growMs)} (histogram ${ms(tm.histogram)}, evaluate ${ms(tm.evaluate)}, partition ${ms(tm.partition)})\n  margins ${ms(updMs)}`);
  // Minimum per tree: robust to other processes on a shared machine.
  const minOf = (k: number) => Math.min(...perTree.map((x) => x[k])).toFixed(1);
  console.log(`  fastest tree (ms): grow ${minOf(0)}, histogram ${minOf(1)}, partition ${minOf(2)}, evaluate ${minOf(3)}`);
  console.log(`  per tree: histogram ${(tm.histogram / rounds).toFixed(1)} ms over ${(tm.histogramRows / rounds / N).toFixed(2)} × N rows (${(tm.histogram * 1e6 / tm.histogramRows / D).toFixed(2)} ns/cell), grow ${(growMs / rounds).toFixed(1)} ms`);

  if (process.env.ROOT_HIST) {
    // The kernel alone on the root, for ns/cell without the tree's bookkeeping.
    const gp = new Float32Array(2 * N);
    interleaveGradients(grad, hess, gp);
    const all = Uint32Array.from({ length: N }, (_, i) => i);
    const hist = new Float64Array(2 * bins.totalSlots);
    const feats = Int32Array.from({ length: D }, (_, j) => j);
    for (let rep = 0; rep < 3; rep++) {
      const t0 = performance.now();
      for (let i = 0; i < 5; i++) buildHistogram(bins, gp, all, 0, N, feats, hist);
      const dt = (performance.now() - t0) / 5;
      console.log(`root histogram alone: ${dt.toFixed(1)} ms (${(dt * 1e6 / N / D).toFixed(2)} ns/cell)`);
    }
  }

  t = performance.now();
  trainXGBoost({ features: cols, nRows: N, nCols: D, labels }, p, { evalTrain: false });
  console.log(`mlpad trainXGBoost end to end, nthread=${nthread}: ${((performance.now() - t) / 1000).toFixed(2)} s`);
}

if (!process.env.ONLY_NATIVE) phases();

if (existsSync(PYTHON) && process.env.NATIVE !== '0') {
  mkdirSync(DIR, { recursive: true });
  const x = new Float32Array(N * D);
  for (let j = 0; j < D; j++) for (let i = 0; i < N; i++) x[i * D + j] = cols[j][i];
  writeFileSync(`${DIR}/x.f32`, x); writeFileSync(`${DIR}/y.f32`, labels);
  const code = `import time,numpy as np,xgboost as xgb
x=np.fromfile('${DIR}/x.f32',dtype=np.float32).reshape(${N},${D}); y=np.fromfile('${DIR}/y.f32',dtype=np.float32)
for nt in (1,2):
    prm={'tree_method':'hist','max_depth':6,'eta':0.3,'objective':'binary:logistic','nthread':nt}
    t=time.perf_counter(); d=xgb.DMatrix(x,label=y,nthread=nt); b=xgb.train(prm,d,${rounds}); e=time.perf_counter()-t
    t=time.perf_counter(); c=time.process_time(); b=xgb.train(prm,d,${rounds}); e2=time.perf_counter()-t; c2=time.process_time()-c
    print(f'native xgboost {xgb.__version__} nthread={nt}: {e:.2f} s wall (DMatrix + train); train again on the same DMatrix {e2:.2f} s wall, {c2:.2f} s cpu; tree 0: {b.get_dump()[0].splitlines()[0]}')`;
  process.stdout.write(execFileSync(PYTHON, ['-c', code], { encoding: 'utf8' }));
}
