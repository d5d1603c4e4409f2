// SageMaker's hosting artifact: model.tar.gz with one file, xgboost-model, a valid ustar archive (checked
// here field by field) that Python's tarfile extracts and that native XGBoost 1.7 loads as SageMaker's
// XGBoost container does (pickle first, then Booster.load_model; ntree_limit = best_ntree_limit) and as
// xgb.Booster(model_file=…) does, predicting as mlpad to 1e-6 on 100 rows.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sagemakerArtifact } from '../../../src/lib/deploy/export-sagemaker.ts';
import { tarHeader } from '../../../src/lib/deploy/tar.ts';
import { modelFeatures } from '../../../src/lib/engine/model-features.ts';
import { rowMajor } from '../../../src/lib/ml/matrix.ts';
import { encodingFromAttributes } from '../../../src/lib/ml/prepare/index.ts';
import { getAlgorithm } from '../../../src/lib/ml/registry.ts';
import { INPUTS, makeRows, mlpadInference, tableOf, trainModel, type ExportCase } from './export-fixtures.ts';

const PYTHON = '/usr/bin/python3';
const SCRIPT = new URL('../../../scripts/deploy/sagemaker_xgboost_predict.py', import.meta.url).pathname;
const hasXGBoost = existsSync(PYTHON) && spawnSync(PYTHON, ['-c', 'import xgboost, numpy'], { encoding: 'utf8' }).status === 0;
const skipReason = hasXGBoost ? '' : ` (skipped: ${PYTHON} cannot import xgboost; apt-get install python3-xgboost)`;

const dir = mkdtempSync(join(tmpdir(), 'mlpad-sagemaker-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function gunzip(bytes: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([bytes as BlobPart]).stream().pipeThrough(new DecompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

const text = (b: Uint8Array, from: number, length: number) => new TextDecoder().decode(b.subarray(from, from + length)).replace(/\0.*$/s, '');

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
});

describe('sagemakerArtifact', () => {
  it('writes a gzip of one ustar entry, xgboost-model, mode 0644, with the given mtime, a correct checksum and the model bytes', async () => {
    const model = await trainModel({ algorithm: 'xgboost', task: 'binary', hp: { num_round: '5' } });
    const mtime = new Date('2025-06-01T12:00:00Z');
    const artifact = await sagemakerArtifact(model, { mtime });
    expect(artifact.fileName).toBe('model.tar.gz');
    expect([artifact.bytes[0], artifact.bytes[1]]).toEqual([0x1f, 0x8b]);
    const t = await gunzip(artifact.bytes);
    expect(t.length % 512).toBe(0);
    expect(text(t, 0, 100)).toBe('xgboost-model');
    expect(text(t, 100, 8)).toBe('0000644');
    expect(parseInt(text(t, 124, 12), 8)).toBe(model.length);
    expect(parseInt(text(t, 136, 12), 8)).toBe(mtime.getTime() / 1000);
    expect(text(t, 257, 6)).toBe('ustar');
    const header = t.slice(0, 512);
    const stored = parseInt(text(header, 148, 8), 8);
    header.fill(0x20, 148, 156);
    expect(stored).toBe(header.reduce((s, b) => s + b, 0));
    expect(t.subarray(512, 512 + model.length)).toEqual(model);
    expect(t.subarray(512 + Math.ceil(model.length / 512) * 512).every((b) => b === 0)).toBe(true);
    expect(t.length - 512 - Math.ceil(model.length / 512) * 512).toBe(1024);
  });

  it('refuses other algorithms, saying SageMaker\'s container loads a different format and to export an ES module', async () => {
    const kmeans = await trainModel({ algorithm: 'kmeans', hp: { k: '2' } });
    await expect(sagemakerArtifact(kmeans)).rejects.toThrow(/sagemakerArtifact: the model is a kmeans model: SageMaker's built-in kmeans container loads a different format.*--format esm/);
    await expect(sagemakerArtifact(new Uint8Array())).rejects.toThrow(/modelBytes is empty/);
    await expect(sagemakerArtifact(new TextEncoder().encode('not json'))).rejects.toThrow(/sagemakerArtifact: the model file is not JSON/);
    expect(() => tarHeader({ name: '../x', data: new Uint8Array() })).toThrow(/must be relative/);
  });

  const cases: ExportCase[] = [
    { algorithm: 'xgboost', task: 'binary', hp: { num_round: '20', max_depth: '3' } },
    { algorithm: 'xgboost', task: 'multiclass', hp: { num_round: '10', max_depth: '3' } },
    { algorithm: 'xgboost', task: 'regression', hp: { num_round: '200', eta: '0.5', early_stopping_rounds: '3' }, label: 'regression, early-stopped' },
  ];
  for (const c of cases) {
    it.skipIf(!hasXGBoost)(`${c.label ?? c.task}: python's tarfile extracts it and XGBoost 1.7 loads xgboost-model as SageMaker's container does, predicting as mlpad to 1e-6 on 100 rows${skipReason}`, async () => {
      const model = await trainModel(c);
      const path = join(dir, `${c.task}.tar.gz`);
      writeFileSync(path, (await sagemakerArtifact(model)).bytes);
      const rows = makeRows(100, 21);
      const estimator = getAlgorithm('xgboost');
      const m = estimator.deserialize(model);
      const x = modelFeatures(tableOf(rows, INPUTS), encodingFromAttributes(estimator.attributes(m)), [], estimator.featureCount(m), 'rows');
      const flat = rowMajor(x);
      const features = Array.from({ length: x.nRows }, (_, i) => Array.from(flat.subarray(i * x.nCols, (i + 1) * x.nCols), (v) => (Number.isNaN(v) ? null : v)));
      const run = spawnSync(PYTHON, [SCRIPT], { input: JSON.stringify({ artifact: path, rows: features }), encoding: 'utf8', maxBuffer: 1 << 26 });
      // The container's ntree_limit argument draws a deprecation warning from XGBoost 1.7; only failures matter.
      expect(run.status, run.stderr).toBe(0);
      const out = JSON.parse(run.stdout) as { files: [string, number, boolean][]; format: string; container: (number | number[])[]; model_file: (number | number[])[]; best_ntree_limit: number };
      expect(out.files).toEqual([['xgboost-model', 0o644, true]]);
      expect(out.format).toBe('xgb');
      const { inference } = await mlpadInference(model, rows);
      const want = inference.kind === 'classification' ? inference.probabilities : inference.kind === 'regression' ? inference.score : new Float32Array();
      if (c.label) expect(out.best_ntree_limit).toBeGreaterThan(0);
      for (const got of [out.container.flat(), out.model_file.flat()]) {
        expect(got.length).toBe(want.length);
        let max = 0;
        got.forEach((v, i) => { max = Math.max(max, Math.abs(v - want[i]) / Math.max(1, Math.abs(want[i]))); });
        expect(max).toBeLessThanOrEqual(1e-6);
      }
    });
  }
});
