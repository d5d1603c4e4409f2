// Each algorithm's answers in SageMaker's response shapes (checked against the developer guide's response
// format pages: predictions/score/predicted_label, closest_cluster/distance_to_cluster, projections/projection,
// scores/score), in JSON, JSON Lines and CSV, with the model's numbers, and 406 for an Accept it cannot write.
import { readFileSync, rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initTrainingBackend } from '../../../src/lib/compute/training-backend.ts';
import { loadBytes } from '../../../src/lib/data/index.ts';
import { loadDeployModel, score } from '../../../src/lib/deploy/deploy-model.ts';
import { PayloadError } from '../../../src/lib/deploy/payload-error.ts';
import { formatResponse, responseTypeOf } from '../../../src/lib/deploy/response.ts';
import type { Inference } from '../../../src/lib/ml/estimator.ts';
import { CASES, tempDir, tinyCsv, trainTiny } from './tiny-models.ts';

const dir = tempDir('mlpad-response-');
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const paths = new Map<string, string>();
beforeAll(async () => {
  for (const c of CASES) paths.set(c.name, await trainTiny(dir, c));
}, 240_000);

/** SageMaker's fields per case, and the JSON list key. */
const SHAPES: Record<string, { key: string; fields: string[]; csvWidth: number }> = {
  'xgboost': { key: 'predictions', fields: ['score'], csvWidth: 1 },
  'linear-learner': { key: 'predictions', fields: ['score', 'predicted_label'], csvWidth: 2 },
  'knn': { key: 'predictions', fields: ['predicted_label'], csvWidth: 1 },
  'kmeans': { key: 'predictions', fields: ['closest_cluster', 'distance_to_cluster'], csvWidth: 2 },
  'pca': { key: 'projections', fields: ['projection'], csvWidth: 2 },
  'randomcutforest': { key: 'scores', fields: ['score'], csvWidth: 1 },
  'factorization-machines': { key: 'predictions', fields: ['score', 'predicted_label'], csvWidth: 2 },
  'mlp': { key: 'predictions', fields: ['score', 'predicted_label'], csvWidth: 2 },
  'xgboost-multiclass': { key: 'predictions', fields: ['score'], csvWidth: 3 },
  'linear-learner-multiclass': { key: 'predictions', fields: ['score', 'predicted_label'], csvWidth: 4 },
  'knn-regression': { key: 'predictions', fields: ['predicted_label'], csvWidth: 1 },
  'xgboost-regression': { key: 'predictions', fields: ['score'], csvWidth: 1 },
};

const TOL = 1e-6;
const near = (a: unknown, b: number) => expect(Math.abs((a as number) - b)).toBeLessThanOrEqual(TOL * Math.max(1, Math.abs(b)));

/** Checks record `r` against row `i` of the inference itself. */
function checkRecord(r: Record<string, unknown>, inf: Inference, i: number, classes: string[] | undefined): void {
  switch (inf.kind) {
    case 'classification': {
      const K = inf.classes;
      if ('score' in r) {
        if (K === 2) near(r.score, inf.probabilities[i]);
        else (r.score as number[]).forEach((p, k) => near(p, inf.probabilities[i * K + k]));
      }
      if ('predicted_label' in r) expect(r.predicted_label).toBe(classes![inf.predictedLabel[i]]);
      break;
    }
    case 'regression': near(r.score ?? r.predicted_label, inf.score[i]); break;
    case 'anomaly': near(r.score, inf.score[i]); break;
    case 'clustering': expect(r.closest_cluster).toBe(inf.closestCluster[i]); near(r.distance_to_cluster, inf.distanceToCluster[i]); break;
    case 'decomposition': (r.projection as number[]).forEach((v, c) => near(v, inf.projection[i * inf.components + c])); break;
  }
}

