// The bias and feature-attribution side of `mlpad monitor baseline|timeline`: the Clarify flags (label, facet,
// predicted labels, model), their checks, and the baseline files Model Monitor's bias and explainability
// jobs take as constraints: bias_baseline.json (analysis.json with post_training_bias_metrics) and
// attribution_baseline.json (analysis.json with explanations).
import { statSync } from 'node:fs';
import { join } from 'node:path';
import type { Table } from 'apache-arrow';
import { ANALYSIS_VERSION } from '../../lib/clarify/analysis.ts';
import type { BiasSection } from '../../lib/clarify/bias/types.ts';
import type { LoadedModel } from '../../lib/clarify/loaded-model.ts';
import type { Explanations } from '../../lib/monitor/attribution-drift.ts';
import { predictedLabels, type BiasDriftConfig } from '../../lib/monitor/bias-drift.ts';
import type { FlagSpec, ParsedFlags } from '../args.ts';
import { CliError, UsageError } from '../errors.ts';
import type { CliIO } from '../io.ts';
import { parseJsonFile } from './monitor-files.ts';
import { columnValues, isNumericColumn, requireColumn } from '../columns.ts';

/** The baseline folder's bias and attribution files. */
export const CLARIFY_FILES = { bias: 'bias_baseline.json', attribution: 'attribution_baseline.json' } as const;

/** Flags for bias drift (--label, --facet, ...) and attribution drift (--model). */
export const clarifyFlagSpecs = (what: string): FlagSpec[] => [
  { name: 'label', type: 'string', valueName: 'COLUMN', help: `bias drift: the observed label column (${what})` },
  { name: 'label-values', type: 'string', valueName: 'V[,V...]', help: 'bias drift: positive label values, or one threshold for a numeric label' },
  { name: 'facet', type: 'string', valueName: 'COLUMN', help: 'bias drift: the sensitive column' },
  { name: 'facet-values', type: 'string', valueName: 'V[,V...]', help: 'bias drift: sensitive values (default: each value against the rest)' },
  { name: 'facet-threshold', type: 'string', valueName: 'X', help: 'bias drift, numeric facet: rows above X are the sensitive group' },
  { name: 'predicted-label', type: 'string', valueName: 'COLUMN', help: 'bias drift: predicted labels in the label\'s values (default: the --model\'s predictions)' },
  { name: 'model', type: 'string', valueName: 'FILE', help: 'a classifier (mlpad train or XGBoost JSON): attribution drift (SHAP), and predicted labels for bias drift' },
];


/** Whether any bias flag was given; then --label, --label-values, --facet and predicted labels are required. */
export function wantsBias(flags: ParsedFlags): boolean {
  return ['label', 'label-values', 'facet', 'facet-values', 'facet-threshold', 'predicted-label'].some((f) => flags[f] !== undefined);
}

/** The bias drift config from the flags, checked against `table` (predictions from `model` when no --predicted-label). */
export async function biasConfig(flags: ParsedFlags, table: Table, file: string, hint: string, model?: LoadedModel): Promise<BiasDriftConfig> {
  for (const f of ['label', 'label-values', 'facet']) if (flags[f] === undefined) throw new UsageError(`bias drift needs --label, --label-values and --facet; --${f} is missing`, hint);
  if (flags['facet-values'] !== undefined && flags['facet-threshold'] !== undefined) throw new UsageError('give --facet-values or --facet-threshold, not both', hint);
  if (flags['predicted-label'] === undefined && !model) throw new UsageError('bias drift needs predicted labels: give --predicted-label COLUMN or --model FILE', hint);
  const label = flags.label as string;
  const facet = flags.facet as string;
  requireColumn(table, label, '--label', file);
  requireColumn(table, facet, '--facet', file);
  let facetValues: (string | number)[] | undefined;
  if (flags['facet-threshold'] !== undefined) {
    if (!isNumericColumn(table, facet)) throw new CliError(`${file}: --facet-threshold needs a numeric facet, but column ${JSON.stringify(facet)} is text; give --facet-values instead`);
    const t = Number(flags['facet-threshold']);
    if (!Number.isFinite(t)) throw new UsageError(`--facet-threshold must be a number; got ${JSON.stringify(flags['facet-threshold'])}`, hint);
    facetValues = [t];
  } else if (flags['facet-values'] !== undefined) {
    facetValues = columnValues(flags['facet-values'] as string, table, facet, '--facet-values', hint);
  }
  const cfg: BiasDriftConfig = { label, labelValuesOrThreshold: columnValues(flags['label-values'] as string, table, label, '--label-values', hint), facet, facetValuesOrThreshold: facetValues };
  if (flags['predicted-label'] !== undefined) {
    requireColumn(table, flags['predicted-label'] as string, '--predicted-label', file);
    cfg.predictedLabel = flags['predicted-label'] as string;
  } else {
    try {
      cfg.predictions = await predictedLabels(table, model!, label);
    } catch (e) {
      throw new CliError(`${file}: ${(e as Error).message}`);
    }
  }
  return cfg;
}

/** analysis.json holding one bias section. */
export const biasAnalysis = (section: BiasSection) => ({ version: ANALYSIS_VERSION, post_training_bias_metrics: section });

/** analysis.json holding explanations. */
export const attributionAnalysis = (explanations: Explanations) => ({ version: ANALYSIS_VERSION, explanations });

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

async function readIfThere(io: CliIO, path: string): Promise<unknown> {
  let file = false;
  try { file = statSync(path).isFile(); } catch { /* absent */ }
  return file ? parseJsonFile(path, new TextDecoder().decode(await io.readFile(path))) : undefined;
}

/** The baseline folder's bias section and explanations, where present; a malformed file is one CliError naming it. */
export async function readClarifyBaseline(io: CliIO, dir: string): Promise<{ bias?: BiasSection; attribution?: Explanations }> {
  const out: { bias?: BiasSection; attribution?: Explanations } = {};
  const biasPath = join(dir, CLARIFY_FILES.bias);
  const bias = await readIfThere(io, biasPath);
  if (bias !== undefined) {
    const s = isObject(bias) ? bias.post_training_bias_metrics : undefined;
    if (!isObject(s) || typeof s.label !== 'string' || !isObject(s.facets)) throw new CliError(`${biasPath}: must be a Clarify analysis.json with post_training_bias_metrics {label, label_value_or_threshold, facets}`);
    out.bias = s as unknown as BiasSection;
  }
  const attributionPath = join(dir, CLARIFY_FILES.attribution);
  const attribution = await readIfThere(io, attributionPath);
  if (attribution !== undefined) {
    const e = isObject(attribution) ? attribution.explanations : undefined;
    if (!isObject(e) || !(isObject(e.tree_shap) || isObject(e.kernel_shap))) throw new CliError(`${attributionPath}: must be a Clarify analysis.json with explanations.tree_shap or explanations.kernel_shap`);
    out.attribution = e as Explanations;
  }
  return out;
}
