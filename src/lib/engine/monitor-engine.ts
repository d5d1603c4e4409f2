// The Model Monitor worker's engine: holds one dataset, builds a baseline (from the rows before a date, or
// from Model Monitor's own files) and runs src/lib/monitor's timeline on it. The worker file only exposes it.
// The time column is never monitored: its values move by definition, so a baseline taken here leaves it out
// and the check skips it (an opened baseline that lists it gets it disabled), instead of one drift or
// extra-column alert per window.
import type { Table } from 'apache-arrow';
import { tableFromInput } from '../data/shared-table.ts';
import { loadModel, type LoadedModel } from '../clarify/loaded-model.ts';
import type { TfBackendName } from '../compute/types.ts';
import { attributionBaseline, NDCG_THRESHOLD } from '../monitor/attribution-drift.ts';
import { biasBaseline, predictedLabels, type BiasDriftConfig } from '../monitor/bias-drift.ts';
import type { BiasColumn } from '../clarify/bias/types.ts';
import { suggestConstraints } from '../monitor/constraints.ts';
import { modelQualityStatistics, suggestModelQualityConstraints } from '../monitor/model-quality.ts';
import { SECTION, type ModelQualityConstraints, type ProblemType } from '../monitor/quality-types.ts';
import { baselineStatistics } from '../monitor/statistics.ts';
import { rowTimes, runTimelineAsync, type Baseline, type QualityColumns } from '../monitor/timeline.ts';
import { takeRows } from '../data/take-rows.ts';
import type { ConstraintsJson } from '../monitor/types.ts';
import { validateConstraints, validateStatistics } from '../monitor/validate.ts';
import type { BaselineFileText, MonitorEngineApi, MonitorRun, MonitorRunConfig } from './monitor-engine-api.ts';

/** Least time between two progress reports, ms (an hourly timeline has thousands of windows). */
const PROGRESS_EVERY_MS = 50;

function parseFile(file: BaselineFileText): unknown {
  try {
    return JSON.parse(file.text) as unknown;
  } catch (e) {
    throw new Error(`${file.name} is not valid JSON (${e instanceof Error ? e.message : String(e)}); open the file Model Monitor wrote.`);
  }
}

function qualityConstraintsOf(file: BaselineFileText): ModelQualityConstraints {
  const value = parseFile(file);
  const sections = Object.values(SECTION).map((s) => s.constraints);
  const held = value && typeof value === 'object' ? sections.filter((s) => s in value) : [];
  if (held.length !== 1) throw new Error(`${file.name} must hold exactly one of ${sections.join(', ')} (a model-quality constraints.json); it holds ${held.length}.`);
  return value as ModelQualityConstraints;
}

/** The ground truth and predictions of `t` for modelQualityStatistics, naming a missing column. */
export function qualityInput(t: Table, q: QualityColumns): { problemType: ProblemType; actual: (number | string)[]; predicted: (number | string)[]; probability?: number[] } {
  const col = (name: string, role: string) => {
    const v = t.getChild(name);
    if (!v) throw new Error(`the ${role} column ${JSON.stringify(name)} is not in the data`);
    return Array.from({ length: t.numRows }, (_, i) => v.get(i) as number | string);
  };
  const multiclass = q.problemType === 'MulticlassClassification';
  const as = (xs: (number | string)[]) => (multiclass ? xs.map(String) : xs.map(Number));
  return {
    problemType: q.problemType,
    actual: as(col(q.actual, 'actual')),
    predicted: as(col(q.predicted, 'predicted')),
    probability: q.probability ? col(q.probability, 'probability').map(Number) : undefined,
  };
}

/** `constraints` with the time column's checks switched off (added when absent), so it raises no alert. */
function withoutTimeChecks(constraints: ConstraintsJson, timeColumn: string): ConstraintsJson {
  const off = { evaluate_constraints: 'Disabled' as const };
  const listed = constraints.features.some((f) => f.name === timeColumn);
  const features = listed
    ? constraints.features.map((f) => (f.name === timeColumn ? { ...f, monitoringConfigOverrides: off } : f))
    : [...constraints.features, { name: timeColumn, inferred_type: 'String' as const, completeness: 0, monitoringConfigOverrides: off }];
  return { ...constraints, features };
}


const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** Options of the engine. */
export interface MonitorEngineOptions {
  /** Starts TensorFlow.js for a model that runs on it (called with the backends it allows); defaults to none. */
  tensorflow?: (allowed?: readonly TfBackendName[]) => Promise<unknown>;
}

/** `col`'s values at `rows`. */
function takeColumn(col: BiasColumn, rows: readonly number[]): BiasColumn {
  return Array.isArray(col) ? rows.map((i) => col[i]) : Float64Array.from(rows, (i) => col[i]);
}

