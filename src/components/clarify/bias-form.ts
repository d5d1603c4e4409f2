// The bias form's fields and how they become a BiasJobConfig: ticked values or a typed threshold, as
// numbers for numeric columns and as text otherwise, and the predicted labels from the model, a column or
// nowhere (pre-training metrics only).
import type { BiasJobConfig } from '../../lib/clarify/bias-job.ts';
import type { ColumnChoice } from './column-choice.ts';

/** Where the post-training metrics get their predicted labels. */
export type PredictedFrom = 'model' | 'column' | 'none';

export interface BiasFormValues {
  /** The observed label's column. */
  label: string;
  /** Ticked positive label values (categorical labels). */
  labelValues: string[];
  /** Positive = above this (continuous labels), as typed. */
  labelThreshold: string;
  /** The sensitive attribute's column. */
  facet: string;
  /** Ticked sensitive values; none ticked: each value against the rest. */
  facetValues: string[];
  /** Sensitive = above this (continuous facets), as typed. */
  facetThreshold: string;
  /** Group column for CDDL / CDDPL; '' for none. */
  group: string;
  predicted: PredictedFrom;
  /** The column of predicted labels when `predicted` is 'column'. */
  predictedColumn: string;
}

/** The job to run, or the sentence saying which field to fix. */
export type BiasFormResult = { ok: true; cfg: BiasJobConfig; useModel: boolean } | { ok: false; field: string; message: string };

function threshold(text: string, what: string, field: string): number | { ok: false; field: string; message: string } {
  const t = text.trim();
  const v = Number(t);
  if (t === '' || !Number.isFinite(v)) return { ok: false, field, message: `The ${what} threshold must be a number; got ${JSON.stringify(text)}.` };
  return v;
}

const typed = (values: string[], numeric: boolean): (string | number)[] => (numeric ? values.map(Number) : [...values]);

/** Turns the form into the job's config; `label` and `facet` describe the chosen columns. */
export function biasJobConfig(form: BiasFormValues, label: ColumnChoice, facet: ColumnChoice): BiasFormResult {
  if (!form.label) return { ok: false, field: 'label', message: 'Choose the label column.' };
  if (!form.facet) return { ok: false, field: 'facet', message: 'Choose the facet column (the sensitive attribute).' };
  if (form.facet === form.label) return { ok: false, field: 'facet', message: `The facet column must differ from the label column (${form.label}).` };
  let labelValuesOrThreshold: (string | number)[];
  if (label.kind === 'continuous') {
    const t = threshold(form.labelThreshold, 'label', 'label-threshold');
    if (typeof t !== 'number') return t;
    labelValuesOrThreshold = [t];
  } else {
    if (form.labelValues.length === 0) return { ok: false, field: 'label-values', message: `Tick at least one positive value of ${form.label}.` };
    labelValuesOrThreshold = typed(form.labelValues, label.numeric);
  }
  const cfg: BiasJobConfig = { label: form.label, labelValuesOrThreshold, facet: form.facet };
  if (facet.kind === 'continuous') {
    const t = threshold(form.facetThreshold, 'facet', 'facet-threshold');
    if (typeof t !== 'number') return t;
    cfg.facetValuesOrThreshold = [t];
  } else if (form.facetValues.length > 0) {
    cfg.facetValuesOrThreshold = typed(form.facetValues, facet.numeric);
  }
  if (form.group) {
    if (form.group === form.label || form.group === form.facet) return { ok: false, field: 'group', message: 'The group column must differ from the label and facet columns.' };
    cfg.group = form.group;
  }
  if (form.predicted === 'column') {
    if (!form.predictedColumn) return { ok: false, field: 'predicted-column', message: 'Choose the column of predicted labels.' };
    cfg.predictedLabel = form.predictedColumn;
  }
  return { ok: true, cfg, useModel: form.predicted === 'model' };
}
