// The feature encoding travels inside the XGBoost JSON model as the learner attribute `mlpad_encoding`
// (a JSON string): native XGBoost keeps string attributes on load and save, so a model round-trips
// through Python and still predicts from raw columns in mlpad.
import { DATE_PARTS } from './date-parts.ts';
import { PrepareError } from './errors.ts';
import { MAX_NGRAM_BUCKETS } from './hashed-ngrams.ts';
import type { ColumnEncoding, FeatureEncoding } from './types.ts';

/** Learner attribute holding the encoding. */
export const ENCODING_ATTRIBUTE = 'mlpad_encoding';

/** A model object with XGBoost's free-form attributes (XGBoostModel has them). */
export interface WithAttributes {
  attributes: Record<string, string>;
}

/** Stores `encoding` in `model.attributes` (in place) and returns the model. */
export function attachEncoding<M extends WithAttributes>(model: M, encoding: FeatureEncoding): M {
  model.attributes[ENCODING_ATTRIBUTE] = JSON.stringify(encoding);
  return model;
}

/** Adds the encoding attribute to XGBoost JSON model text or bytes; returns the new text. */
export function attachEncodingToJson(modelJson: string | Uint8Array, encoding: FeatureEncoding): string {
  const root = parseModel(modelJson);
  const learner = root.learner as Record<string, unknown>;
  learner.attributes = { ...(learner.attributes as Record<string, string> | undefined), [ENCODING_ATTRIBUTE]: JSON.stringify(encoding) };
  return JSON.stringify(root);
}

function parseModel(modelJson: string | Uint8Array): Record<string, unknown> {
  const text = typeof modelJson === 'string' ? modelJson : new TextDecoder().decode(modelJson);
  let root: unknown;
  try { root = JSON.parse(text); } catch (e) { throw new PrepareError(`the model file is not JSON (${(e as Error).message})`); }
  if (typeof root !== 'object' || root === null || typeof (root as Record<string, unknown>).learner !== 'object') {
    throw new PrepareError('the model file is not an XGBoost JSON model (no "learner" object)');
  }
  return root as Record<string, unknown>;
}

const KINDS = new Set(['numeric', 'boolean', 'datetime', 'one-hot', 'ordinal', 'target-encoding', 'date-parts', 'hashed-ngrams', 'scaled']);

const isNumbers = (v: unknown, n?: number) => Array.isArray(v) && (n === undefined || v.length === n) && v.every((x) => typeof x === 'number');

/** Why the fields of a column of the autopilot kinds are unusable, or undefined when they are fine. */
function badFields(c: ColumnEncoding): string | undefined {
  switch (c.kind) {
    case 'target-encoding': {
      const outputs = c.classes === undefined ? 1 : Array.isArray(c.classes) ? c.classes.length : 0;
      if (!Array.isArray(c.categories) || outputs < 1 || !isNumbers(c.prior, outputs) || !isNumbers(c.values, c.categories.length * outputs) || typeof c.smoothing !== 'number') {
        return 'needs categories, one prior per output and one value per category and output';
      }
      return undefined;
    }
    case 'date-parts':
      return Array.isArray(c.parts) && c.parts.length > 0 && c.parts.every((p) => DATE_PARTS.includes(p)) ? undefined : `needs parts among ${DATE_PARTS.join(', ')}`;
    case 'hashed-ngrams':
      return Number.isInteger(c.buckets) && c.buckets >= 1 && c.buckets <= MAX_NGRAM_BUCKETS && typeof c.tf === 'boolean' ? undefined : `needs buckets from 1 to ${MAX_NGRAM_BUCKETS} and tf true or false`;
    case 'scaled':
      return typeof c.mean === 'number' && typeof c.std === 'number' && c.std > 0 ? undefined : 'needs a mean and a positive std';
    default: return undefined;
  }
}

function checkEncoding(v: unknown): FeatureEncoding {
  const bad = (why: string) => new PrepareError(`the model's ${ENCODING_ATTRIBUTE} attribute is not a valid encoding: ${why}`);
  if (typeof v !== 'object' || v === null) throw bad('not an object');
  const e = v as Record<string, unknown>;
  if (!Array.isArray(e.columns) || !Array.isArray(e.featureNames)) throw bad('columns and featureNames are required');
  if (e.target !== undefined && typeof e.target !== 'string') throw bad('target must be a column name');
  if (e.target !== undefined && e.task !== 'binary' && e.task !== 'multiclass' && e.task !== 'regression') throw bad(`unknown task ${JSON.stringify(e.task)}`);
  if (e.impute !== undefined && (!Array.isArray(e.impute) || e.impute.length !== e.featureNames.length || e.impute.some((v) => typeof v !== 'number'))) {
    throw bad('impute must hold one number per feature');
  }
  for (const c of e.columns as ColumnEncoding[]) {
    if (typeof c?.name !== 'string' || !KINDS.has(c.kind)) throw bad(`column ${JSON.stringify(c)} has no name or an unknown kind`);
    if ((c.kind === 'one-hot' || c.kind === 'ordinal') && !Array.isArray(c.categories)) throw bad(`column ${JSON.stringify(c.name)} lacks its categories`);
    const why = badFields(c);
    if (why) throw bad(`column ${JSON.stringify(c.name)} (${c.kind}) ${why}`);
  }
  if ((e.task === 'binary' || e.task === 'multiclass') && !Array.isArray(e.classes)) throw bad('classification encodings need classes');
  return e as unknown as FeatureEncoding;
}

/** The encoding in a model's string attributes (any algorithm's); undefined when it has none. */
export function encodingFromAttributes(attributes: Record<string, string> | undefined): FeatureEncoding | undefined {
  return readEncoding({ attributes: attributes ?? {} });
}

/**
 * The encoding stored in a model: from a model object's attributes, or from XGBoost JSON text/bytes.
 * Undefined when the model has none (e.g. trained natively).
 */
export function readEncoding(model: WithAttributes | string | Uint8Array): FeatureEncoding | undefined {
  let raw: unknown;
  if (typeof model === 'string' || model instanceof Uint8Array) {
    const learner = parseModel(model).learner as Record<string, unknown>;
    raw = (learner.attributes as Record<string, unknown> | undefined)?.[ENCODING_ATTRIBUTE];
  } else {
    raw = model.attributes?.[ENCODING_ATTRIBUTE];
  }
  if (raw === undefined) return undefined;
  if (typeof raw !== 'string') throw new PrepareError(`the model's ${ENCODING_ATTRIBUTE} attribute must be a string`);
  let parsed: unknown;
  try { parsed = JSON.parse(raw); } catch { throw new PrepareError(`the model's ${ENCODING_ATTRIBUTE} attribute is not JSON`); }
  return checkEncoding(parsed);
}
