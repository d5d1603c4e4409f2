// End-to-end trainXGBoost time on the same 200,000 × 28 seeded data as profile-train.ts (which also
// writes it for native XGBoost), best of `repeats` runs. Runs against any checkout of src/lib/ml, which
// makes before/after comparisons in one shell session easy.
//   npx tsx scripts/ml/profile-e2e.ts [rounds=100] [nthread=1] [repeats=2]
import { resolveXGBoostParams } from '../../src/lib/ml/xgboost/params.ts';
import { trainXGBoost } from '../../src/lib/ml/xgboost/train.ts';
import { D, N, makeProfileData } from './profile-data.ts';

const [rounds, nthread, repeats] = [100, 1, 2].map((d, i) => Number(process.argv[2 + i] ?? d));
if (nthread > 1) await (await import('../../src/lib/ml/parallel/node-threads.ts')).enableNodeThreads();

const { cols, labels } = makeProfileData();
const p = resolveXGBoostParams({ objective: 'binary:logistic', num_round: rounds, max_depth: 6, eta: 0.3, nthread });
let best = Infinity, bestCpu = Infinity;
let margin0 = 0;
for (let r = 0; r < repeats; r++) {
  const t = performance.now();
  // CPU time of the process (all threads): on a shared machine it is steadier than wall time.
  const c = process.cpuUsage();
  const m = trainXGBoost({ features: cols, nRows: N, nCols: D, labels }, p, { evalTrain: false });
  const cu = process.cpuUsage(c);
  best = Math.min(best, (performance.now() - t) / 1000);
  bestCpu = Math.min(bestCpu, (cu.user + cu.system) / 1e6);
  margin0 = m.trees[0].threshold[1];
}
console.log(`trainXGBoost ${N}×${D}, ${rounds} rounds, nthread=${nthread}: best of ${repeats} wall ${best.toFixed(2)} s, cpu ${bestCpu.toFixed(2)} s (tree 0 node 1: ${margin0})`);
