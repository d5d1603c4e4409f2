// A Model Monitor data-quality monitoring run: statistics of the current data (with the baseline's types)
// and constraint_violations.json against the baseline's statistics.json and constraints.json.
// Semantics, where the guide leaves them open (chosen to agree with the SDK's example violations file, whose
// values are fractions that fell below a threshold of 1.0):
// - data_type_check: the share of present values whose Deequ type fits the expected one must be at least
//   datatype_check_threshold. Integral takes integers (and whole numbers in a float column); Fractional takes
//   fractional and integral values (Deequ's strict ratio would reject "6" in a Fractional column, so a
//   baseline with whole and decimal numbers would fail its own check); String takes anything.
// - completeness_check: the share of non-missing cells must be at least the feature's completeness.
// - baseline_drift_check: Deequ's distance (distance.ts) must not exceed comparison_threshold (numeric) or
//   categorical_comparison_threshold (String); for ChiSquared the p-value must not fall below it.
// - categorical_values_check: the share of present values inside the baseline domain must be at least
//   domain_content_threshold.
import type { Table, Vector } from 'apache-arrow';
import { categoricalChiSquared, categoricalLInfinity, numericalDistance, type DistanceResult } from './distance.ts';
import { KllSketch } from './kll.ts';
import { featureStatistics, type ColumnStatistics } from './statistics.ts';
import { CAPTURE_ROLE_METADATA_KEY } from '../data/capture-reader.ts';
import type {
  ConstraintsJson, FeatureConstraints, FeatureStatistics, InferredType, StatisticsJson, Violation, ConstraintViolationsJson,
} from './types.ts';
import { validateConstraints, validateStatistics } from './validate.ts';

/** What a monitoring run writes. */
export interface CheckResult {
  /** statistics.json of the current data. */
  statistics: StatisticsJson;
  /** constraint_violations.json. */
  violations: ConstraintViolationsJson;
  /** Per baseline feature present in both, the plain L∞ distance between the distributions (CDFs, or category frequencies); null where not comparable. */
  distances: Record<string, number | null>;
}

const pct = (x: number) => `${Number((x * 100).toFixed(x > 0.9999 && x < 1 ? 4 : 2))}%`;
const fmt = (x: number) => String(Number(x.toPrecision(4)));

function sketchOf(f: FeatureStatistics | undefined): KllSketch | null {
  const kll = f?.numerical_statistics?.distribution.kll;
  if (!kll || kll.sketch.data.every((level) => level.length === 0)) return null;
  return KllSketch.fromData(kll.sketch.parameters.k, kll.sketch.parameters.c, kll.sketch.data);
}

function categoricalCounts(f: FeatureStatistics | undefined): Map<string, number> | null {
  const buckets = f?.string_statistics?.distribution.categorical.buckets;
  if (!buckets || buckets.length === 0) return null;
  return new Map(buckets.map((b) => [b.value, b.count]));
}

function dataTypeViolation(c: FeatureConstraints, cur: ColumnStatistics, threshold: number): Violation | null {
  const h = cur.histogram;
  const present = h.counts.Fractional + h.counts.Integral + h.counts.Boolean + h.counts.String;
  if (present === 0 || (c.inferred_type !== 'Integral' && c.inferred_type !== 'Fractional')) return null;
  const fits = c.inferred_type === 'Integral' ? h.counts.Integral + h.wholeFloats : h.counts.Integral + h.counts.Fractional;
  const ratio = fits / present;
  if (ratio >= threshold) return null;
  const others = (['String', 'Boolean', 'Fractional', 'Integral'] as const).filter((t) => t !== c.inferred_type && h.examples[t] !== undefined);
  const example = others.map((t) => `'${h.examples[t]}' (${t})`).join(', ');
  return {
    feature_name: c.name,
    constraint_check_type: 'data_type_check',
    description: `Feature '${c.name}' should be ${c.inferred_type}, but only ${pct(ratio)} of its ${present} present values are `
      + `(${present - fits} are not, e.g. ${example}); the data type check threshold is ${pct(threshold)}. Fix how the column `
      + 'is produced, or re-run the baseline if its type has changed for good.',
  };
}

