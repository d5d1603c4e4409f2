// `mlpad clarify bias|shap|report`: SageMaker Clarify's analyses from the command line, writing its files
// (analysis.json, explanations_shap/out.csv) and one self-contained HTML report. The engine is the one
// the studio's Clarify view runs (src/lib/clarify).
import { join } from 'node:path';
import { ANALYSIS_VERSION, type AnalysisJson } from '../../lib/clarify/analysis.ts';
import { runBiasJob, type BiasJobConfig } from '../../lib/clarify/bias-job.ts';
import { runShapJob, shapSection, type ShapMethod } from '../../lib/clarify/shap-job.ts';
import { shapOutCsv } from '../../lib/clarify/shap-out-csv.ts';
import { interactionsCsv } from '../../lib/clarify/interactions-csv.ts';
import { SHAP_AGGREGATIONS, type ShapAggregation } from '../../lib/clarify/shap/aggregate.ts';
import type { CliCommand } from '../command.ts';
import { CliError, UsageError } from '../errors.ts';
import { loadFlagSpecs, loadOptionsFromFlags } from '../load-flags.ts';
import { reportCommand } from './clarify-report.ts';
import { load } from './train.ts';
import { columnValues, isNumericColumn, requireColumn } from '../columns.ts';
import { readModel } from '../read-model.ts';

const BIAS_HINT = 'mlpad clarify bias --help';

const biasCommand: CliCommand = {
  name: 'bias',
  summary: 'Bias metrics of the data (pre-training) and of predictions (post-training), as SageMaker Clarify',
  description:
    'Writes analysis.json with pre_training_bias_metrics (CI, DPL, KL, JS, LP, TVD, KS, CDDL) and, given predicted\n' +
    'labels (--predicted-label) or a model that makes them (--model), post_training_bias_metrics (DPPL, DI, DCA, DCR,\n' +
    'RD, SD, DAR, DRR, AD, TE, FT, CDDPL, GE), in Clarify\'s layout and with smclarify\'s numbers. An undefined metric\n' +
    'has value null and its reason in "error". --label-values of a numeric label with one number is a threshold.',
  flags: [
    { name: 'data', type: 'string', required: true, valueName: 'FILE', help: 'the dataset (CSV, TSV, JSON, Parquet, Arrow)' },
    { name: 'label', type: 'string', required: true, valueName: 'COLUMN', help: 'the observed label column' },
    { name: 'label-values', type: 'string', required: true, valueName: 'V[,V...]', help: 'positive label values, or one threshold for a numeric label' },
    { name: 'facet', type: 'string', required: true, valueName: 'COLUMN', help: 'the sensitive column' },
    { name: 'facet-values', type: 'string', valueName: 'V[,V...]', help: 'sensitive values (default: each value against the rest)' },
    { name: 'facet-threshold', type: 'string', valueName: 'X', help: 'numeric facet: rows above X are the sensitive group' },
    { name: 'group', type: 'string', valueName: 'COLUMN', help: 'group variable for CDDL and CDDPL' },
    { name: 'predicted-label', type: 'string', valueName: 'COLUMN', help: 'a column of predicted labels in the label\'s values' },
    { name: 'model', type: 'string', valueName: 'FILE', help: 'a model file whose predictions give the predicted labels' },
    { name: 'out', type: 'string', required: true, valueName: 'FILE', help: 'where to write analysis.json' },
    ...loadFlagSpecs(),
  ],
  async run(flags, io) {
    if (flags['facet-values'] !== undefined && flags['facet-threshold'] !== undefined) throw new UsageError('give --facet-values or --facet-threshold, not both', BIAS_HINT);
    if (flags['predicted-label'] !== undefined && flags.model !== undefined) throw new UsageError('give --predicted-label or --model, not both', BIAS_HINT);
    const dataPath = flags.data as string;
    const table = await load(io, dataPath, loadOptionsFromFlags(flags, BIAS_HINT));
    const label = flags.label as string;
    const facet = flags.facet as string;
    requireColumn(table, label, '--label', dataPath);
    requireColumn(table, facet, '--facet', dataPath);
    if (flags.group !== undefined) requireColumn(table, flags.group as string, '--group', dataPath);
    if (flags['predicted-label'] !== undefined) requireColumn(table, flags['predicted-label'] as string, '--predicted-label', dataPath);
    let facetValues: (string | number)[] | undefined;
    if (flags['facet-threshold'] !== undefined) {
      if (!isNumericColumn(table, facet)) throw new CliError(`${dataPath}: --facet-threshold needs a numeric facet, but column ${JSON.stringify(facet)} is text; give --facet-values instead`);
      const t = Number(flags['facet-threshold']);
      if (!Number.isFinite(t)) throw new UsageError(`--facet-threshold must be a number; got ${JSON.stringify(flags['facet-threshold'])}`, BIAS_HINT);
      facetValues = [t];
    } else if (flags['facet-values'] !== undefined) {
      facetValues = columnValues(flags['facet-values'] as string, table, facet, '--facet-values', BIAS_HINT);
    }
    const cfg: BiasJobConfig = {
      label, labelValuesOrThreshold: columnValues(flags['label-values'] as string, table, label, '--label-values', BIAS_HINT),
      facet, facetValuesOrThreshold: facetValues, group: flags.group as string | undefined, predictedLabel: flags['predicted-label'] as string | undefined,
    };
    const m = flags.model !== undefined ? await readModel(io, flags.model as string) : undefined;
    let result;
    try {
      result = await runBiasJob(table, cfg, m);
    } catch (e) {
      throw new CliError(`${dataPath}: ${(e as Error).message}`);
    }
    const analysis: AnalysisJson = { version: ANALYSIS_VERSION, pre_training_bias_metrics: result.pre };
    if (result.post) analysis.post_training_bias_metrics = result.post;
    const out = flags.out as string;
    await io.writeFile(out, JSON.stringify(analysis, null, 2) + '\n');
    io.stderr(`mlpad: bias metrics of ${table.numRows} rows (${result.post ? 'pre- and post-training' : 'pre-training'}) → ${out}\n`);
    return 0;
  },
};

