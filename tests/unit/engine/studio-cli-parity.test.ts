// The studio's engine and `mlpad train` / `mlpad predict` are one job runner: with early stopping, the same
// rows give the same metrics, and the studio's predictions CSV holds exactly what `mlpad predict` writes for
// those rows (from the studio's model file and from the CLI's).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tableFromArrays, tableToIPC } from 'apache-arrow';
import { afterAll, describe, expect, it } from 'vitest';
import { createTrainEngine } from '../../../src/lib/engine/train-engine.ts';
import { SeededRandom } from '../../../src/lib/ml/random.ts';
import { runMlpad } from '../cli/run-mlpad.ts';

const dir = mkdtempSync(join(tmpdir(), 'mlpad-parity-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const at = (name: string) => join(dir, name);

const run = runMlpad;

/** 600 rows of a noisy binary problem with a categorical column; values printed with 4 decimals so CSV round-trips them exactly as float32. */
function rows(): string[][] {
  const rng = new SeededRandom(11);
  return Array.from({ length: 600 }, () => {
    const x = Number((rng.next() * 2 - 1).toFixed(4)), z = Number((rng.next() * 4).toFixed(4));
    const c = ['red', 'green', 'blue'][rng.nextInt(3)];
    const y = x + Math.sin(z) * 0.5 + (c === 'red' ? 0.3 : 0) + (rng.next() - 0.5) * 0.8 > 0 ? 'yes' : 'no';
    return [String(x), String(z), c, y];
  });
}

const csv = (lines: string[][]) => ['x,z,c,y', ...lines.map((l) => l.join(','))].join('\n') + '\n';

describe('studio engine, mlpad train and mlpad predict agree after early stopping', () => {
  it('same metrics on train, validation and test; the studio CSV\'s prediction columns equal mlpad predict\'s on both model files', async () => {
    const data = rows();
    const table = tableFromArrays({ x: data.map((r) => r[0]), z: data.map((r) => r[1]), c: data.map((r) => r[2]), y: data.map((r) => r[3]) });
    const hp = { num_round: '300', eta: '0.3', max_depth: '4', early_stopping_rounds: '5' };
    const studio = await createTrainEngine().train(tableToIPC(table, 'stream'), {
      algorithm: 'xgboost', hyperparameters: hp,
      prepare: { target: 'y', types: { x: 'float', z: 'float', c: 'categorical', y: 'categorical' }, split: { method: 'stratified', validationFraction: 0.2, testFraction: 0.2, seed: 3 } },
    });
    expect(studio.bestIteration).toBeDefined();
    expect(studio.bestIteration!).toBeLessThan(studio.rounds - 1);

    // The studio's split, as files for the CLI: rows in table order within each part, as prepare keeps them.
    const studioCsv = new TextDecoder().decode(studio.predictionsCsv).trim().split('\n');
    const header = studioCsv[0].split(',');
    expect(header.slice(0, 3)).toEqual(['row', 'split', 'actual']);
    const partOf = new Map(studioCsv.slice(1).map((l) => { const f = l.split(','); return [Number(f[0]) - 1, f[1]]; }));
    const part = (name: string | undefined) => data.filter((_, i) => partOf.get(i) === name);
    writeFileSync(at('train.csv'), csv(part(undefined)));
    writeFileSync(at('validation.csv'), csv(part('validation')));
    writeFileSync(at('test.csv'), csv(part('test')));
    writeFileSync(at('studio-model.json'), studio.model);

    const t = await run('train', '--train', at('train.csv'), '--validation', at('validation.csv'), '--test', at('test.csv'), '--target', 'y',
      '--hp', Object.entries(hp).map(([k, v]) => `${k}=${v}`).join(' '), '--model-out', at('cli-model.json'), '--metrics-out', at('metrics.json'));
    expect(t.stderr).not.toMatch(/error/);
    expect(t.code).toBe(0);
    const cli = JSON.parse(readFileSync(at('metrics.json'), 'utf8'));
    const studioMetrics = JSON.parse(new TextDecoder().decode(studio.metricsJson));
    expect(cli.best_iteration).toBe(studio.bestIteration);
    for (const split of ['train', 'validation', 'test']) expect(cli[split], split).toEqual(studioMetrics[split]);

    // The studio's prediction columns for the held-out rows = mlpad predict on those rows, with either model file.
    for (const model of ['studio-model.json', 'cli-model.json']) {
      for (const split of ['validation', 'test']) {
        const p = await run('predict', '--model', at(model), '--data', at(`${split}.csv`));
        expect(p.code).toBe(0);
        const predicted = p.stdout.trim().split('\n');
        const fromStudio = studioCsv.filter((l) => l.split(',')[1] === split).map((l) => l.split(',').slice(3).join(','));
        expect(predicted[0].split(',')).toEqual(header.slice(3));
        expect(predicted.slice(1), `${model} ${split}`).toEqual(fromStudio);
      }
    }
  });
});
