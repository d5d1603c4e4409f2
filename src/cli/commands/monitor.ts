// `mlpad monitor baseline|check|drift|timeline`: SageMaker Model Monitor's data-quality (and model-quality)
// jobs from the shell, writing its files (statistics.json, constraints.json, constraint_violations.json) and
// mlpad's drift.json and timeline.json. The engine is src/lib/monitor; this file adds flags and files.
import { join } from 'node:path';
import { checkData } from '../../lib/monitor/check.ts';
import { suggestConstraints } from '../../lib/monitor/constraints.ts';
import { attributionBaseline } from '../../lib/monitor/attribution-drift.ts';
import { biasBaseline } from '../../lib/monitor/bias-drift.ts';
import { driftReport } from '../../lib/monitor/drift-metrics.ts';
import { modelQualityStatistics, suggestModelQualityConstraints } from '../../lib/monitor/model-quality.ts';
import { baselineStatistics } from '../../lib/monitor/statistics.ts';
import type { CliCommand } from '../command.ts';
import { CliError, UsageError } from '../errors.ts';
import { loadFlagSpecs, loadOptionsFromFlags } from '../load-flags.ts';
import { attributionAnalysis, biasAnalysis, biasConfig, CLARIFY_FILES, clarifyFlagSpecs, wantsBias } from './monitor-clarify.ts';
import { readModel } from '../read-model.ts';
import { BASELINE_FILES, jsonText, parseProblemType, qualityInput, readBaseline } from './monitor-files.ts';
import { timelineCommand } from './monitor-timeline.ts';
import { load } from './train.ts';

/** An engine error about the user's data, as one line naming the file. */
const dataError = (file: string, e: unknown): unknown => (e instanceof CliError || e instanceof UsageError ? e : new CliError(`${file}: ${(e as Error).message}`));

const BASELINE_HINT = 'mlpad monitor baseline --help';

