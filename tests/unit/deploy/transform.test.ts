// Batch transform against `mlpad predict` for every registry algorithm (same rows, same numbers), and its
// SageMaker options: join_source Input with input_filter and output_filter, split_type None, JSON Lines,
// missing and extra columns by name, bad rows, and data that does not fit the model.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadBytes } from '../../../src/lib/data/index.ts';
import { loadDeployModel, ModelDataError, type DeployModel } from '../../../src/lib/deploy/deploy-model.ts';
import { batchTransform, TransformError } from '../../../src/lib/deploy/transform.ts';
import { initTrainingBackend } from '../../../src/lib/compute/training-backend.ts';
import { runMlpad } from '../cli/run-mlpad.ts';
import { CASES, pickColumns, tempDir, tinyCsv, trainTiny } from './tiny-models.ts';

const dir = tempDir('mlpad-transform-');
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const models = new Map<string, string>();
const scoreCsv = join(dir, 'score.csv');
const TOL = 1e-6;

beforeAll(async () => {
  writeFileSync(scoreCsv, tinyCsv(57, 99));
  for (const c of CASES) models.set(c.name, await trainTiny(dir, c));
}, 240_000);

function parseCsv(text: string): string[][] {
  return text.trimEnd().split('\n').map((l) => l.split(','));
}

/** The numbers `mlpad predict` gives that a transform record must carry, per row, for the case's shape. */
function expectedFromPredict(header: string[], row: string[], name: string): number[] {
  const get = (col: string) => Number(row[header.indexOf(col)]);
  if (name.startsWith('xgboost')) {
    if (name.endsWith('multiclass')) return header.filter((h) => h.startsWith('probability_')).map(get);
    if (name.endsWith('regression')) return [get('score')];
    return [get('probability_yes')];
  }
  if (name === 'kmeans') return [get('closest_cluster'), get('distance_to_cluster')];
  if (name === 'pca') return header.filter((h) => h.startsWith('projection_')).map(get);
  if (name === 'randomcutforest' || name === 'knn-regression') return [get('score')];
  if (name === 'knn') return [];
  if (name.endsWith('multiclass')) return header.filter((h) => h.startsWith('probability_')).map(get);
  return [get('probability_yes')];
}

describe('mlpad transform gives mlpad predict\'s predictions', () => {
  for (const c of CASES) {
    it(`${c.name}: every row's fields equal mlpad predict's to ${TOL}`, async () => {
      const model = models.get(c.name)!;
      const p = await runMlpad('predict', '--model', model, '--data', scoreCsv);
      expect(p.code, p.stderr).toBe(0);
      const out = join(dir, `${c.name}.out.csv`);
      const t = await runMlpad('transform', '--model', model, '--data', scoreCsv, '--out', out);
      expect(t.code, t.stderr).toBe(0);
      expect(t.stderr).toMatch(/transformed 57 rows/);
      const [ph, ...prows] = parseCsv(p.stdout);
      const [th, ...trows] = parseCsv(readFileSync(out, 'utf8'));
      expect(trows).toHaveLength(57);
      for (let i = 0; i < 57; i++) {
        const want = expectedFromPredict(ph, prows[i], c.name);
        const labelCol = ph.indexOf('predicted_label');
        const got = trows[i];
        const numbers = th.filter((h) => h !== 'predicted_label').map((h) => Number(got[th.indexOf(h)]));
        // k-NN answers predicted_label: the class, or for regression the value mlpad predict calls score.
        if (c.name === 'knn-regression') expect(Math.abs(Number(got[th.indexOf('predicted_label')]) - want[0])).toBeLessThanOrEqual(TOL);
        else {
          if (th.includes('predicted_label')) expect(got[th.indexOf('predicted_label')]).toBe(prows[i][labelCol]);
          expect(numbers).toHaveLength(want.length);
          numbers.forEach((v, k) => expect(Math.abs(v - want[k])).toBeLessThanOrEqual(TOL));
        }
      }
    }, 60_000);
  }
});

