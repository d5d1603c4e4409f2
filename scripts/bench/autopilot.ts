// `npm run bench:autopilot`: Autopilot (AUTO mode, --budget-seconds 60 by default) on scikit-learn's bundled
// breast_cancer (binary, F1), wine (multiclass, Accuracy), diabetes (regression, MSE) and vega-datasets'
// cars (regression, MSE), each on the same held-out 20% test split as the native anchors computed by
// autopilot_anchor.py with /usr/bin/python3: (a) XGBoost with default hyperparameters, (b) a standardized
// scikit-learn logistic / ridge regression. Prints one table; "beats" compares with the better anchor.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { localCandidateRunner, runAutopilotJob, type AutopilotMode } from '../../src/lib/autopilot/index.ts';
import { initTrainingBackend } from '../../src/lib/compute/training-backend.ts';
import { loadBytes } from '../../src/lib/data/index.ts';

const args = process.argv.slice(2);
const flag = (name: string, dflt: string) => { const i = args.indexOf(`--${name}`); return i >= 0 ? args[i + 1] : dflt; };
const budget = Number(flag('budget-seconds', '60'));
const mode = flag('mode', 'AUTO').toUpperCase() as AutopilotMode;
const only = flag('datasets', 'breast_cancer,wine,diabetes,cars').split(',');
const dir = mkdtempSync(join(tmpdir(), 'mlpad-bench-autopilot-'));
const here = new URL('.', import.meta.url).pathname;
const cars = new URL('../../node_modules/vega-datasets/data/cars.json', import.meta.url).pathname;
const run = localCandidateRunner({ tensorflow: (allowed) => initTrainingBackend('auto', { allowed }) });

interface Anchor { name: string; target: string; objective: string; rows: [number, number]; xgboost_defaults: number; linear_standardized: number }
const rows: string[][] = [['dataset', 'objective', 'rows (train/test)', 'mode', 'mlpad best', 'candidate', 'candidates', 'seconds', 'native XGBoost', 'sklearn linear', 'beats better anchor']];
for (const name of only) {
  const anchor = JSON.parse(execFileSync('/usr/bin/python3', [join(here, 'autopilot_anchor.py'), name, dir, cars], { encoding: 'utf8' })) as Anchor;
  const table = async (f: string) => (await loadBytes(f, new Uint8Array(readFileSync(join(dir, f))))).table;
  const t0 = performance.now();
  const r = await runAutopilotJob(await table(`${name}-train.csv`), {
    Target: anchor.target, AutoMLJobObjective: { MetricName: anchor.objective }, Test: await table(`${name}-test.csv`),
    AutoMLJobConfig: { Mode: mode, CompletionCriteria: { MaxAutoMLJobRuntimeInSeconds: budget } },
  }, run, { onProgress: (l) => process.stderr.write(`${name}: ${l}\n`) });
  const seconds = (performance.now() - t0) / 1000;
  const best = r.BestCandidate?.TestObjective ?? NaN;
  const max = r.Objective.Type === 'Maximize';
  const anchorBest = max ? Math.max(anchor.xgboost_defaults, anchor.linear_standardized) : Math.min(anchor.xgboost_defaults, anchor.linear_standardized);
  const beats = max ? best >= anchorBest : best <= anchorBest;
  rows.push([name, anchor.objective, `${anchor.rows[0]}/${anchor.rows[1]}`, r.Mode, best.toFixed(4), r.BestCandidate?.CandidateName ?? '—', String(r.Leaderboard.length), seconds.toFixed(1), anchor.xgboost_defaults.toFixed(4), anchor.linear_standardized.toFixed(4), beats ? 'yes' : `no (${((best - anchorBest) / Math.abs(anchorBest) * 100).toFixed(1)}%)`]);
}
const widths = rows[0].map((_, j) => Math.max(...rows.map((r) => r[j].length)));
console.log(`\nAutopilot (${mode}, budget ${budget} s) vs native anchors on the same held-out 20% test split\n`);
for (const r of rows) console.log(r.map((c, j) => c.padEnd(widths[j])).join('  '));