/** The drift check of one feature: its plain L∞ distance (null when not comparable) and the violation, if any. */
function driftCheck(c: FeatureConstraints, base: FeatureStatistics | undefined, cur: ColumnStatistics, constraints: ConstraintsJson): { distance: number | null; violation: Violation | null } {
  const d = constraints.monitoring_config.distribution_constraints;
  const a = sketchOf(base);
  const b = sketchOf(cur.feature);
  const enabled = d.perform_comparison === 'Enabled';
  if (a && b) {
    const r = numericalDistance(a, b, d.comparison_method);
    if (!enabled || !(r.value > d.comparison_threshold)) return { distance: r.simple, violation: null };
    return { distance: r.simple, violation: drift(c.name, `the ${d.comparison_method} L-infinity distance between the baseline and current CDFs is ${fmt(r.value)}`, r, `comparison threshold ${d.comparison_threshold}`) };
  }
  const p = categoricalCounts(base);
  const q = categoricalCounts(cur.feature);
  if (!p || !q) return { distance: null, violation: null };
  const threshold = d.categorical_comparison_threshold ?? 0.1;
  const linf = categoricalLInfinity(p, q, d.comparison_method);
  if ((d.categorical_drift_method ?? 'LInfinity') === 'ChiSquared') {
    const r = categoricalChiSquared(p, q);
    if (!enabled || !(r.value < threshold)) return { distance: linf.simple, violation: null };
    const what = `a chi-squared test of the current category counts against the baseline's proportions gives p = ${fmt(r.value)}`;
    return { distance: linf.simple, violation: drift(c.name, what, r, `categorical comparison threshold ${threshold}`, `χ² = ${fmt(r.simple)}, `) };
  }
  if (!enabled || !(linf.value > threshold)) return { distance: linf.simple, violation: null };
  return { distance: linf.simple, violation: drift(c.name, `the ${d.comparison_method} L-infinity distance between the baseline and current category frequencies is ${fmt(linf.value)}`, linf, `categorical comparison threshold ${threshold}`) };
}

function drift(name: string, what: string, r: DistanceResult, threshold: string, detail = `plain distance ${fmt(r.simple)}, `): Violation {
  return {
    feature_name: name,
    constraint_check_type: 'baseline_drift_check',
    description: `The distribution of '${name}' has drifted from the baseline: ${what} (${detail}`
      + `n = ${r.n} baseline and m = ${r.m} current values), beyond the ${threshold}. Compare the two distributions, `
      + 'and retrain or re-baseline if the change is real.',
  };
}

function domainViolation(c: FeatureConstraints, cur: ColumnStatistics, threshold: number): Violation | null {
  const domains = c.string_constraints?.domains;
  if (!domains || domains.length === 0 || !cur.counts) return null;
  const known = new Set(domains);
  let present = 0;
  let inside = 0;
  const unseen: [string, number][] = [];
  for (const [value, count] of cur.counts) {
    present += count;
    if (known.has(value)) inside += count;
    else unseen.push([value, count]);
  }
  if (present === 0 || inside / present >= threshold) return null;
  unseen.sort((x, y) => y[1] - x[1]);
  const shown = unseen.slice(0, 5).map(([v, n]) => `'${v}' (${n})`).join(', ');
  return {
    feature_name: c.name,
    constraint_check_type: 'categorical_values_check',
    description: `Feature '${c.name}' has values outside its baseline domain: only ${pct(inside / present)} of its ${present} present `
      + `values are in it, below the domain content threshold ${pct(threshold)}; ${unseen.length} new value${unseen.length === 1 ? '' : 's'}, `
      + `most frequent ${shown}. Add them to string_constraints.domains if they are valid, or fix the source.`,
  };
}

function evaluated(c: FeatureConstraints): boolean {
  return (c.monitoringConfigOverrides?.evaluate_constraints ?? c.string_constraints?.monitoring_config_overrides?.evaluate_constraints) !== 'Disabled';
}

/**
 * Checks `currentTable` against a baseline: its statistics (computed with the baseline's types and sketch
 * parameters) and every violation, baseline features first, then extra columns.
 */
