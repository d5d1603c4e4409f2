// Shape checks for statistics.json and constraints.json objects handed to the monitor engine. Reading the
// files (a missing file, malformed JSON) is the caller's; these catch a wrong or truncated object and say
// which field, e.g. "baseline.features[2].numerical_statistics.distribution.kll.sketch.data[1][4] must be a
// finite number".
import type { ConstraintsJson, StatisticsJson } from './types.ts';

type Obj = Record<string, unknown>;

function fail(path: string, what: string, value: unknown): never {
  const shown = value === undefined ? 'nothing' : JSON.stringify(value)?.slice(0, 60) ?? String(value);
  throw new TypeError(`${path} must be ${what}, got ${shown}.`);
}

function object(value: unknown, path: string): Obj {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) fail(path, 'an object', value);
  return value as Obj;
}

function array(value: unknown, path: string): unknown[] {
  if (!Array.isArray(value)) fail(path, 'an array', value);
  return value;
}

function finite(value: unknown, path: string, min = -Infinity, max = Infinity): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
    fail(path, min === -Infinity ? 'a finite number' : `a number from ${min} to ${max === Infinity ? '∞' : max}`, value);
  }
  return value;
}

function oneOf(value: unknown, path: string, options: readonly string[]): void {
  if (typeof value !== 'string' || !options.includes(value)) fail(path, `one of ${options.map((o) => `'${o}'`).join(', ')}`, value);
}

const TYPES = ['Integral', 'Fractional', 'String', 'Unknown'] as const;
const SWITCH = ['Enabled', 'Disabled'] as const;

function common(value: unknown, path: string): void {
  const c = object(value, path);
  finite(c.num_present, `${path}.num_present`, 0);
  finite(c.num_missing, `${path}.num_missing`, 0);
}

/** Throws a TypeError naming the first field of `value` that statistics.json does not allow. */
export function validateStatistics(value: unknown, label = 'statistics'): asserts value is StatisticsJson {
  const s = object(value, label);
  finite(s.version, `${label}.version`);
  finite(object(s.dataset, `${label}.dataset`).item_count, `${label}.dataset.item_count`, 0);
  array(s.features, `${label}.features`).forEach((item, i) => {
    const at = `${label}.features[${i}]`;
    const f = object(item, at);
    if (typeof f.name !== 'string') fail(`${at}.name`, 'a string', f.name);
    oneOf(f.inferred_type, `${at}.inferred_type`, TYPES);
    if (f.inferred_type === 'Integral' || f.inferred_type === 'Fractional') {
      const n = object(f.numerical_statistics, `${at}.numerical_statistics`);
      common(n.common, `${at}.numerical_statistics.common`);
      for (const key of ['mean', 'sum', 'std_dev', 'min', 'max']) finite(n[key], `${at}.numerical_statistics.${key}`);
      const kll = object(object(n.distribution, `${at}.numerical_statistics.distribution`).kll, `${at}.numerical_statistics.distribution.kll`);
      const kp = `${at}.numerical_statistics.distribution.kll`;
      array(kll.buckets, `${kp}.buckets`).forEach((b, j) => {
        const bucket = object(b, `${kp}.buckets[${j}]`);
        for (const key of ['lower_bound', 'upper_bound', 'count']) finite(bucket[key], `${kp}.buckets[${j}].${key}`);
      });
      const sketch = object(kll.sketch, `${kp}.sketch`);
      const parameters = object(sketch.parameters, `${kp}.sketch.parameters`);
      finite(parameters.c, `${kp}.sketch.parameters.c`, Number.MIN_VALUE, 1);
      finite(parameters.k, `${kp}.sketch.parameters.k`, 2);
      array(sketch.data, `${kp}.sketch.data`).forEach((level, h) => {
        array(level, `${kp}.sketch.data[${h}]`).forEach((x, j) => finite(x, `${kp}.sketch.data[${h}][${j}]`));
      });
    } else {
      const st = object(f.string_statistics, `${at}.string_statistics`);
      common(st.common, `${at}.string_statistics.common`);
      finite(st.distinct_count, `${at}.string_statistics.distinct_count`, 0);
      const cp = `${at}.string_statistics.distribution.categorical`;
      const categorical = object(object(st.distribution, `${at}.string_statistics.distribution`).categorical, cp);
      array(categorical.buckets, `${cp}.buckets`).forEach((b, j) => {
        const bucket = object(b, `${cp}.buckets[${j}]`);
        if (typeof bucket.value !== 'string') fail(`${cp}.buckets[${j}].value`, 'a string', bucket.value);
        finite(bucket.count, `${cp}.buckets[${j}].count`, 0);
      });
    }
  });
}

/** Throws a TypeError naming the first field of `value` that constraints.json does not allow. */
export function validateConstraints(value: unknown, label = 'constraints'): asserts value is ConstraintsJson {
  const c = object(value, label);
  finite(c.version, `${label}.version`);
  array(c.features, `${label}.features`).forEach((item, i) => {
    const at = `${label}.features[${i}]`;
    const f = object(item, at);
    if (typeof f.name !== 'string') fail(`${at}.name`, 'a string', f.name);
    oneOf(f.inferred_type, `${at}.inferred_type`, TYPES);
    finite(f.completeness, `${at}.completeness`, 0, 1);
    if (f.num_constraints !== undefined) {
      const n = object(f.num_constraints, `${at}.num_constraints`);
      if (n.is_non_negative !== undefined && typeof n.is_non_negative !== 'boolean') fail(`${at}.num_constraints.is_non_negative`, 'true or false', n.is_non_negative);
    }
    if (f.string_constraints !== undefined) {
      const s = object(f.string_constraints, `${at}.string_constraints`);
      array(s.domains, `${at}.string_constraints.domains`).forEach((d, j) => {
        if (typeof d !== 'string') fail(`${at}.string_constraints.domains[${j}]`, 'a string', d);
      });
    }
  });
  const m = object(c.monitoring_config, `${label}.monitoring_config`);
  const mp = `${label}.monitoring_config`;
  oneOf(m.evaluate_constraints, `${mp}.evaluate_constraints`, SWITCH);
  oneOf(m.emit_metrics, `${mp}.emit_metrics`, SWITCH);
  finite(m.datatype_check_threshold, `${mp}.datatype_check_threshold`, 0, 1);
  finite(m.domain_content_threshold, `${mp}.domain_content_threshold`, 0, 1);
  const d = object(m.distribution_constraints, `${mp}.distribution_constraints`);
  const dp = `${mp}.distribution_constraints`;
  oneOf(d.perform_comparison, `${dp}.perform_comparison`, SWITCH);
  finite(d.comparison_threshold, `${dp}.comparison_threshold`, 0);
  oneOf(d.comparison_method, `${dp}.comparison_method`, ['Simple', 'Robust']);
  if (d.categorical_comparison_threshold !== undefined) finite(d.categorical_comparison_threshold, `${dp}.categorical_comparison_threshold`, 0);
  if (d.categorical_drift_method !== undefined) oneOf(d.categorical_drift_method, `${dp}.categorical_drift_method`, ['LInfinity', 'ChiSquared']);
}
