// The Experiments view's pure helpers: searching, filtering and sorting runs, tags as text, the bytes a delete
// frees, and runs as the Tune view's parallel-coordinates input.
import type { JobType, ParameterValue, PrimaryStatus, Run, Tag } from '../../lib/experiments/types.ts';
import type { ModelPackage } from '../../lib/registry/types.ts';
import type { TrialRecord } from '../../lib/tune/tuning-job-api.ts';
import type { RangeRow } from '../tune/tune-form.ts';

/** A parameter's value as text. */
export const parameterText = (p: ParameterValue | undefined): string => (p === undefined ? '' : 'NumberValue' in p ? String(p.NumberValue) : p.StringValue);

/** What the runs list filters by; empty strings mean "any". */
export interface RunFilter {
  /** Text searched in names, experiment, parameters (names and values) and tags, any case; defaults to ''. */
  text?: string;
  experiment?: string;
  jobType?: JobType | '';
  status?: PrimaryStatus | '';
  /** 'key' or 'key=value'; defaults to ''. */
  tag?: string;
}

/** Runs that pass `filter`, in the order given. */
export function filterRuns(runs: readonly Run[], filter: RunFilter): Run[] {
  const needle = (filter.text ?? '').trim().toLowerCase();
  const tag = (filter.tag ?? '').trim();
  const eq = tag.indexOf('=');
  const tagKey = eq < 0 ? tag : tag.slice(0, eq).trim();
  const tagValue = eq < 0 ? undefined : tag.slice(eq + 1).trim();
  return runs.filter((r) => {
    if (filter.experiment && r.ExperimentName !== filter.experiment) return false;
    if (filter.jobType && r.JobType !== filter.jobType) return false;
    if (filter.status && r.Status.PrimaryStatus !== filter.status) return false;
    if (tagKey && !r.Tags.some((t) => t.Key === tagKey && (tagValue === undefined || t.Value === tagValue))) return false;
    if (!needle) return true;
    const hay = [r.RunName, r.DisplayName, r.ExperimentName, r.JobType, ...r.Tags.flatMap((t) => [t.Key, t.Value]),
      ...Object.entries(r.Parameters).flatMap(([k, p]) => [k, parameterText(p)])];
    return hay.some((h) => h.toLowerCase().includes(needle));
  });
}

/** How the list is sorted: by name, creation time, or a metric's Last value (runs without it go last). */
export type RunSort = { by: 'name' } | { by: 'time' } | { by: 'metric'; metric: string };

/** The Last value of `metric` in `run`, or undefined. */
export const lastOf = (run: Run, metric: string): number | undefined => run.Metrics.find((m) => m.MetricName === metric)?.Last;

/** `runs` sorted (a new array); ties keep creation time, newest first. */
export function sortRuns(runs: readonly Run[], sort: RunSort, ascending: boolean): Run[] {
  const sign = ascending ? 1 : -1;
  const byTime = (a: Run, b: Run) => (a.CreationTime < b.CreationTime ? 1 : a.CreationTime > b.CreationTime ? -1 : 0);
  return [...runs].sort((a, b) => {
    if (sort.by === 'name') return sign * a.RunName.localeCompare(b.RunName);
    if (sort.by === 'time') return -sign * byTime(a, b) || a.RunName.localeCompare(b.RunName);
    const x = lastOf(a, sort.metric), y = lastOf(b, sort.metric);
    if (x === undefined || y === undefined) return x === y ? byTime(a, b) : x === undefined ? 1 : -1;
    return sign * (x - y) || byTime(a, b);
  });
}

/** Every metric name the runs logged, sorted. */
export const metricNames = (runs: readonly Run[]): string[] => [...new Set(runs.flatMap((r) => r.Metrics.map((m) => m.MetricName)))].sort();

/** Tags as "key=value, key2=value2". */
export const tagsText = (tags: readonly Tag[]): string => tags.map((t) => (t.Value ? `${t.Key}=${t.Value}` : t.Key)).join(', ');

/** Tags typed as "key=value, key2" (a key alone has an empty value); blank entries are dropped, a repeated key keeps its last value. */
export function parseTags(text: string): Tag[] {
  const out = new Map<string, string>();
  for (const part of text.split(',')) {
    const p = part.trim();
    if (!p) continue;
    const eq = p.indexOf('=');
    const key = (eq < 0 ? p : p.slice(0, eq)).trim();
    if (key) out.set(key, eq < 0 ? '' : p.slice(eq + 1).trim());
  }
  return [...out].map(([Key, Value]) => ({ Key, Value }));
}

/** The run and its descendants (a tuning run's trials), as deleteRun removes them. */
export function runFamily(runName: string, runs: readonly Run[]): Set<string> {
  const doomed = new Set([runName]);
  for (let grew = true; grew;) {
    grew = false;
    for (const r of runs) if (r.ParentRunName && doomed.has(r.ParentRunName) && !doomed.has(r.RunName)) { doomed.add(r.RunName); grew = true; }
  }
  return doomed;
}

/**
 * Bytes deleting `runName` would free: its family's stored artifacts that no other run and no model package names.
 * `blobs` maps hash → stored size (StoreUsage.blobs); a hash not stored frees nothing.
 */
