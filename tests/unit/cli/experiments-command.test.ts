// `mlpad train … --experiment` records runs in a store folder; `mlpad experiments list|show|compare|export` read
// them (in-process through main()).
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FolderBackend } from '../../../src/cli/store-folder.ts';
import { getRun } from '../../../src/lib/experiments/index.ts';
import { listAssociations } from '../../../src/lib/lineage/index.ts';
import { sha256Hex } from '../../../src/lib/store/hash.ts';
import { inspectWorkspace } from '../../../src/lib/workspace/index.ts';
import { runMlpad as run } from './run-mlpad.ts';

const dir = mkdtempSync(join(tmpdir(), 'mlpad-experiments-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const at = (...p: string[]) => join(dir, ...p);
const rows = Array.from({ length: 80 }, (_, i) => `${i % 13},${(i * 7) % 11},${(i * 7) % 11 > 5 ? 'spam' : 'ham'}`);
const store = at('data', '.mlpad');

beforeAll(async () => {
  mkdirSync(at('data'));
  writeFileSync(at('data', 'mail.csv'), ['x,z,kind', ...rows].join('\n') + '\n');
  const a = await run('train', '--train', at('data', 'mail.csv'), '--target', 'kind', '--hp', 'num_round=6', 'eta=0.3', '--model-out', at('m1.json'), '--metrics-out', at('m1-metrics.json'), '--experiment', 'mail', '--run', 'first');
  expect(a.stderr).toContain(`mlpad: recorded run first in experiment mail (${store})`);
  expect(a.code).toBe(0);
  const b = await run('train', '--train', at('data', 'mail.csv'), '--target', 'kind', '--hp', 'num_round=4', 'max_depth=2', '--model-out', at('m2.json'), '--metrics-out', at('m2-metrics.json'), '--experiment', 'mail', '--run', 'second');
  expect(b.code).toBe(0);
}, 60_000);

describe('mlpad train --experiment', () => {
  it('records parameters, per-round metrics, final metrics, the data hash and the model and metrics.json as blobs', async () => {
    const s = await FolderBackend.open(store);
    const r = (await getRun(s, 'first'))!;
    expect(r).toMatchObject({ ExperimentName: 'mail', JobType: 'Training', Status: { PrimaryStatus: 'Completed' }, Backend: 'cpu' });
    expect(r.Parameters).toMatchObject({ num_round: { NumberValue: 6 }, eta: { NumberValue: 0.3 }, 'mlpad.Algorithm': { StringValue: 'xgboost' }, 'mlpad.Target': { StringValue: 'kind' }, 'mlpad.HoldOut': { NumberValue: 0.2 } });
    expect(r.MetricSteps['validation:logloss'].map((s) => s.Step)).toEqual([0, 1, 2, 3, 4, 5]);
    const metricsFile = JSON.parse(readFileSync(at('m1-metrics.json'), 'utf8'));
    const finalAuc = r.Metrics.find((m) => m.MetricName === 'final.validation:auc')!;
    expect(finalAuc.Last).toBe(metricsFile.validation.auc);
    const data = new Uint8Array(readFileSync(at('data', 'mail.csv')));
    expect(r.InputArtifacts.train).toEqual({ Value: await sha256Hex(data), Size: data.length, Name: 'mail.csv', MediaType: 'text/csv', Stored: false });
    const model = new Uint8Array(readFileSync(at('m1.json')));
    expect(r.OutputArtifacts.model).toMatchObject({ Value: await sha256Hex(model), Name: 'm1.json', Stored: true });
    expect(Array.from((await s.getBlob(r.OutputArtifacts.model.Value))!)).toEqual(Array.from(model));
    expect(new TextDecoder().decode(await s.getBlob(r.OutputArtifacts.metrics.Value))).toBe(readFileSync(at('m1-metrics.json'), 'utf8'));
    expect((await listAssociations(s)).filter((a) => a.DestinationArn.endsWith('/first') && a.AssociationType === 'ContributedTo')).toHaveLength(1);
    expect(Date.parse(r.EndTime!)).toBeGreaterThanOrEqual(Date.parse(r.StartTime));
  });

  it('refuses a taken run name before training, and --run without --experiment', async () => {
    const r = await run('train', '--train', at('data', 'mail.csv'), '--target', 'kind', '--model-out', at('m3.json'), '--experiment', 'mail', '--run', 'first');
    expect(r).toMatchObject({ code: 1, stderr: `mlpad: run first already exists in ${store} (experiment mail); choose another --run name\n` });
    expect(existsSync(at('m3.json'))).toBe(false);
    const u = await run('train', '--train', at('data', 'mail.csv'), '--target', 'kind', '--run', 'x');
    expect(u.code).toBe(2);
    expect(u.stderr).toMatch(/^mlpad: --run needs --experiment NAME/);
    const bad = await run('train', '--train', at('data', 'mail.csv'), '--target', 'kind', '--experiment', 'no spaces');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--experiment "no spaces" is not valid: use 1 to 120 letters, digits and dashes/);
  });

  it('records a job that fails as a Failed run with the message', async () => {
    const r = await run('train', '--train', at('data', 'mail.csv'), '--target', 'kind', '--positive-label', 'eggs', '--experiment', 'mail', '--run', 'broken', '--store', at('other-store'));
    expect(r.code).toBe(1);
    const s = await FolderBackend.open(at('other-store'));
    expect((await getRun(s, 'broken'))?.Status).toEqual({ PrimaryStatus: 'Failed', Message: 'positive label "eggs" is not a class of target "kind"; its classes are "ham", "spam"' });
  });
});

describe('mlpad experiments', () => {
  it('list prints a table, newest first, with a key metric', async () => {
    const r = await run('experiments', 'list', '--store', store);
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^EXPERIMENT\s+RUN\s+JOB TYPE\s+STATUS\s+CREATED\s+KEY METRIC$/);
    expect(lines.slice(1).map((l) => l.split(/\s+/).slice(0, 4))).toEqual([['mail', 'second', 'Training', 'Completed'], ['mail', 'first', 'Training', 'Completed']]);
    expect(lines[2]).toMatch(/validation:accuracy=[0-9.]+$/);
    const byName = await run('experiments', 'list', '--store', store, '--sort-by', 'Name', '--sort-order', 'Ascending', '--json');
    expect(JSON.parse(byName.stdout).map((x: { RunName: string }) => x.RunName)).toEqual(['first', 'second']);
    const none = await run('experiments', 'list', '--store', store, '--text', 'nothing-like-this');
    expect(none).toMatchObject({ code: 0, stdout: '', stderr: 'mlpad: no runs match\n' });
  });

  it('show prints one run as JSON; an unknown run or store is one sentence', async () => {
    const r = await run('experiments', 'show', '--store', store, '--run', 'second');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ RunName: 'second', Parameters: { max_depth: { NumberValue: 2 } } });
    expect(await run('experiments', 'show', '--store', store, '--run', 'third')).toMatchObject({ code: 1, stderr: "mlpad: no run named third; 'mlpad experiments list' shows the names\n" });
    const missing = await run('experiments', 'list', '--store', at('nowhere'));
    expect(missing).toMatchObject({ code: 1, stderr: `mlpad: no experiments store in ${JSON.stringify(at('nowhere'))}; record a run with 'mlpad train … --experiment NAME' or give --store DIR\n` });
    expect(existsSync(at('nowhere'))).toBe(false);
    const badSort = await run('experiments', 'list', '--store', store, '--sort-by', 'Size');
    expect(badSort.code).toBe(2);
    expect(badSort.stderr).toMatch(/^mlpad: --sort-by must be one of Name, CreationTime; got "Size"/);
  });

  it('compare puts parameters and final metrics side by side, marking those that differ', async () => {
    const r = await run('experiments', 'compare', '--store', store, '--run', 'first', 'second');
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0].trim().split(/\s+/)).toEqual(['first', 'second']);
    expect(lines.find((l) => l.includes('num_round'))!.trim().split(/\s+/)).toEqual(['*', 'num_round', '6', '4']);
    expect(lines.find((l) => l.includes('mlpad.Algorithm'))!.trim().split(/\s+/)).toEqual(['mlpad.Algorithm', 'xgboost', 'xgboost']);
    expect(lines.some((l) => /^\s+final\.validation:auc\s+[0-9.]+\s+[0-9.]+$/.test(l))).toBe(true);
    const json = JSON.parse((await run('experiments', 'compare', '--store', store, '--run', 'first,second', '--json')).stdout);
    const curve = json.curves.find((c: { name: string }) => c.name === 'validation:logloss');
    expect(curve.steps).toEqual([0, 1, 2, 3, 4, 5]);
    expect(curve.values[1].slice(4)).toEqual([null, null]);
  });

  it('export writes a workspace zip of the store, or of one experiment', async () => {
    const all = await run('experiments', 'export', '--store', store, '--out', at('all.zip'));
    expect(all.code).toBe(0);
    const summary = await inspectWorkspace(new Uint8Array(readFileSync(at('all.zip'))));
    expect(summary.records).toMatchObject({ runs: 2, experiments: 1 });
    expect(summary.blobs).toBe(4); // two models and two metrics.json
    const one = await run('experiments', 'export', '--store', store, '--out', at('one.zip'), '--experiment', 'mail');
    expect(one.code).toBe(0);
    expect((await inspectWorkspace(new Uint8Array(readFileSync(at('one.zip'))))).records).toMatchObject({ runs: 2, experiments: 1 });
    expect(await run('experiments', 'export', '--store', store, '--out', at('x.zip'), '--experiment', 'nope')).toMatchObject({ code: 1, stderr: 'mlpad: no experiment named nope\n' });
  });

  it('help lists the subcommands', async () => {
    const r = await run('experiments', '--help');
    expect(r.stdout).toMatch(/list\s+List the recorded runs/);
    expect(r.stdout).toMatch(/export\s+Write the store/);
  });
});
