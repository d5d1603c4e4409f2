// One bias analysis, for the studio's worker and `mlpad clarify bias` alike: the table's columns as
// smclarify reads them, pre-training metrics on the data, and post-training metrics on predicted labels
// taken from a column or made by an mlpad model (any algorithm in the registry). For binary classifiers it
// also keeps the positive class's probability, so the studio's threshold slider can recompute every
// post-training metric live (bias/threshold.ts).
import { DataType, type Table } from 'apache-arrow';
import { postTrainingBias, preTrainingBias, thresholdBias, type ThresholdBias } from './bias/index.ts';
import { binarizeLabel, codeFacet } from './bias/series.ts';
import type { BiasColumn, BiasColumns, BiasConfig, BiasSection, FeatureColumns } from './bias/types.ts';
import { featureColumns as matrixColumns } from '../ml/matrix.ts';
import { explainedOutputs, modelInputs, type LoadedModel } from './loaded-model.ts';

/** The column holding the predicted labels mlpad makes from a model. */
export const PREDICTED_COLUMN = 'mlpad_predicted_label';

/** A table column as smclarify reads it: numbers (NaN = missing) or text (null = missing); dates and booleans as text. */
export function biasColumn(table: Table, name: string): BiasColumn {
  const field = table.schema.fields.find((f) => f.name === name);
  const vector = table.getChild(name);
  if (!field || !vector) throw new Error(`column ${JSON.stringify(name)} is not in the data; its columns are ${table.schema.fields.map((f) => JSON.stringify(f.name)).join(', ')}`);
  if (DataType.isInt(field.type) || DataType.isFloat(field.type) || DataType.isDecimal(field.type)) {
    const out = new Float64Array(vector.length);
    for (let i = 0; i < out.length; i++) {
      const v = vector.get(i);
      out[i] = v === null || v === undefined ? NaN : Number(v);
    }
    return out;
  }
  const out: (string | null)[] = new Array(vector.length);
  const date = DataType.isDate(field.type) || DataType.isTimestamp(field.type);
  for (let i = 0; i < out.length; i++) {
    const v = vector.get(i);
    out[i] = v === null || v === undefined ? null : date ? new Date(Number(v)).toISOString().slice(0, DataType.isDate(field.type) ? 10 : 19) : String(v);
  }
  return out;
}

export interface BiasJobConfig extends Omit<BiasConfig, 'predictedLabel'> {
  /** A column of predicted labels, in the label's own values; defaults to none (then `model` predicts them, if given). */
  predictedLabel?: string;
}

export interface BiasJobResult {
  pre: BiasSection;
  /** Absent without predicted labels. */
  post?: BiasSection;
  /** Binary classifiers: the positive class's probability per row, for the live threshold path. */
  scores?: Float32Array;
  /** Per facet split (in `post`'s order of the first facet), confusion counts [TP, FP, FN, TN] of the sensitive group and of the rest. */
  confusion?: { valueOrThreshold: string; facet: number[]; rest: number[] }[];
}

function pick(table: Table, names: readonly (string | undefined)[]): BiasColumns {
  const out: BiasColumns = {};
  for (const n of names) if (n !== undefined && !Object.hasOwn(out, n)) out[n] = biasColumn(table, n);
  return out;
}

/**
 * Numeric feature columns for the flip test (FT), which Clarify runs on numeric features only. With a model:
 * its encoded features (categories one-hot), leaving out those of the label, facet and group columns, with
 * missing cells at the column mean (Clarify's k-NN cannot take them). Without one: the table's numeric
 * columns but those three.
 */
function featureColumns(table: Table, cfg: BiasJobConfig, model?: LoadedModel): FeatureColumns {
  const skip = new Set([cfg.label, cfg.facet, cfg.group].filter((n): n is string => n !== undefined));
  const out: FeatureColumns = {};
  if (!model) {
    for (const f of table.schema.fields) if ((DataType.isInt(f.type) || DataType.isFloat(f.type)) && !skip.has(f.name)) out[f.name] = biasColumn(table, f.name);
    return out;
  }
  const { x } = modelInputs(model, table, 'the data');
  const cols = matrixColumns(x);
  model.space.spans.forEach((span, j) => {
    const column = model.space.names[j];
    for (let q = 0; q < span.count; q++) {
      if (skip.has(column)) continue;
      const src = cols[span.start + q];
      let sum = 0, n = 0;
      for (let i = 0; i < src.length; i++) if (src[i] === src[i]) { sum += src[i]; n++; }
      const mean = n ? sum / n : 0;
      // A column of several features (one-hot, date parts, n-grams, a class's target rate): the encoding's own feature names.
      const name = span.count > 1 ? (model.encoding?.featureNames[span.start + q] ?? `${column}#${q}`) : column;
      out[name] = Float64Array.from(src, (v) => (v === v ? v : mean));
    }
  });
  return out;
}

