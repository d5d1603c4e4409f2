// `mlpad export`: --format esm writes a module that predicts as `mlpad predict` does on the same file;
// --format sagemaker writes model.tar.gz for XGBoost and refuses other algorithms with the reason; a bad
// --format is a usage error.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { runMlpad } from '../cli/run-mlpad.ts';
import { INPUTS, makeRows, type Row } from './export-fixtures.ts';

const dir = mkdtempSync(join(tmpdir(), 'mlpad-export-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const at = (name: string) => join(dir, name);

const csv = (rows: Row[], columns: readonly string[]) => [columns.join(','), ...rows.map((r) => columns.map((c) => r[c] ?? '').join(','))].join('\n') + '\n';

describe('mlpad export', () => {
  it('--format esm writes a module whose predictions equal mlpad predict\'s CSV; --format sagemaker writes model.tar.gz', async () => {
    writeFileSync(at('train.csv'), csv(makeRows(200, 3), [...INPUTS, 'ym']));
    const rows = makeRows(30, 4);
    writeFileSync(at('new.csv'), csv(rows, INPUTS));
    const t = await runMlpad('train', '--train', at('train.csv'), '--target', 'ym', '--hp', 'num_round=10', '--model-out', at('model.json'));
    expect(t.code, t.stderr).toBe(0);

    const e = await runMlpad('export', '--model', at('model.json'), '--format', 'esm', '--out', at('out/scorer.mjs'));
    expect(e.code, e.stderr).toBe(0);
    expect(e.stderr).toMatch(/wrote .*scorer\.mjs \(\d+\.\d KiB\), a standalone ES module/);
    const mod = await import(/* @vite-ignore */ pathToFileURL(at('out/scorer.mjs')).href);
    const p = await runMlpad('predict', '--model', at('model.json'), '--data', at('new.csv'));
    expect(p.code, p.stderr).toBe(0);
    const [header, ...lines] = p.stdout.trim().split('\n');
    expect(header).toBe('predicted_label,probability_high,probability_low,probability_mid');
    // The CSV reads the cells back as mlpad's loader does (numbers, dates as text), so give the module the same values.
    const got = mod.predictBatch(rows.map((r) => Object.fromEntries(INPUTS.map((k) => [k, r[k]]))));
    lines.forEach((line, i) => {
      const [label, ...probs] = line.split(',');
      expect(got[i].predicted_label).toBe(label);
      probs.forEach((v, k) => expect(Math.abs(got[i].probabilities[k] - Number(v))).toBeLessThanOrEqual(1e-6));
    });

    const s = await runMlpad('export', '--model', at('model.json'), '--format', 'sagemaker', '--out', at('model.tar.gz'));
    expect(s.code, s.stderr).toBe(0);
    expect([...readFileSync(at('model.tar.gz')).subarray(0, 2)]).toEqual([0x1f, 0x8b]);
  });

  it('refuses a bad --format (usage, exit 2) and --format sagemaker for a non-XGBoost model (exit 1, with the reason)', async () => {
    writeFileSync(at('u.csv'), csv(makeRows(60, 5), ['a', 'b']));
    const t = await runMlpad('train', '--train', at('u.csv'), '--algorithm', 'pca', '--hp', 'num_components=1', '--model-out', at('pca.json'));
    expect(t.code, t.stderr).toBe(0);
    const bad = await runMlpad('export', '--model', at('pca.json'), '--format', 'onnx', '--out', at('x'));
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--format must be esm or sagemaker; got "onnx"/);
    const pca = await runMlpad('export', '--model', at('pca.json'), '--format', 'sagemaker', '--out', at('pca.tar.gz'));
    expect(pca.code).toBe(1);
    expect(pca.stderr).toMatch(/pca\.json: the model is a pca model: SageMaker's built-in pca container loads a different format.*--format esm/);
  });
});
