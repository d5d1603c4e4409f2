// What the Monitor view's setup offers and preselects: the time columns, the default baseline date (the
// first quarter of the time span, to the day), the model-quality columns a scored dataset usually has, and
// which opened JSON file is which of Model Monitor's baseline files.
import type { BaselineFileText } from '../../lib/engine/monitor-engine-api.ts';
import type { QualityColumns } from '../../lib/monitor/timeline.ts';
import type { ColumnSchema } from '../../lib/profile/types.ts';

const DAY = 86_400_000;

/** Share of the time span the default baseline covers. */
export const BASELINE_SHARE = 0.25;

/** The columns that can split the rows in time: those typed datetime. */
export function timeColumnsOf(columns: readonly ColumnSchema[]): string[] {
  return columns.filter((c) => c.type === 'datetime').map((c) => c.name);
}

/** The default baseline date: `BASELINE_SHARE` into [min, max], down to the UTC day, and after the first day. */
export function defaultBaselineDate(min: number, max: number): number {
  if (!(Number.isFinite(min) && Number.isFinite(max) && max >= min)) throw new RangeError(`defaultBaselineDate: min and max must be finite with min ≤ max; got ${min}, ${max}`);
  const at = Math.floor((min + BASELINE_SHARE * (max - min)) / DAY) * DAY;
  return Math.max(at, Math.floor(min / DAY) * DAY + DAY);
}

/** 'YYYY-MM-DD' (UTC) of epoch ms, for a date input. */
export const dateText = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

/** Epoch ms (UTC midnight) of a date input's 'YYYY-MM-DD'; NaN when empty or not a date. */
export function parseDateText(text: string): number {
  return /^\d{4}-\d{2}-\d{2}$/.test(text) ? Date.parse(`${text}T00:00:00Z`) : NaN;
}

const pick = (names: readonly string[], wanted: readonly string[]) => wanted.find((w) => names.includes(w)) ?? names.find((n) => wanted.includes(n.toLowerCase()));

/**
 * Model-quality columns to preselect: ground truth named approved/label/actual/target/y, predictions named
 * predicted/prediction, a probability named score/probability; binary when a probability is there or the
 * truth column looks binary by name (approved). Null when no truth and prediction pair is found.
 */
export function defaultQuality(names: readonly string[]): QualityColumns | null {
  const actual = pick(names, ['approved', 'label', 'actual', 'target', 'y']);
  const predicted = pick(names, ['predicted', 'prediction', 'predicted_label']);
  if (!actual || !predicted) return null;
  const probability = pick(names, ['score', 'probability', 'predicted_probability']);
  return { problemType: probability || actual === 'approved' ? 'BinaryClassification' : 'Regression', actual, predicted, ...(probability ? { probability } : {}) };
}

/** The opened files sorted into Model Monitor's baseline files. */
export interface BaselineFiles {
  statistics: BaselineFileText;
  constraints: BaselineFileText;
  /** A model-quality constraints.json, when one was opened. */
  quality?: BaselineFileText;
}

const QUALITY_KEYS = ['regression_constraints', 'binary_classification_constraints', 'multiclass_classification_constraints'];

/**
 * Tells Model Monitor's files apart by their content (their names are often both "….json"): statistics.json
 * has `dataset` and `features`, constraints.json `monitoring_config`, a model-quality constraints.json one of
 * the `*_constraints` sections. Throws a sentence naming the file that is not JSON or not one of these.
 */
export function sortBaselineFiles(files: readonly BaselineFileText[]): BaselineFiles {
  const found: Partial<BaselineFiles> = {};
  for (const f of files) {
    let v: unknown;
    try {
      v = JSON.parse(f.text);
    } catch {
      throw new Error(`${f.name} is not valid JSON; open the statistics.json and constraints.json a baseline job wrote.`);
    }
    const o = v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
    const kind = 'monitoring_config' in o ? 'constraints' : 'dataset' in o && 'features' in o ? 'statistics' : QUALITY_KEYS.some((k) => k in o) ? 'quality' : null;
    if (!kind) throw new Error(`${f.name} is neither a statistics.json (dataset, features) nor a constraints.json (monitoring_config, or a model-quality *_constraints section).`);
    if (found[kind]) throw new Error(`${f.name} and ${found[kind].name} are both ${kind === 'quality' ? 'model-quality constraints' : `${kind}.json`} files; open one of each.`);
    found[kind] = f;
  }
  if (!found.statistics || !found.constraints) {
    const missing = [!found.statistics && 'statistics.json', !found.constraints && 'constraints.json'].filter(Boolean).join(' and ');
    throw new Error(`The baseline needs its statistics.json and constraints.json; ${missing} ${missing.includes(' and ') ? 'are' : 'is'} missing from the files opened.`);
  }
  return found as BaselineFiles;
}
