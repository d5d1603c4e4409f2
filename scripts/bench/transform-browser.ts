// The page side of `npm run bench:transform`'s Chromium run: batch transform bundled into one page, exposed
// as window.transformBench. load() fetches the float32 rows and the model once and builds the same Arrow
// table as the Node side; run() times batchTransform alone; compare() gives max |mlpad − native|.
import { makeVector, Table, type Vector } from 'apache-arrow';
import { loadDeployModel, type DeployModel } from '../../src/lib/deploy/deploy-model.ts';
import { batchTransform } from '../../src/lib/deploy/transform.ts';

declare global {
  interface Window {
    transformBench: {
      load(features: number): Promise<{ rows: number; seconds: number }>;
      run(): Promise<{ seconds: number }>;
      compare(): Promise<number>;
    };
  }
}

let table: Table | null = null;
let model: DeployModel | null = null;
let last = '';

window.transformBench = {
  async load(features) {
    const t0 = performance.now();
    const x = new Float32Array(await (await fetch('/X.f32')).arrayBuffer());
    const rows = x.length / features;
    const columns = Object.create(null) as Record<string, Vector>;
    for (let j = 0; j < features; j++) {
      const col = new Float32Array(rows);
      for (let i = 0; i < rows; i++) col[i] = x[i * features + j];
      columns[`f${j}`] = makeVector(col);
    }
    table = new Table(columns);
    model = await loadDeployModel(new Uint8Array(await (await fetch('/model.json')).arrayBuffer()), 'model.json');
    return { rows, seconds: (performance.now() - t0) / 1000 };
  },
  async run() {
    if (!table || !model) throw new Error('transformBench.run: call load() first');
    const t0 = performance.now();
    last = (await batchTransform(model, table, { accept: 'text/csv', header: false })).body;
    return { seconds: (performance.now() - t0) / 1000 };
  },
  async compare() {
    const theirs = new Float32Array(await (await fetch('/native.f32')).arrayBuffer());
    const ours = last.trimEnd().split('\n');
    let max = 0;
    for (let i = 0; i < theirs.length; i++) max = Math.max(max, Math.abs(Number(ours[i]) - theirs[i]));
    return ours.length === theirs.length ? max : Infinity;
  },
};