/** The model's predicted label per row, in the label column's own values (numbers when the label is numeric). */
async function predict(table: Table, model: LoadedModel, labelColumn: BiasColumn): Promise<{ predicted: BiasColumn; scores?: Float32Array }> {
  const { x } = modelInputs(model, table, 'the data');
  const inf = await model.estimator.infer(model.model, x);
  const numericLabel = !Array.isArray(labelColumn);
  if (inf.kind === 'classification') {
    const classes = model.classes ?? Array.from({ length: inf.classes }, (_, k) => String(k));
    const names = Array.from(inf.predictedLabel, (k) => classes[k]);
    const predicted: BiasColumn = numericLabel ? Float64Array.from(names, Number) : names;
    const scores = inf.classes === 2 ? explainedOutputs(inf, x.nRows, 1) : undefined;
    return { predicted, scores };
  }
  if (inf.kind === 'regression') return { predicted: Float64Array.from(inf.score) };
  throw new Error(`post-training bias needs a model that predicts labels; this ${model.estimator.name} model is ${model.estimator.kind}`);
}

/** Confusion counts per facet split of the first facet: [TP, FP, FN, TN] for the sensitive rows and the rest. */
export function facetConfusion(columns: BiasColumns, cfg: BiasConfig, predictedPositive: Uint8Array): NonNullable<BiasJobResult['confusion']> {
  const label = binarizeLabel(columns, cfg).positive;
  const coding = codeFacet(columns, cfg, label.length);
  return coding.splits.map((split) => {
    const inD = new Uint8Array(coding.nCodes);
    for (const c of split.dCodes) inD[c] = 1;
    const facet = [0, 0, 0, 0];
    const rest = [0, 0, 0, 0];
    for (let i = 0; i < label.length; i++) {
      const code = coding.codes[i];
      if (code < 0) continue;
      const t = inD[code] ? facet : rest;
      const p = predictedPositive[i];
      const y = label[i];
      t[p && y ? 0 : p ? 1 : y ? 2 : 3]++;
    }
    return { valueOrThreshold: split.valueOrThreshold, facet, rest };
  });
}

/** Runs pre-training bias, and post-training bias when predicted labels come from a column or `model`. */
export async function runBiasJob(table: Table, cfg: BiasJobConfig, model?: LoadedModel): Promise<BiasJobResult> {
  const columns = pick(table, [cfg.label, cfg.facet, cfg.group, cfg.predictedLabel]);
  const base: BiasConfig = { ...cfg, predictedLabel: undefined };
  const pre = preTrainingBias(columns, base);
  let scores: Float32Array | undefined;
  let predictedName = cfg.predictedLabel;
  if (predictedName === undefined && model) {
    const made = await predict(table, model, columns[cfg.label]);
    columns[PREDICTED_COLUMN] = made.predicted;
    scores = made.scores;
    predictedName = PREDICTED_COLUMN;
  }
  if (predictedName === undefined) return { pre };
  const postCfg: BiasConfig = { ...cfg, predictedLabel: predictedName };
  const post = postTrainingBias(columns, postCfg, featureColumns(table, cfg, model));
  const predictedPositive = binarizeLabel({ ...columns, [cfg.label]: columns[predictedName] }, postCfg).positive;
  return { pre, post, scores, confusion: facetConfusion(columns, postCfg, predictedPositive) };
}

/** The live threshold path for a binary classifier's scores (bias/threshold.ts) over `table`'s columns. */
export function biasThresholdPath(table: Table, cfg: BiasJobConfig): { path: ThresholdBias; columns: BiasColumns } {
  const columns = pick(table, [cfg.label, cfg.facet, cfg.group]);
  return { path: thresholdBias(columns, { ...cfg, predictedLabel: undefined }), columns };
}