export function bytesFreedBy(runName: string, runs: readonly Run[], packages: readonly ModelPackage[], blobs: Record<string, number>): number {
  const family = runFamily(runName, runs);
  const hashes = (r: Run) => [...Object.values(r.InputArtifacts), ...Object.values(r.OutputArtifacts)].map((a) => a.Value);
  const kept = new Set([...runs.filter((r) => !family.has(r.RunName)).flatMap(hashes), ...packages.map((p) => p.ModelDataHash)]);
  const mine = new Set(runs.filter((r) => family.has(r.RunName)).flatMap(hashes));
  let n = 0;
  for (const h of mine) if (!kept.has(h)) n += blobs[h] ?? 0;
  return n;
}

/**
 * Runs as the Tune view's parallel coordinates draw trials: one axis per parameter that varies between them (numbers
 * on a linear scale, text as categories), then `metric`'s Last value. Runs without the metric are left out.
 */
export function parallelInput(runs: readonly Run[], metric: string): { trials: TrialRecord[]; rows: RangeRow[] } {
  const scored = runs.filter((r) => lastOf(r, metric) !== undefined);
  const names = [...new Set(scored.flatMap((r) => Object.keys(r.Parameters)))].filter((n) => !n.startsWith('mlpad.')).sort();
  const rows: RangeRow[] = [];
  for (const name of names) {
    const values = scored.map((r) => r.Parameters[name]);
    const texts = values.map(parameterText);
    if (new Set(texts).size < 2) continue;
    const numbers = values.every((v) => v === undefined || 'NumberValue' in v);
    const nums = values.flatMap((v) => (v && 'NumberValue' in v ? [v.NumberValue] : []));
    rows.push(numbers && nums.length
      ? { name, kind: 'continuous', min: String(Math.min(...nums)), max: String(Math.max(...nums)), scaling: 'Linear', choices: [], values: [] }
      : { name, kind: 'categorical', min: '', max: '', scaling: 'Auto', choices: [], values: [...new Set(texts.filter((t) => t !== ''))].sort() });
  }
  const trials = scored.map((r): TrialRecord => ({
    TrainingJobName: r.RunName, TrainingJobStatus: 'Completed', ObjectiveStatus: 'Succeeded',
    TunedHyperParameters: Object.fromEntries(rows.flatMap((row) => (r.Parameters[row.name] ? [[row.name, parameterText(r.Parameters[row.name])]] : []))),
    FinalHyperParameterTuningJobObjectiveMetric: { Type: 'Maximize', MetricName: metric, Value: lastOf(r, metric)! },
    TrainingStartTime: 0, ObjectivePerStep: [],
  }));
  return { trials, rows };
}

/** Whether a lower value of `metric` is better (loss, error…), from its name; used to colour and pick "better". */
export const lowerIsBetter = (metric: string): boolean => /loss|error|rmse|mae|mse|mape|deviance|msd|ssd|alerts|undated/i.test(metric);

/** One row of the Storage panel. */
export interface StorageItem {
  kind: 'run' | 'model' | 'dataset' | 'unreferenced';
  /** The run name, 'group v1', the dataset file name, or the blob hash. */
  name: string;
  /** Bytes of blobs only this item names (a blob shared by several items counts in each). */
  bytes: number;
  /** The run to delete (runs), or undefined. */
  runName?: string;
}

/**
 * What takes room, per item: each top-level run (its and its trials' stored outputs plus its record JSON), each
 * registered model, each kept dataset, and blobs no run or model names (what collectGarbage can remove, as far as
 * these records tell; other features' records may still name some). Largest first.
 */
export function storageItems(runs: readonly Run[], packages: readonly ModelPackage[], blobs: Record<string, number>): StorageItem[] {
  const items: StorageItem[] = [];
  const named = new Set<string>();
  const datasets = new Map<string, string>();
  for (const r of runs) {
    for (const a of Object.values(r.InputArtifacts)) { named.add(a.Value); if (a.Stored && blobs[a.Value] !== undefined) datasets.set(a.Value, a.Name); }
    for (const a of Object.values(r.OutputArtifacts)) named.add(a.Value);
  }
  for (const r of runs) {
    if (r.ParentRunName) continue;
    const family = runFamily(r.RunName, runs);
    const own = new Set(runs.filter((x) => family.has(x.RunName)).flatMap((x) => Object.values(x.OutputArtifacts).map((a) => a.Value)));
    let bytes = 0;
    for (const x of runs) if (family.has(x.RunName)) bytes += new TextEncoder().encode(JSON.stringify(x)).length;
    for (const h of own) bytes += blobs[h] ?? 0;
    items.push({ kind: 'run', name: r.DisplayName, bytes, runName: r.RunName });
  }
  for (const p of packages) { named.add(p.ModelDataHash); items.push({ kind: 'model', name: `${p.ModelPackageGroupName} v${p.ModelPackageVersion}`, bytes: blobs[p.ModelDataHash] ?? 0 }); }
  for (const [h, name] of datasets) items.push({ kind: 'dataset', name, bytes: blobs[h] });
  for (const [h, size] of Object.entries(blobs)) if (!named.has(h)) items.push({ kind: 'unreferenced', name: h, bytes: size });
  return items.sort((a, b) => b.bytes - a.bytes || a.name.localeCompare(b.name));
}