describe('batchTransform options', () => {
  let xgb: DeployModel;
  let ll: DeployModel;
  beforeAll(async () => {
    xgb = await loadDeployModel(new Uint8Array(readFileSync(models.get('xgboost')!)), 'xgboost.model.json');
    ll = await loadDeployModel(new Uint8Array(readFileSync(models.get('linear-learner')!)), 'll.model.json', { tensorflow: (allowed) => initTrainingBackend('auto', { allowed }) });
  });
  const table = async (csv: string) => (await loadBytes('data.csv', new TextEncoder().encode(csv))).table;

  it('join_source Input keeps the id column in the output while input_filter drops it from the model\'s input', async () => {
    const csv = pickColumns(tinyCsv(20, 5), ['id', 'a', 'b', 'c', 'color']);
    const plain = await batchTransform(xgb, await table(csv));
    const joined = await batchTransform(xgb, await table(csv), { joinSource: 'Input', inputFilter: '$[1:]', outputFilter: "$['id','score']" });
    const rows = parseCsv(joined.body);
    expect(rows[0]).toEqual(['id', 'score']);
    const scores = parseCsv(plain.body).slice(1).map((r) => r[0]);
    rows.slice(1).forEach((r, i) => {
      expect(r[0]).toBe(String(1000 + i));
      expect(r[1]).toBe(scores[i]);
    });
    expect(joined.report.extraColumns).toEqual([]);
    expect(plain.report.extraColumns).toEqual(['id']);
  });

  it('an input_filter that keeps the id column reports it as extra; the model reads its inputs by name', async () => {
    const csv = pickColumns(tinyCsv(10, 5), ['color', 'id', 'c', 'b', 'a']);
    const r = await batchTransform(xgb, await table(csv), { joinSource: 'Input' });
    expect(r.report.extraColumns).toEqual(['id']);
    const inOrder = await batchTransform(xgb, await table(pickColumns(tinyCsv(10, 5), ['a', 'b', 'c', 'color'])));
    const scores = parseCsv(inOrder.body).slice(1).map((x) => x[0]);
    expect(parseCsv(r.body)[0]).toEqual(['color', 'id', 'c', 'b', 'a', 'score']);
    expect(parseCsv(r.body).slice(1).map((x) => x[5])).toEqual(scores);
  });

  it('missing input columns are named in the report and scored as missing values', async () => {
    const r = await batchTransform(xgb, await table(pickColumns(tinyCsv(10, 5), ['a', 'b', 'color'])));
    expect(r.report.missingColumns).toEqual(['c']);
    expect(r.report.notes.join(' ')).toMatch(/missing from the data and scored as missing values: c/);
    expect(parseCsv(r.body).slice(1).every((x) => Number(x[0]) > 0 && Number(x[0]) < 1)).toBe(true);
  });

  it('JSON Lines with join_source Input adds the prediction to the input record under SageMakerOutput', async () => {
    const r = await batchTransform(ll, await table(pickColumns(tinyCsv(4, 5), ['id', 'a', 'b', 'c', 'color'])), { accept: 'application/jsonlines', joinSource: 'Input' });
    const lines = r.body.trimEnd().split('\n').map((l) => JSON.parse(l));
    expect(lines).toHaveLength(4);
    expect(Object.keys(lines[0])).toEqual(['id', 'a', 'b', 'c', 'color', 'SageMakerOutput']);
    expect(Object.keys(lines[0].SageMakerOutput)).toEqual(['score', 'predicted_label']);
    expect(['yes', 'no']).toContain(lines[0].SageMakerOutput.predicted_label);
    const filtered = await batchTransform(ll, await table(pickColumns(tinyCsv(4, 5), ['id', 'a', 'b', 'c', 'color'])), { accept: 'application/jsonlines', joinSource: 'Input', outputFilter: "$['id','SageMakerOutput']" });
    expect(Object.keys(JSON.parse(filtered.body.split('\n')[0]))).toEqual(['id', 'SageMakerOutput']);
  });

  it('split_type None gives the same CSV as Line, and batches of 7 rows the same as one batch', async () => {
    const t = await table(tinyCsv(50, 8));
    const line = await batchTransform(xgb, t);
    const none = await batchTransform(xgb, t, { splitType: 'None' });
    const small = await batchTransform(xgb, t, { batchRows: 7 });
    expect(none.body).toBe(line.body);
    expect(small.body).toBe(line.body);
    expect(none.report.notes.join(' ')).toMatch(/split_type None/);
  });

  it('reports progress per batch and stops when asked, keeping the rows done', async () => {
    const t = await table(tinyCsv(50, 8));
    const seen: number[] = [];
    const r = await batchTransform(xgb, t, { batchRows: 10 }, { onProgress: (d) => seen.push(d), shouldStop: () => seen.length >= 2 });
    expect(seen).toEqual([10, 20]);
    expect(r.report.rows).toBe(20);
    expect(parseCsv(r.body)).toHaveLength(21);
    expect(r.report.notes.join(' ')).toMatch(/stopped after 20 of 50 rows/);
  });

  it('a cell that is not a number fails only its own row, which gets an empty prediction', async () => {
    const csv = pickColumns(tinyCsv(6, 5), ['a', 'b', 'c', 'color']).split('\n');
    csv[3] = `oops,${csv[3].split(',').slice(1).join(',')}`;
    const r = await batchTransform(xgb, await table(csv.join('\n')));
    expect(r.report.rowErrors).toEqual([{ row: 3, message: 'column "a": "oops" is not a number' }]);
    const rows = parseCsv(r.body).slice(1);
    expect(rows[2]).toEqual(['']);
    expect(rows.filter((x) => x[0] !== '')).toHaveLength(5);
  });

  it('row errors from several columns are listed once per row, in row order', async () => {
    const lines = pickColumns(tinyCsv(6, 5), ['a', 'b', 'c', 'color']).trimEnd().split('\n');
    lines[5] = `1,zz,${lines[5].split(',').slice(2).join(',')}`;
    lines[2] = `x,y,${lines[2].split(',').slice(2).join(',')}`;
    const r = await batchTransform(xgb, await table(lines.join('\n')));
    expect(r.report.rowErrors).toEqual([{ row: 2, message: 'column "a": "x" is not a number' }, { row: 5, message: 'column "b": "zz" is not a number' }]);
    expect(r.report.notes.join(' ')).toMatch(/2 rows could not be scored and have an empty prediction/);
  });

  it('joined float32 input columns are written with float32\'s shortest decimals', async () => {
    const { makeVector, Table } = await import('apache-arrow');
    const t = new Table({ a: makeVector(Float32Array.from([0.1, 1.5])), b: makeVector(Float32Array.from([0.2, -1])), c: makeVector(Float32Array.from([0.3, 0])) });
    const r = await batchTransform(xgb, t, { joinSource: 'Input', outputFilter: '$[:3]' });
    expect(parseCsv(r.body)).toEqual([['a', 'b', 'c'], ['0.1', '0.2', '0.3'], ['1.5', '-1', '0']]);
    const j = await batchTransform(xgb, t, { joinSource: 'Input', accept: 'application/jsonlines', outputFilter: "$['a']" });
    expect(j.body).toBe('{"a":0.1}\n{"a":1.5}\n');
  });

  it('data with none of the model\'s columns is a ModelDataError naming the model file and the columns', async () => {
    await expect(batchTransform(xgb, await table('x,y\n1,2\n'))).rejects.toThrow(ModelDataError);
    await expect(batchTransform(xgb, await table('x,y\n1,2\n'))).rejects.toThrow(/none of the columns xgboost\.model\.json reads \("a", "b", "c", "color"\); its columns are "x", "y"/);
  });

  it('bad options and filters are refused with the option named', async () => {
    const t = await table(tinyCsv(3, 5));
    await expect(batchTransform(xgb, t, { batchRows: 0 })).rejects.toThrow(TransformError);
    await expect(batchTransform(xgb, t, { batchRows: 0 })).rejects.toThrow(/batchRows must be a whole number/);
    await expect(batchTransform(xgb, t, { inputFilter: '$[1:' })).rejects.toThrow(/input_filter "\$\[1:": expected "\]" at the end at position 4/);
    await expect(batchTransform(xgb, t, { outputFilter: '$[9]' })).rejects.toThrow(/output_filter: index 9 is outside the 1 columns/);
  });
});