export function checkData(baselineStats: StatisticsJson, constraints: ConstraintsJson, currentTable: Table): CheckResult {
  validateStatistics(baselineStats, 'baselineStats');
  validateConstraints(constraints, 'constraints');
  if (currentTable === null || typeof currentTable !== 'object' || !Array.isArray(currentTable.schema?.fields)) {
    throw new TypeError('checkData: currentTable must be an apache-arrow Table.');
  }
  const baseByName = new Map(baselineStats.features.map((f) => [f.name, f]));
  const wanted = new Map(constraints.features.map((f) => [f.name, f]));
  const types: Record<string, InferredType> = {};
  for (const c of constraints.features) if (c.inferred_type !== 'Unknown') types[c.name] = c.inferred_type;
  const firstSketch = baselineStats.features.find((f) => f.numerical_statistics)?.numerical_statistics?.distribution.kll.sketch.parameters;
  const options = { types, ...(firstSketch ? { k: firstSketch.k, c: firstSketch.c } : {}) };

  const current = new Map<string, ColumnStatistics>();
  currentTable.schema.fields.forEach((field, i) => current.set(field.name, featureStatistics(currentTable.getChildAt(i) as Vector, field.name, options)));
  const statistics: StatisticsJson = { version: 0, dataset: { item_count: currentTable.numRows }, features: [...current.values()].map((s) => s.feature) };

  const violations: Violation[] = [];
  const distances: Record<string, number | null> = {};
  const m = constraints.monitoring_config;
  if (m.evaluate_constraints === 'Disabled') return { statistics, violations: { violations }, distances };
  const rows = currentTable.numRows;
  for (const c of constraints.features) {
    const cur = current.get(c.name);
    if (!cur) {
      violations.push({
        feature_name: c.name,
        constraint_check_type: 'missing_column_check',
        description: `Column '${c.name}' is in the baseline but missing from the current data (which has ${current.size} columns). `
          + 'Restore it upstream, or remove it from constraints.json if it was dropped on purpose.',
      });
      continue;
    }
    if (!evaluated(c)) continue;
    if (rows === 0) {
      violations.push({
        feature_name: c.name,
        constraint_check_type: 'completeness_check',
        description: `The current data has no rows, so feature '${c.name}' has no values to check (baseline completeness ${pct(c.completeness)}). Check that the data window is not empty.`,
      });
      continue;
    }
    const typeViolation = dataTypeViolation(c, cur, m.datatype_check_threshold);
    if (typeViolation) violations.push(typeViolation);
    const completeness = (rows - cur.histogram.missing) / rows;
    if (completeness < c.completeness - 1e-12) {
      violations.push({
        feature_name: c.name,
        constraint_check_type: 'completeness_check',
        description: `Feature '${c.name}' is ${pct(completeness)} complete (${cur.histogram.missing} of ${rows} values missing), below the `
          + `baseline completeness of ${pct(c.completeness)}. Find where the missing values come from, or lower its completeness in constraints.json if they are expected.`,
      });
    }
    const driftFound = driftCheck(c, baseByName.get(c.name), cur, constraints);
    distances[c.name] = driftFound.distance;
    if (driftFound.violation) violations.push(driftFound.violation);
    const domainFound = c.inferred_type === 'String' ? domainViolation(c, cur, m.domain_content_threshold) : null;
    if (domainFound) violations.push(domainFound);
  }
  // A data capture's event and output columns (inference_time, event_id, _output…) describe the traffic, not
  // the model's inputs: a baseline of training data lacks them by design, so they are not extra columns.
  const traffic = new Set(currentTable.schema.fields.filter((f) => {
    const role = f.metadata.get(CAPTURE_ROLE_METADATA_KEY);
    return role === 'event' || role === 'output';
  }).map((f) => f.name));
  for (const name of current.keys()) {
    if (wanted.has(name) || traffic.has(name)) continue;
    violations.push({
      feature_name: name,
      constraint_check_type: 'extra_column_check',
      description: `Column '${name}' is in the current data but not in the baseline (which has ${wanted.size} columns). `
        + 'Re-run the baseline to monitor it, or drop it before the check.',
    });
  }
  return { statistics, violations: { violations }, distances };
}
