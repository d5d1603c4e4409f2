// A model's answers in the shapes of SageMaker's inference containers: JSON `{"predictions": [...]}`
// (`{"projections": [...]}` for PCA, `{"scores": [...]}` for Random Cut Forest), JSON Lines one record per
// line, and CSV one row per line with the record's fields in order (XGBoost: the score, or the class
// probabilities comma-separated, as its container writes). Numbers are the model's float32 values written
// with the shortest decimals that read back the same.
import type { Inference } from '../ml/estimator.ts';
import { csvField, formatFloat32 } from '../engine/predictions-csv.ts';
import { PayloadError } from './payload-error.ts';
import { responseListKey } from './response-shapes.ts';
import type { DeployModelFacts, PredictionRecord, ResponseContentType } from './types.ts';

const WRITABLE: readonly ResponseContentType[] = ['text/csv', 'application/json', 'application/jsonlines'];

/** The shortest decimal text that reads back as the same float32 ('' for NaN), as `mlpad predict` writes it. */
export const float32Text = formatFloat32;

/** A float32 as the shortest number that reads back as it (NaN stays NaN; JSON writes it as null). */
export function float32Number(v: number): number {
  const s = float32Text(v);
  return s === '' ? NaN : Number(s);
}

/**
 * The response type for an Accept header: the first listed type this module writes (`*\/*`, `text/*` and
 * `application/*` match), the model's default when the header is absent or empty. Throws PayloadError 406
 * naming the types it can write otherwise.
 */
export function responseTypeOf(accept: string | undefined, facts: DeployModelFacts): ResponseContentType {
  if (accept === undefined || accept.trim() === '') return facts.defaultAccept;
  const wanted = accept.split(',').map((p) => p.split(';')[0].trim().toLowerCase()).filter((p) => p !== '');
  for (const w of wanted) {
    if (w === '*/*') return facts.defaultAccept;
    if (w === 'application/*') return facts.defaultAccept === 'text/csv' ? 'application/json' : facts.defaultAccept;
    if (w === 'text/*') return 'text/csv';
    if (w === 'application/x-jsonlines' || w === 'application/jsonl') return 'application/jsonlines';
    const hit = WRITABLE.find((t) => t === w);
    if (hit) return hit;
  }
  throw new PayloadError(406, `cannot answer in ${JSON.stringify(accept.slice(0, 100))}; send an Accept of ${WRITABLE.join(', ')} (or none for ${facts.defaultAccept})`);
}

function label(facts: DeployModelFacts, k: number): number | string {
  const name = facts.classes?.[k];
  if (name === undefined) return k;
  const n = Number(name);
  return name.trim() !== '' && Number.isFinite(n) ? n : name;
}

/** Row `i`'s answer with the fields `facts.fields` names, in that order. */
export function recordAt(facts: DeployModelFacts, inference: Inference, i: number): PredictionRecord {
  const r: PredictionRecord = {};
  const want = { has: (f: keyof PredictionRecord) => facts.fields.includes(f) };
  switch (inference.kind) {
    case 'classification': {
      const K = inference.classes;
      const p = inference.probabilities;
      const n = inference.predictedLabel.length;
      const score = K === 2 ? float32Number(p.length === 2 * n ? p[2 * i + 1] : p[i]) : Array.from(p.subarray(i * K, (i + 1) * K), float32Number);
      if (want.has('score')) r.score = score;
      if (want.has('predicted_label')) r.predicted_label = label(facts, inference.predictedLabel[i]);
      break;
    }
    case 'regression':
      if (want.has('score')) r.score = float32Number(inference.score[i]);
      if (want.has('predicted_label')) r.predicted_label = float32Number(inference.score[i]);
      break;
    case 'anomaly':
      r.score = float32Number(inference.score[i]);
      break;
    case 'clustering':
      r.closest_cluster = inference.closestCluster[i];
      r.distance_to_cluster = float32Number(inference.distanceToCluster[i]);
      break;
    case 'decomposition': {
      const C = inference.components;
      r.projection = Array.from(inference.projection.subarray(i * C, (i + 1) * C), float32Number);
      break;
    }
  }
  return r;
}

/**
 * Row `i`'s CSV fields joined, straight from the inference (what recordCsvFields writes for recordAt's
 * record, without building it: batch transform writes millions of these).
 */
export function csvLineAt(facts: DeployModelFacts, inference: Inference, i: number): string {
  if (inference.kind === 'regression' || inference.kind === 'anomaly') return float32Text(inference.score[i]);
  if (inference.kind === 'classification' && inference.classes === 2 && facts.fields.length === 1 && facts.fields[0] === 'score') {
    const p = inference.probabilities;
    return float32Text(p.length === 2 * inference.predictedLabel.length ? p[2 * i + 1] : p[i]);
  }
  return recordCsvFields(facts, recordAt(facts, inference, i)).join(',');
}

/** The records of rows 0…rows−1. */
export function recordsOf(facts: DeployModelFacts, inference: Inference, rows: number): PredictionRecord[] {
  const out = new Array<PredictionRecord>(rows);
  for (let i = 0; i < rows; i++) out[i] = recordAt(facts, inference, i);
  return out;
}

function cell(v: number | string): string {
  return typeof v === 'string' ? csvField(v) : Number.isNaN(v) ? '' : String(v);
}

/** A record's CSV fields in `facts.fields` order; arrays (class probabilities, projections) spread over several fields. */
export function recordCsvFields(facts: DeployModelFacts, r: PredictionRecord): string[] {
  const out: string[] = [];
  for (const f of facts.fields) {
    const v = r[f];
    if (v === undefined) out.push('');
    else if (Array.isArray(v)) for (const x of v) out.push(cell(x));
    else out.push(cell(v));
  }
  return out;
}

/** The names of the CSV fields recordCsvFields writes (score_1…K, projection_1…C for arrays). */
export function recordCsvHeader(facts: DeployModelFacts, sample: PredictionRecord | undefined): string[] {
  return facts.fields.flatMap((f) => {
    const v = sample?.[f];
    return Array.isArray(v) ? v.map((_, k) => `${f}_${k + 1}`) : [f];
  });
}

/** A record as JSON (NaN as null). */
export function recordJson(r: PredictionRecord): string {
  return JSON.stringify(r);
}

/** What formatResponse returns. */
export interface FormattedResponse {
  body: string;
  contentType: ResponseContentType;
  records: PredictionRecord[];
}

/**
 * The response to a request of `rows` rows in the type `accept` asks for (defaults to the model's). Throws
 * PayloadError 406 for an Accept it cannot write.
 */
export function formatResponse(facts: DeployModelFacts, inference: Inference, rows: number, accept?: string): FormattedResponse {
  const contentType = responseTypeOf(accept, facts);
  const records = recordsOf(facts, inference, rows);
  let body: string;
  if (contentType === 'application/json') body = `{"${responseListKey(facts.kind)}":[${records.map(recordJson).join(',')}]}`;
  else if (contentType === 'application/jsonlines') body = records.map((r) => `${recordJson(r)}\n`).join('');
  else body = records.map((_, i) => `${csvLineAt(facts, inference, i)}\n`).join('');
  return { body, contentType, records };
}