export function createMonitorEngine(options: MonitorEngineOptions = {}): MonitorEngineApi {
  let table: Table | null = null;
  const data = (): Table => {
    if (!table) throw new Error('no dataset: open a session first');
    return table;
  };

  function fromRows(t: Table, cfg: MonitorRunConfig, before: number): { baseline: MonitorRun['baseline']; rows: number[]; base: Table } {
    if (!Number.isFinite(before)) throw new RangeError(`the baseline date must be a date; got ${String(before)}`);
    const times = rowTimes(t, cfg.timeColumn);
    const rows: number[] = [];
    let first = Infinity;
    for (let i = 0; i < times.length; i++) {
      if (times[i] < before) rows.push(i);
      if (times[i] < first) first = times[i];
    }
    if (rows.length === 0) throw new RangeError(`no rows have a ${cfg.timeColumn} before the baseline date ${day(before)} (the data starts ${day(first)}); choose a later date`);
    const base = takeRows(t, rows);
    const kept = base.schema.fields.map((f) => f.name).filter((n) => n !== cfg.timeColumn);
    const statistics = baselineStatistics(base.select(kept));
    const constraints = suggestConstraints(statistics);
    const out: MonitorRun['baseline'] = { description: `the ${rows.length.toLocaleString('en-US')} rows before ${day(before)}`, rows: rows.length, statistics, constraints };
    if (cfg.quality) {
      out.qualityStatistics = modelQualityStatistics(qualityInput(base, cfg.quality));
      out.qualityConstraints = suggestModelQualityConstraints(out.qualityStatistics);
    }
    return { baseline: out, rows, base };
  }

  async function modelOf(cfg: MonitorRunConfig): Promise<LoadedModel | undefined> {
    const needed = !!cfg.attribution || (!!cfg.bias && cfg.bias.predictedLabel === undefined);
    if (!needed) return undefined;
    if (!cfg.model) {
      throw new Error(cfg.attribution
        ? 'feature attribution drift needs a model: train one in the Train view or open a model file'
        : 'bias drift needs predicted labels: choose the column that holds them, or give a model');
    }
    const m = await loadModel(cfg.model.bytes, cfg.model.name);
    if (m.estimator.compute === 'tfjs') await options.tensorflow?.(m.estimator.tfBackends);
    return m;
  }

  function fromFiles(cfg: MonitorRunConfig, files: Extract<MonitorRunConfig['baseline'], { kind: 'files' }>): MonitorRun['baseline'] {
    const statistics = parseFile(files.statistics);
    validateStatistics(statistics, files.statistics.name);
    const constraints = parseFile(files.constraints);
    validateConstraints(constraints, files.constraints.name);
    const qualityConstraints = files.quality ? qualityConstraintsOf(files.quality) : undefined;
    if (cfg.quality && !qualityConstraints) throw new Error('model quality needs the baseline\'s model-quality constraints.json: open it with the other two files, or switch model quality off');
    const names = [files.statistics.name, files.constraints.name, ...(files.quality ? [files.quality.name] : [])];
    return { description: `${names.join(', ')} (${statistics.dataset.item_count.toLocaleString('en-US')} rows)`, rows: statistics.dataset.item_count, statistics, constraints, qualityConstraints };
  }

  return {
    async open(ipc) {
      table = tableFromInput(ipc);
    },

    span(column) {
      try {
        const times = rowTimes(data(), column);
        let min = Infinity, max = -Infinity, undated = 0;
        for (const t of times) {
          if (t !== t) undated++;
          else { if (t < min) min = t; if (t > max) max = t; }
        }
        return min <= max ? { min, max, undated } : { error: `time column ${JSON.stringify(column)} has no values` };
      } catch (e) {
        return { error: e instanceof Error ? e.message : String(e) };
      }
    },

    async run(cfg, onProgress) {
      const t0 = performance.now();
      const t = data();
      if ((cfg.bias || cfg.attribution) && cfg.baseline.kind !== 'before') {
        throw new Error('bias and feature attribution drift need a baseline of rows before a date (their baselines are computed from those rows); choose "rows before", or switch them off');
      }
      onProgress?.(0, 0, 'building the baseline');
      let baseline: MonitorRun['baseline'];
      let bias: BiasDriftConfig | undefined;
      let reference: Table | undefined;
      const model = await modelOf(cfg);
      if (cfg.baseline.kind === 'before') {
        const from = fromRows(t, cfg, cfg.baseline.before);
        baseline = from.baseline;
        reference = from.base; // KS, Wasserstein, PSI and JS per window need the rows; baseline files hold none
        if (cfg.bias) {
          if (cfg.bias.predictedLabel === undefined && model) {
            onProgress?.(0, 0, 'predicting labels with the model');
            const predictions = await predictedLabels(t, model, cfg.bias.label);
            bias = { ...cfg.bias, predictions };
            baseline.bias = biasBaseline(from.base, { ...bias, predictions: takeColumn(predictions, from.rows) });
          } else {
            bias = cfg.bias;
            baseline.bias = biasBaseline(from.base, bias);
          }
        }
        if (cfg.attribution && model) {
          onProgress?.(0, 0, 'explaining the baseline rows');
          baseline.attribution = await attributionBaseline(from.base, { model, maxRows: cfg.attribution.maxRows });
          baseline.attributionThreshold = cfg.attribution.threshold ?? NDCG_THRESHOLD;
        }
      } else {
        baseline = fromFiles(cfg, cfg.baseline);
      }
      let last = 0;
      const stage = cfg.attribution ? 'explaining windows' : 'checking windows';
      const progress = (done: number, total: number) => {
        const now = performance.now();
        if (done < total && now - last < PROGRESS_EVERY_MS) return;
        last = now;
        onProgress?.(done, total, stage);
      };
      const base: Baseline = {
        statistics: baseline.statistics,
        constraints: withoutTimeChecks(baseline.constraints, cfg.timeColumn),
        quality: baseline.qualityConstraints,
        bias: baseline.bias,
        attribution: baseline.attribution,
      };
      const r = await runTimelineAsync(base, t, {
        timeColumn: cfg.timeColumn,
        window: cfg.window,
        quality: cfg.quality,
        bias,
        attribution: cfg.attribution && model ? { model, maxRows: cfg.attribution.maxRows, threshold: cfg.attribution.threshold } : undefined,
        reference,
      }, progress);
      for (const w of r.windows) {
        delete w.distances[cfg.timeColumn];
        for (const f of w.statistics?.features ?? []) {
          const kll = f.numerical_statistics?.distribution.kll;
          if (kll) kll.sketch = { ...kll.sketch, data: [] };
        }
      }
      const features = r.features.filter((f) => f !== cfg.timeColumn);
      return { ...r, features, baseline, ms: performance.now() - t0 };
    },
  };
}