const baselineCommand: CliCommand = {
  name: 'baseline',
  summary: 'Baseline statistics and suggested constraints of a dataset, as Model Monitor\'s baseline job',
  description:
    'Writes DIR/statistics.json (per column: Deequ\'s type, counts, mean, sum, std_dev, min, max and a KLL sketch with\n' +
    '10 buckets, or category counts) and DIR/constraints.json (completeness, is_non_negative, domains, monitoring_config).\n' +
    'Given --problem-type, --actual and --predicted, also DIR/model_quality_statistics.json and\n' +
    'DIR/model_quality_constraints.json (the model quality job\'s metrics; each constraint\'s threshold is the baseline value).\n' +
    'Given --label, --label-values, --facet and --predicted-label (or --model), also DIR/bias_baseline.json (Clarify\'s\n' +
    'analysis.json with post_training_bias_metrics: the bias drift job\'s constraints). Given --model, also\n' +
    'DIR/attribution_baseline.json (analysis.json with explanations: global SHAP values, the attribution drift job\'s constraints).',
  flags: [
    { name: 'data', type: 'string', required: true, valueName: 'FILE', help: 'the baseline dataset (CSV, TSV, JSON, Parquet, Arrow)' },
    { name: 'out', type: 'string', required: true, valueName: 'DIR', help: 'folder for statistics.json and constraints.json' },
    { name: 'problem-type', type: 'string', valueName: 'TYPE', help: 'Regression, BinaryClassification or MulticlassClassification: also baseline model quality' },
    { name: 'actual', type: 'string', valueName: 'COLUMN', help: 'ground-truth column (with --problem-type)' },
    { name: 'predicted', type: 'string', valueName: 'COLUMN', help: 'predicted-label or predicted-value column (with --problem-type)' },
    { name: 'probability', type: 'string', valueName: 'COLUMN', help: 'BinaryClassification: probability of class 1, for auc (default: auc of the labels)' },
    ...clarifyFlagSpecs('with --facet'),
    ...loadFlagSpecs(),
  ],
  async run(flags, io) {
    const given = (['actual', 'predicted', 'probability'] as const).filter((f) => flags[f] !== undefined);
    const problem = flags['problem-type'] !== undefined ? parseProblemType(flags['problem-type'] as string, BASELINE_HINT) : undefined;
    if (problem === undefined && given.length > 0) throw new UsageError(`--${given[0]} needs --problem-type (Regression, BinaryClassification or MulticlassClassification)`, BASELINE_HINT);
    if (problem !== undefined && (flags.actual === undefined || flags.predicted === undefined)) throw new UsageError('--problem-type needs --actual COLUMN and --predicted COLUMN', BASELINE_HINT);
    if (flags.probability !== undefined && problem !== 'BinaryClassification') throw new UsageError('--probability applies to --problem-type BinaryClassification only', BASELINE_HINT);
    const dataPath = flags.data as string;
    const table = await load(io, dataPath, loadOptionsFromFlags(flags, BASELINE_HINT));
    const out = flags.out as string;
    let statistics, constraints;
    try {
      statistics = baselineStatistics(table);
      constraints = suggestConstraints(statistics);
    } catch (e) {
      throw dataError(dataPath, e);
    }
    let quality;
    if (problem !== undefined) {
      const input = qualityInput(table, { problemType: problem, actual: flags.actual as string, predicted: flags.predicted as string, probability: flags.probability as string | undefined }, dataPath);
      try {
        const stats = modelQualityStatistics(input);
        quality = { stats, constraints: suggestModelQualityConstraints(stats) };
      } catch (e) {
        throw dataError(dataPath, e);
      }
    }
    await io.writeFile(join(out, BASELINE_FILES.statistics), jsonText(statistics));
    await io.writeFile(join(out, BASELINE_FILES.constraints), jsonText(constraints));
    const written: string[] = [BASELINE_FILES.statistics, BASELINE_FILES.constraints];
    if (quality) {
      await io.writeFile(join(out, BASELINE_FILES.qualityStatistics), jsonText(quality.stats));
      await io.writeFile(join(out, BASELINE_FILES.qualityConstraints), jsonText(quality.constraints));
      written.push(BASELINE_FILES.qualityStatistics, BASELINE_FILES.qualityConstraints);
    }
    const model = flags.model !== undefined ? await readModel(io, flags.model as string) : undefined;
    if (wantsBias(flags)) {
      const cfg = await biasConfig(flags, table, dataPath, BASELINE_HINT, model);
      let section;
      try {
        section = biasBaseline(table, cfg);
      } catch (e) {
        throw dataError(dataPath, e);
      }
      await io.writeFile(join(out, CLARIFY_FILES.bias), jsonText(biasAnalysis(section)));
      written.push(CLARIFY_FILES.bias);
    }
    if (model) {
      let explanations;
      try {
        explanations = await attributionBaseline(table, { model });
      } catch (e) {
        throw dataError(dataPath, e);
      }
      await io.writeFile(join(out, CLARIFY_FILES.attribution), jsonText(attributionAnalysis(explanations)));
      written.push(CLARIFY_FILES.attribution);
    }
    io.stderr(`mlpad: baseline of ${table.numRows} rows × ${statistics.features.length} features → ${written.map((f) => join(out, f)).join(', ')}\n`);
    return 0;
  },
};

const CHECK_HINT = 'mlpad monitor check --help';