describe('formatResponse in SageMaker\'s shapes', () => {
  for (const c of CASES) {
    it(`${c.name}: JSON, JSON Lines and CSV carry ${SHAPES[c.name].fields.join(', ')} with the model's numbers to ${TOL}`, async () => {
      const m = await loadDeployModel(new Uint8Array(readFileSync(paths.get(c.name)!)), `${c.name}.model.json`, { tensorflow: (allowed) => initTrainingBackend('auto', { allowed }) });
      const { table } = await loadBytes('rows.csv', new TextEncoder().encode(tinyCsv(5, 31)));
      const inf = await score(m, table);
      const shape = SHAPES[c.name];
      const json = formatResponse(m.facts, inf, 5, 'application/json');
      expect(json.contentType).toBe('application/json');
      const parsed = JSON.parse(json.body);
      expect(Object.keys(parsed)).toEqual([shape.key]);
      expect(parsed[shape.key]).toHaveLength(5);
      parsed[shape.key].forEach((r: Record<string, unknown>, i: number) => {
        expect(Object.keys(r)).toEqual(shape.fields);
        checkRecord(r, inf, i, m.facts.classes);
      });
      expect(json.records).toEqual(parsed[shape.key]);
      const lines = formatResponse(m.facts, inf, 5, 'application/jsonlines');
      expect(lines.body.trimEnd().split('\n').map((l) => JSON.parse(l))).toEqual(parsed[shape.key]);
      const csv = formatResponse(m.facts, inf, 5, 'text/csv');
      const rows = csv.body.trimEnd().split('\n').map((l) => l.split(','));
      expect(rows).toHaveLength(5);
      rows.forEach((row, i) => {
        expect(row).toHaveLength(shape.csvWidth);
        const flat = shape.fields.flatMap((f) => { const v = parsed[shape.key][i][f]; return Array.isArray(v) ? v : [v]; });
        expect(row).toEqual(flat.map(String));
      });
      expect(formatResponse(m.facts, inf, 5).contentType).toBe(c.algorithm === 'xgboost' ? 'text/csv' : 'application/json');
    }, 60_000);
  }
});

describe('responseTypeOf', () => {
  const facts = { algorithm: 'linear-learner', kind: 'supervised' as const, inputs: [], fields: ['score' as const], defaultAccept: 'application/json' as const };
  it('takes the first type it can write from an Accept list; */* and absent give the default', () => {
    expect(responseTypeOf('text/html, application/jsonlines;q=0.9', facts)).toBe('application/jsonlines');
    expect(responseTypeOf('*/*', facts)).toBe('application/json');
    expect(responseTypeOf(undefined, facts)).toBe('application/json');
    expect(responseTypeOf('text/*', facts)).toBe('text/csv');
  });
  it('406 for an Accept it cannot write, naming the ones it can', () => {
    let error: unknown;
    try { responseTypeOf('image/png', facts); } catch (e) { error = e; }
    expect(error).toBeInstanceOf(PayloadError);
    expect((error as PayloadError).status).toBe(406);
    expect((error as PayloadError).message).toBe('cannot answer in "image/png"; send an Accept of text/csv, application/json, application/jsonlines (or none for application/json)');
  });
});

describe('float32Text', () => {
  it('writes the shortest text that reads back as the float32 (an exhaustive search from 1 digit agrees) for 200,000 seeded values', async () => {
    // The reference: try 1, 2, … 9 significant digits and keep the first that reads back.
    const formatFloat32 = (v: number): string => {
      const x = Math.fround(v);
      if (!Number.isFinite(x)) return Number.isNaN(x) ? '' : String(x);
      for (let p = 1; p <= 9; p++) if (Math.fround(Number(x.toPrecision(p))) === x) return String(Number(x.toPrecision(p)));
      return String(x);
    };
    const { float32Text } = await import('../../../src/lib/deploy/response.ts');
    const { SeededRandom } = await import('../../../src/lib/ml/random.ts');
    const rng = new SeededRandom(3);
    const special = [0, -0, 0.5, 1, 0.1, 1e-30, 3.4e38, 123456789, 1 / 3, NaN, Infinity, -Infinity];
    for (const v of special) expect(float32Text(v), String(v)).toBe(formatFloat32(v));
    for (let k = 0; k < 200_000; k++) {
      const v = (rng.next() - 0.5) * 10 ** Math.floor(rng.next() * 16 - 8);
      expect(float32Text(v)).toBe(formatFloat32(v));
    }
  });
});
