// Turning an algorithm's hyperparameter schema into a form: which fields come first, what the task
// suggests as defaults, and which typed values go to `resolve`.
import { describeRange, type HyperparameterSpec } from '../../lib/ml/hyperparameters.ts';
import type { DataFacts, RawHyperparameters } from '../../lib/ml/estimator.ts';
import type { AnyEstimator } from '../../lib/ml/registry.ts';

/** The schema split into the common group (in `common` order: the estimator's commonParameters) and the rest (in schema order). */
export function groupSchema(schema: readonly HyperparameterSpec[], common: readonly string[]): { common: HyperparameterSpec[]; advanced: HyperparameterSpec[] } {
  return {
    common: common.flatMap((name) => schema.filter((s) => s.name === name)),
    advanced: schema.filter((s) => !common.includes(s.name)),
  };
}

/** The schema's defaults as form text ('' where a parameter is unset), with the data's suggestions over them. */
export function initialValues(schema: readonly HyperparameterSpec[], suggested: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const s of schema) out[s.name] = s.default === null ? '' : String(s.default);
  for (const [k, v] of Object.entries(suggested)) if (schema.some((s) => s.name === k)) out[k] = v;
  return out;
}

/** The parameters to send: every non-empty field, as typed (resolve parses and checks them). */
export function rawHyperparameters(values: Record<string, string>): RawHyperparameters {
  const raw: RawHyperparameters = {};
  for (const [name, v] of Object.entries(values)) if (v.trim() !== '') raw[name] = v.trim();
  return raw;
}

/**
 * What the data suggests (objective, predictor_type, class counts) for the parameters the user has not typed,
 * as JSON text. Views compare it as text, so that writing the form's values, which the suggestions read,
 * settles instead of re-running their effects.
 */
export function suggestionsText(estimator: AnyEstimator, facts: DataFacts, values: Record<string, string>, touched: Iterable<string>): string {
  const typed = rawHyperparameters(Object.fromEntries([...touched].map((k) => [k, values[k] ?? ''])));
  return JSON.stringify(estimator.taskDefaults(facts, typed));
}

/** `values` with the data's `suggested` values over every parameter the user has not typed. */
export function withSuggestions(values: Record<string, string>, suggested: Record<string, string>, touched: ReadonlySet<string>): Record<string, string> {
  const next = { ...values };
  for (const [k, v] of Object.entries(suggested)) if (!touched.has(k)) next[k] = v;
  return next;
}

/** "default 0.3 · range (0, 1]" style hint under a field; `suggested` is the value the data suggests, when it has one. */
export function specHint(spec: HyperparameterSpec, suggested?: string): string {
  const fallback = `default ${spec.default === null ? 'unset' : String(spec.default)}`;
  const parts: string[] = [suggested === undefined ? fallback : `for this data ${suggested === '' ? 'unset' : suggested}; SageMaker's ${fallback}`];
  if (spec.type === 'int' || spec.type === 'float') parts.push(`${spec.type === 'int' ? 'integer in' : 'range'} ${describeRange(spec)}`);
  if (spec.type === 'enum' && spec.list) parts.push('comma-separated');
  return parts.join(' · ');
}

/** Most threads the studio suggests: past this, a browser tab's histogram threads gain little. */
export const MAX_DEFAULT_THREADS = 8;

/**
 * The studio's nthread default and the sentence that explains it: the machine's cores (at most
 * MAX_DEFAULT_THREADS) when the page is cross-origin isolated, since only then can workers share memory;
 * otherwise 1.
 */
export function threadDefault(env: { crossOriginIsolated?: boolean; hardwareConcurrency?: number }): { threads: number; note: string } {
  if (env.crossOriginIsolated !== true) {
    return { threads: 1, note: 'Threads: 1, because this page is not cross-origin isolated, so workers cannot share memory.' };
  }
  const cores = Math.max(1, Math.floor(env.hardwareConcurrency ?? 1));
  const threads = Math.min(cores, MAX_DEFAULT_THREADS);
  const capped = cores > MAX_DEFAULT_THREADS ? `, at most ${MAX_DEFAULT_THREADS}` : '';
  return { threads, note: `Threads: ${threads} (one per core${capped}; the page is cross-origin isolated, so workers share memory). Change nthread under Advanced.` };
}
