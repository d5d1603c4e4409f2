// mlpad's own model files (every algorithm but xgboost, whose file is XGBoost JSON): one JSON envelope
// `{ format: "mlpad-model", algorithm, version, attributes, model }`. The algorithm and version are checked
// on read, so a k-means file given to linear-learner, or a file from a newer mlpad, fails with a sentence.

/** The `format` field of every mlpad model file. */
export const MODEL_FILE_FORMAT = 'mlpad-model';

/** The parsed envelope; `model` is the algorithm's own JSON body. */
export interface ModelFile {
  format: typeof MODEL_FILE_FORMAT;
  /** Registry name of the algorithm that wrote it, e.g. 'kmeans'. */
  algorithm: string;
  /** The algorithm's file version (an integer, starting at 1). */
  version: number;
  /** Free-form string attributes (the feature encoding lives under `mlpad_encoding`). */
  attributes: Record<string, string>;
  model: unknown;
}

/** Thrown for a file that is not the model expected; the message says what it is and what was expected. */
export class ModelFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ModelFileError';
  }
}

/** Writes `body` in the envelope as UTF-8 JSON. */
export function writeModelFile(algorithm: string, version: number, body: unknown, attributes: Record<string, string> = {}): Uint8Array {
  const file: ModelFile = { format: MODEL_FILE_FORMAT, algorithm, version, attributes, model: body };
  return new TextEncoder().encode(JSON.stringify(file));
}

function parse(bytes: Uint8Array | string): unknown {
  const text = typeof bytes === 'string' ? bytes : new TextDecoder().decode(bytes);
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new ModelFileError(`the model file is not JSON (${(e as Error).message})`);
  }
}

/**
 * The registry name of the algorithm a model file belongs to: 'xgboost' for XGBoost JSON (a `learner`
 * object), else the envelope's `algorithm`. Throws ModelFileError for anything else.
 */
export function detectAlgorithm(bytes: Uint8Array | string): string {
  const root = parse(bytes);
  if (typeof root !== 'object' || root === null || Array.isArray(root)) throw new ModelFileError('the model file is not a JSON object');
  const r = root as Record<string, unknown>;
  if (typeof r.learner === 'object' && r.learner !== null) return 'xgboost';
  if (r.format === MODEL_FILE_FORMAT && typeof r.algorithm === 'string') return r.algorithm;
  throw new ModelFileError('the model file is neither an mlpad model (format "mlpad-model") nor an XGBoost JSON model (a "learner" object)');
}

/**
 * Reads an envelope written for `algorithm` at `version` (or earlier: `supported` lists the versions this
 * build reads, defaulting to [version]). Throws ModelFileError naming what the file is instead.
 */
export function readModelFile(bytes: Uint8Array | string, algorithm: string, version: number, supported: readonly number[] = [version]): ModelFile {
  const root = parse(bytes);
  if (typeof root !== 'object' || root === null || Array.isArray(root)) throw new ModelFileError('the model file is not a JSON object');
  const r = root as Record<string, unknown>;
  if (typeof r.learner === 'object' && r.learner !== null) {
    throw new ModelFileError(`the model file is an XGBoost model, not a ${algorithm} model; predict with --algorithm xgboost (or leave --algorithm out)`);
  }
  if (r.format !== MODEL_FILE_FORMAT) throw new ModelFileError(`the model file is not an mlpad model (its "format" is ${JSON.stringify(r.format ?? null)}, expected "${MODEL_FILE_FORMAT}")`);
  if (r.algorithm !== algorithm) {
    throw new ModelFileError(`the model file holds a ${String(r.algorithm)} model, not a ${algorithm} model; predict with --algorithm ${String(r.algorithm)} (or leave --algorithm out)`);
  }
  if (typeof r.version !== 'number' || !supported.includes(r.version)) {
    throw new ModelFileError(`the ${algorithm} model file has version ${JSON.stringify(r.version ?? null)}; this mlpad reads version${supported.length > 1 ? 's' : ''} ${supported.join(', ')}${typeof r.version === 'number' && r.version > version ? ' (it was written by a newer mlpad)' : ''}`);
  }
  const attributes = r.attributes;
  if (typeof attributes !== 'object' || attributes === null || Object.values(attributes).some((v) => typeof v !== 'string')) {
    throw new ModelFileError(`the ${algorithm} model file's "attributes" must be an object of strings`);
  }
  if (typeof r.model !== 'object' || r.model === null) throw new ModelFileError(`the ${algorithm} model file has no "model" object`);
  return r as unknown as ModelFile;
}

/** A finite number from a model body field, or a ModelFileError naming the field. */
export function numberField(body: Record<string, unknown>, key: string, algorithm: string): number {
  const v = body[key];
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new ModelFileError(`the ${algorithm} model file's model.${key} must be a number`);
  return v;
}

/** A Float32Array from a model body field holding `length` numbers (any length when undefined). */
export function floatsField(body: Record<string, unknown>, key: string, algorithm: string, length?: number): Float32Array {
  const v = body[key];
  if (!Array.isArray(v) || v.some((x) => typeof x !== 'number' && x !== null)) throw new ModelFileError(`the ${algorithm} model file's model.${key} must be an array of numbers`);
  if (length !== undefined && v.length !== length) throw new ModelFileError(`the ${algorithm} model file's model.${key} must hold ${length} numbers; it holds ${v.length}`);
  return Float32Array.from(v as (number | null)[], (x) => (x === null ? NaN : x));
}

/** Float32 values as a JSON array that reads back bit-identically (shortest round-trip decimals; NaN as null). */
export function floatsToJson(values: ArrayLike<number>): (number | null)[] {
  const out: (number | null)[] = new Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const x = Math.fround(values[i]);
    if (x !== x) { out[i] = null; continue; }
    let s = x;
    for (let p = 1; p <= 9; p++) {
      const c = Number(x.toPrecision(p));
      if (Math.fround(c) === x) { s = c; break; }
    }
    out[i] = s;
  }
  return out;
}
