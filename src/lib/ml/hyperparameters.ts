// Hyperparameter schemas and their validation. Values arrive as strings (CLI flags, URL state, SageMaker
// job JSON) or typed (UI forms); each is checked against its schema entry and any failure becomes a
// sentence that names the parameter and its valid range.

export type HyperparameterType = 'int' | 'float' | 'enum' | 'bool';
export type HyperparameterValue = number | string | boolean;
export type RawHyperparameters = Record<string, HyperparameterValue>;
/** Validated values keyed by canonical name; `null` where a parameter is unset and has no default. */
export type ResolvedHyperparameters = Record<string, HyperparameterValue | null>;

/** One accepted hyperparameter. */
export interface HyperparameterSpec {
  /** Canonical name (the one XGBoost and SageMaker document). */
  name: string;
  /** Name in SageMaker's built-in algorithm (equal to `name` for XGBoost). */
  sagemakerName: string;
  type: HyperparameterType;
  /** Value used when the parameter is not given; null means "unset" (optional, no default). */
  default: HyperparameterValue | null;
  /** Lower bound for int/float; defaults to unbounded. */
  min?: number;
  /** Whether `min` itself is allowed; defaults to true. */
  minInclusive?: boolean;
  /** Upper bound for int/float; defaults to unbounded. */
  max?: number;
  /** Whether `max` itself is allowed; defaults to true. */
  maxInclusive?: boolean;
  /** Allowed values of an enum. */
  values?: readonly string[];
  /** For an enum: accept a comma-separated list of values (e.g. eval_metric); defaults to false. */
  list?: boolean;
  /** Other accepted spellings (XGBoost aliases such as learning_rate for eta). */
  aliases?: readonly string[];
  /** One line of help for forms and `--help`. */
  help: string;
}

/** A hyperparameter the user got wrong; `parameter` names it for the form to highlight. */
export class HyperparameterError extends RangeError {
  constructor(readonly parameter: string, message: string) {
    super(message);
    this.name = 'HyperparameterError';
  }
}

/** The valid range of a numeric spec as text, e.g. `(0, 1]` or `[0, ∞)`. */
export function describeRange(spec: HyperparameterSpec): string {
  const lo = spec.min === undefined ? '(-∞' : `${spec.minInclusive === false ? '(' : '['}${spec.min}`;
  const hi = spec.max === undefined ? '∞)' : `${spec.max}${spec.maxInclusive === false ? ')' : ']'}`;
  return `${lo}, ${hi}`;
}

function inRange(spec: HyperparameterSpec, v: number): boolean {
  if (spec.min !== undefined && (spec.minInclusive === false ? !(v > spec.min) : !(v >= spec.min))) return false;
  if (spec.max !== undefined && (spec.maxInclusive === false ? !(v < spec.max) : !(v <= spec.max))) return false;
  return true;
}

function show(raw: HyperparameterValue): string {
  return typeof raw === 'string' ? JSON.stringify(raw) : String(raw);
}

function parseNumber(spec: HyperparameterSpec, raw: HyperparameterValue): number {
  const kind = spec.type === 'int' ? 'an integer' : 'a number';
  const what = `${spec.name} must be ${kind} in ${describeRange(spec)}; got ${show(raw)}`;
  let v: number;
  if (typeof raw === 'number') v = raw;
  else if (typeof raw === 'string' && raw.trim() !== '') v = Number(raw.trim());
  else throw new HyperparameterError(spec.name, what);
  if (Number.isNaN(v) || (spec.type === 'int' && !Number.isInteger(v))) throw new HyperparameterError(spec.name, what);
  if (!inRange(spec, v)) {
    throw new HyperparameterError(spec.name, `${spec.name} must be ${spec.type === 'int' ? 'an integer ' : ''}in ${describeRange(spec)}; got ${show(raw)}`);
  }
  return v;
}

function parseBool(spec: HyperparameterSpec, raw: HyperparameterValue): boolean {
  if (typeof raw === 'boolean') return raw;
  const s = String(raw).trim().toLowerCase();
  if (s === 'true' || s === '1') return true;
  if (s === 'false' || s === '0') return false;
  throw new HyperparameterError(spec.name, `${spec.name} must be true or false; got ${show(raw)}`);
}

function parseEnum(spec: HyperparameterSpec, raw: HyperparameterValue): string {
  const values = spec.values ?? [];
  const items = spec.list ? String(raw).split(',').map((s) => s.trim()).filter((s) => s !== '') : [String(raw).trim()];
  if (items.length === 0) throw new HyperparameterError(spec.name, `${spec.name} must be one of ${values.join(', ')}; got ${show(raw)}`);
  for (const item of items) {
    if (!values.includes(item)) {
      const hint = closest(item, values);
      throw new HyperparameterError(spec.name,
        `${spec.name} must be ${spec.list ? 'a comma-separated list of' : 'one of'} ${values.join(', ')}; got ${show(item)}${hint ? ` (did you mean "${hint}"?)` : ''}`);
    }
  }
  return items.join(',');
}

/** Levenshtein distance, for "did you mean" hints. */
function editDistance(a: string, b: string): number {
  const prev = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0];
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j];
      prev[j] = Math.min(prev[j] + 1, prev[j - 1] + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return prev[b.length];
}

function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestD = Infinity;
  for (const c of candidates) {
    const d = editDistance(word.toLowerCase(), c.toLowerCase());
    if (d < bestD) { bestD = d; best = c; }
  }
  return bestD <= Math.max(2, Math.floor(word.length / 3)) ? best : undefined;
}

/**
 * Checks `raw` against `schema` and returns every parameter by canonical name: the given value parsed
 * to its type, else the default. Aliases map to their canonical name; giving both is an error.
 * Throws HyperparameterError, e.g. `eta must be in (0, 1]; got -1` or
 * `unknown hyperparameter "etaa" (did you mean "eta"?)`.
 */
export function validateHyperparameters(schema: readonly HyperparameterSpec[], raw: RawHyperparameters): ResolvedHyperparameters {
  const byName = new Map<string, HyperparameterSpec>();
  for (const spec of schema) {
    byName.set(spec.name, spec);
    for (const alias of spec.aliases ?? []) byName.set(alias, spec);
  }
  const out: ResolvedHyperparameters = {};
  for (const spec of schema) out[spec.name] = spec.default;
  const seen = new Map<string, string>();
  for (const [key, value] of Object.entries(raw)) {
    const spec = byName.get(key);
    if (!spec) {
      const hint = closest(key, [...byName.keys()]);
      throw new HyperparameterError(key, `unknown hyperparameter ${JSON.stringify(key)}${hint ? ` (did you mean "${hint}"?)` : ''}`);
    }
    const earlier = seen.get(spec.name);
    if (earlier !== undefined) {
      throw new HyperparameterError(spec.name, `${spec.name} is given twice (as "${earlier}" and "${key}"); give it once`);
    }
    seen.set(spec.name, key);
    switch (spec.type) {
      case 'int': case 'float': out[spec.name] = parseNumber(spec, value); break;
      case 'bool': out[spec.name] = parseBool(spec, value); break;
      case 'enum': out[spec.name] = parseEnum(spec, value); break;
    }
  }
  return out;
}