describe('mlpad transform on bad input', () => {
  it('an empty data file exits 1 naming the file', async () => {
    writeFileSync(join(dir, 'empty.csv'), '');
    const r = await runMlpad('transform', '--model', models.get('xgboost')!, '--data', join(dir, 'empty.csv'), '--out', join(dir, 'x.csv'));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^mlpad: .*empty\.csv.*empty/i);
  });

  it('a file that is not a model exits 1 naming it', async () => {
    writeFileSync(join(dir, 'notmodel.json'), '{"hello": 1}');
    const r = await runMlpad('transform', '--model', join(dir, 'notmodel.json'), '--data', scoreCsv, '--out', join(dir, 'x.csv'));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^mlpad: .*notmodel\.json: the model file is neither an mlpad model/);
  });

  it('data that does not fit the model exits 1 naming the data file and the columns', async () => {
    writeFileSync(join(dir, 'other.csv'), 'x,y\n1,2\n3,4\n');
    const r = await runMlpad('transform', '--model', models.get('kmeans')!, '--data', join(dir, 'other.csv'), '--out', join(dir, 'x.csv'));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^mlpad: .*other\.csv: the data has none of the columns .*kmeans\.model\.json reads/);
  });

  it('an unknown --accept is a usage error', async () => {
    const r = await runMlpad('transform', '--model', models.get('xgboost')!, '--data', scoreCsv, '--out', join(dir, 'x.csv'), '--accept', 'text/html');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--accept must be text\/csv or application\/jsonlines; got "text\/html"/);
  });
});