const checkCommand: CliCommand = {
  name: 'check',
  summary: 'Check new data against a baseline: statistics and constraint violations, as a monitoring run',
  description:
    'Writes DIR/statistics.json of the new data (with the baseline\'s types) and DIR/constraint_violations.json\n' +
    '(data_type_check, completeness_check, baseline_drift_check, missing_column_check, extra_column_check,\n' +
    'categorical_values_check). Prints "N violations" and one line per violation (feature: check) on stdout.\n' +
    'Exits 0 whether or not it finds violations.',
  flags: [
    { name: 'baseline', type: 'string', required: true, valueName: 'DIR', help: 'folder written by mlpad monitor baseline' },
    { name: 'data', type: 'string', required: true, valueName: 'FILE', help: 'the new data to check' },
    { name: 'out', type: 'string', required: true, valueName: 'DIR', help: 'folder for statistics.json and constraint_violations.json' },
    ...loadFlagSpecs(),
  ],
  async run(flags, io) {
    const reading = loadOptionsFromFlags(flags, CHECK_HINT);
    const baseline = await readBaseline(io, flags.baseline as string);
    const dataPath = flags.data as string;
    const table = await load(io, dataPath, reading);
    let result;
    try {
      result = checkData(baseline.statistics, baseline.constraints, table);
    } catch (e) {
      throw dataError(dataPath, e);
    }
    const out = flags.out as string;
    await io.writeFile(join(out, 'statistics.json'), jsonText(result.statistics));
    await io.writeFile(join(out, 'constraint_violations.json'), jsonText(result.violations));
    const v = result.violations.violations;
    io.stdout(`${v.length} violation${v.length === 1 ? '' : 's'}\n`);
    for (const x of v) io.stdout(`  ${x.feature_name}: ${x.constraint_check_type}\n`);
    io.stderr(`mlpad: checked ${table.numRows} rows against ${flags.baseline as string} → ${join(out, 'statistics.json')}, ${join(out, 'constraint_violations.json')}\n`);
    return 0;
  },
};

const DRIFT_HINT = 'mlpad monitor drift --help';

const fixed = (x: number | null, digits: number) => (x === null ? '-' : x.toFixed(digits));

const driftCommand: CliCommand = {
  name: 'drift',
  summary: 'Per-feature drift between two datasets: KS statistic and p-value, Wasserstein, PSI, Jensen-Shannon',
  description:
    'Writes drift.json: {features: [{name, kind, ks_statistic, ks_pvalue, wasserstein, psi, js_distance, binning, note}]},\n' +
    'one entry per column of the reference. KS and Wasserstein as SciPy computes them; PSI and JS over 10 quantile bins\n' +
    'of the reference (text columns: one bin per category), stated in "binning". A statistic that does not apply is\n' +
    'null and "note" says why. Prints one line per feature on stdout.',
  flags: [
    { name: 'reference', type: 'string', required: true, valueName: 'FILE', help: 'the reference (baseline) dataset' },
    { name: 'data', type: 'string', required: true, valueName: 'FILE', help: 'the current dataset' },
    { name: 'out', type: 'string', required: true, valueName: 'FILE', help: 'where to write drift.json' },
    ...loadFlagSpecs('both files'),
  ],
  async run(flags, io) {
    const reading = loadOptionsFromFlags(flags, DRIFT_HINT);
    const reference = await load(io, flags.reference as string, reading);
    const dataPath = flags.data as string;
    const current = await load(io, dataPath, reading);
    let report;
    try {
      report = driftReport(reference, current);
    } catch (e) {
      throw dataError(dataPath, e);
    }
    const out = flags.out as string;
    await io.writeFile(out, jsonText(report));
    const width = Math.max(7, ...report.features.map((f) => f.name.length)) + 2;
    io.stdout(`${'feature'.padEnd(width)}${'ks'.padStart(8)}${'ks_p'.padStart(10)}${'psi'.padStart(9)}${'js'.padStart(8)}\n`);
    for (const f of report.features) {
      io.stdout(`${f.name.padEnd(width)}${fixed(f.ks_statistic, 4).padStart(8)}${(f.ks_pvalue === null ? '-' : f.ks_pvalue.toPrecision(3)).padStart(10)}${fixed(f.psi, 4).padStart(9)}${fixed(f.js_distance, 4).padStart(8)}${f.note && f.psi === null ? `  (${f.note})` : ''}\n`);
    }
    io.stderr(`mlpad: drift of ${report.features.length} features, ${current.numRows} current rows against ${reference.numRows} reference rows → ${out}\n`);
    return 0;
  },
};

export const monitorCommand: CliCommand = {
  name: 'monitor',
  summary: 'Model Monitor: baseline statistics and constraints, violations of new data, drift, and a timeline',
  flags: [],
  subcommands: [baselineCommand, checkCommand, driftCommand, timelineCommand],
  async run() {
    return 2;
  },
};