const SHAP_HINT = 'mlpad clarify shap --help';

function positiveInt(v: unknown, flag: string): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`${flag} must be a positive whole number; got ${JSON.stringify(v)}`, SHAP_HINT);
  return n;
}

const shapCommand: CliCommand = {
  name: 'shap',
  summary: 'SHAP explanations of a model on a dataset, as SageMaker Clarify',
  description:
    'Writes DIR/analysis.json (explanations.kernel_shap or .tree_shap: per label, global_shap_values by --agg-method\n' +
    'and expected_value) and DIR/explanations_shap/out.csv (local SHAP values, one column per feature named as in the\n' +
    'data, one row per input row in input order). --method tree (XGBoost models) is exact and on the margin scale, as\n' +
    'native XGBoost\'s pred_contribs; kernel works for every model. Without --baseline, the baseline is a k-means\n' +
    'summary of the data (--num-clusters, default 10).',
  flags: [
    { name: 'model', type: 'string', required: true, valueName: 'FILE', help: 'model file (from mlpad train or the studio, or XGBoost JSON)' },
    { name: 'data', type: 'string', required: true, valueName: 'FILE', help: 'rows to explain' },
    { name: 'method', type: 'string', valueName: 'tree|kernel', help: 'tree (exact, XGBoost) or kernel (any model) (default: tree where possible)' },
    { name: 'baseline', type: 'string', valueName: 'FILE', help: 'baseline rows with the model\'s columns (default: k-means summary of the data)' },
    { name: 'num-clusters', type: 'string', valueName: 'K', help: 'clusters of the k-means baseline (default 10)' },
    { name: 'num-samples', type: 'string', valueName: 'N', help: 'Kernel SHAP coalitions per row (default: 2M + 2048)' },
    { name: 'agg-method', type: 'string', valueName: 'NAME', help: 'mean_abs, median or mean_sq (default mean_abs)' },
    { name: 'use-logit', type: 'boolean', help: 'explain the logit of the probability (Kernel SHAP)' },
    { name: 'seed', type: 'string', valueName: 'N', help: 'seed of the sampler and the k-means baseline (default 0)' },
    { name: 'features-to-explain', type: 'string', valueName: 'A[,B...]', help: 'columns to explain with Kernel SHAP (default: all)' },
    { name: 'max-rows', type: 'string', valueName: 'N', help: 'explain only the first N rows (default: every row)' },
    { name: 'interactions', type: 'boolean', help: 'also write explanations_shap/interactions.csv: exact SHAP interaction values (XGBoost models)' },
    { name: 'out', type: 'string', required: true, valueName: 'DIR', help: 'folder for analysis.json and explanations_shap/out.csv' },
    ...loadFlagSpecs(),
  ],
  async run(flags, io) {
    const method = (flags.method as string | undefined) ?? 'auto';
    if (!['auto', 'tree', 'kernel'].includes(method)) throw new UsageError(`--method must be tree or kernel; got ${JSON.stringify(method)}`, SHAP_HINT);
    const agg = (flags['agg-method'] as string | undefined) ?? 'mean_abs';
    if (!SHAP_AGGREGATIONS.includes(agg as ShapAggregation)) throw new UsageError(`--agg-method must be one of ${SHAP_AGGREGATIONS.join(', ')}; got ${JSON.stringify(agg)}`, SHAP_HINT);
    const reading = loadOptionsFromFlags(flags, SHAP_HINT);
    const m = await readModel(io, flags.model as string);
    const dataPath = flags.data as string;
    const table = await load(io, dataPath, reading);
    const baseline = flags.baseline !== undefined ? await load(io, flags.baseline as string, reading) : undefined;
    let lastShown = -1;
    let result;
    try {
      result = await runShapJob(table, m, {
        method: method as ShapMethod, aggMethod: agg as ShapAggregation, useLogit: flags['use-logit'] === true, baseline,
        numSamples: positiveInt(flags['num-samples'], '--num-samples'), numClusters: positiveInt(flags['num-clusters'], '--num-clusters'),
        seed: flags.seed !== undefined ? Number(flags.seed) : 0, maxRows: positiveInt(flags['max-rows'], '--max-rows'),
        featuresToExplain: flags['features-to-explain'] !== undefined ? (flags['features-to-explain'] as string).split(',').map((f) => f.trim()).filter((f) => f !== '') : undefined,
      }, {
        onProgress(done, total, stage) {
          const pct = total ? Math.floor((100 * done) / total / 10) * 10 : 0;
          if (pct !== lastShown) { lastShown = pct; io.stderr(`mlpad: ${stage}: ${done}/${total} rows\n`); }
        },
      });
    } catch (e) {
      if (e instanceof UsageError) throw e;
      throw new CliError(`${dataPath}: ${(e as Error).message}`);
    }
    const out = flags.out as string;
    const analysis: AnalysisJson = { version: ANALYSIS_VERSION, explanations: { [result.method]: shapSection(result) } };
    await io.writeFile(join(out, 'analysis.json'), JSON.stringify(analysis, null, 2) + '\n');
    await io.writeFile(join(out, 'explanations_shap', 'out.csv'), shapOutCsv(result));
    io.stderr(`mlpad: ${result.method} of ${result.rows} rows × ${result.features.length} features → ${join(out, 'analysis.json')}, ${join(out, 'explanations_shap', 'out.csv')}\n`);
    if (flags.interactions === true) {
      let csv: string;
      try {
        csv = interactionsCsv(table, m, positiveInt(flags['max-rows'], '--max-rows'));
      } catch (e) {
        throw new CliError(`${flags.model as string}: ${(e as Error).message}`);
      }
      await io.writeFile(join(out, 'explanations_shap', 'interactions.csv'), csv);
      io.stderr(`mlpad: SHAP interaction values → ${join(out, 'explanations_shap', 'interactions.csv')}\n`);
    }
    return 0;
  },
};

export const clarifyCommand: CliCommand = {
  name: 'clarify',
  summary: 'Bias metrics and SHAP explanations in SageMaker Clarify\'s files, and an HTML report',
  flags: [],
  subcommands: [biasCommand, shapCommand, reportCommand],
  async run() {
    return 2;
  },
};
