// SageMaker's hyperparameter ranges (ContinuousParameterRanges, IntegerParameterRanges,
// CategoricalParameterRanges), checked against an algorithm's schema, and each range's map to and from
// [0, 1], the space the search strategies work in. Scaling follows SageMaker's API reference: Logarithmic
// only for ranges of values > 0; ReverseLogarithmic only for continuous ranges inside 0 <= x < 1; Auto
// resolves to Linear here (SageMaker's Auto may pick a log scale itself; mlpad does not guess).
import { describeRange, HyperparameterError, validateHyperparameters, type HyperparameterSpec } from '../ml/hyperparameters.ts';

/** How a numeric range is searched; defaults to Auto (= Linear in mlpad). */
export type ScalingType = 'Auto' | 'Linear' | 'Logarithmic' | 'ReverseLogarithmic';

/** A float hyperparameter's range, as SageMaker's ContinuousParameterRange. */
export interface ContinuousParameterRange {
  Name: string;
  /** Lowest value searched (SageMaker sends numbers as strings; both are accepted). */
  MinValue: number | string;
  /** Highest value searched. */
  MaxValue: number | string;
  /** Defaults to Auto (Linear). */
  ScalingType?: ScalingType;
}

/** An integer hyperparameter's range, as SageMaker's IntegerParameterRange (ReverseLogarithmic is refused, as SageMaker does). */
export interface IntegerParameterRange {
  Name: string;
  MinValue: number | string;
  MaxValue: number | string;
  /** Defaults to Auto (Linear). */
  ScalingType?: ScalingType;
}

/** A set of values to choose from, as SageMaker's CategoricalParameterRange. */
export interface CategoricalParameterRange {
  Name: string;
  Values: readonly string[];
}

/** SageMaker's ParameterRanges; each list defaults to empty. */
export interface ParameterRanges {
  ContinuousParameterRanges?: readonly ContinuousParameterRange[];
  IntegerParameterRanges?: readonly IntegerParameterRange[];
  CategoricalParameterRanges?: readonly CategoricalParameterRange[];
}

/** One checked dimension of the search space, by the hyperparameter's canonical name. */
export type SearchDimension =
  | { kind: 'continuous' | 'integer'; name: string; min: number; max: number; scaling: 'Linear' | 'Logarithmic' | 'ReverseLogarithmic' }
  | { kind: 'categorical'; name: string; values: readonly string[] };

/** A value of one dimension: a number (continuous, integer) or one of the categorical values. */
export type DimensionValue = number | string;

function bound(name: string, which: 'MinValue' | 'MaxValue', raw: number | string): number {
  const v = typeof raw === 'number' ? raw : raw.trim() === '' ? NaN : Number(raw);
  if (!Number.isFinite(v)) throw new HyperparameterError(name, `the range of ${name} needs a numeric ${which}; got ${JSON.stringify(raw)}`);
  return v;
}

function specOf(schema: readonly HyperparameterSpec[], name: string): HyperparameterSpec {
  const spec = schema.find((s) => s.name === name || s.aliases?.includes(name));
  if (!spec) {
    throw new HyperparameterError(name, `cannot tune ${JSON.stringify(name)}: the algorithm has no such hyperparameter; tunable ones are ${schema.map((s) => s.name).join(', ')}`);
  }
  return spec;
}

function numericDimension(schema: readonly HyperparameterSpec[], r: ContinuousParameterRange, kind: 'continuous' | 'integer'): SearchDimension {
  const spec = specOf(schema, r.Name);
  const name = spec.name;
  const list = kind === 'continuous' ? 'ContinuousParameterRanges' : 'IntegerParameterRanges';
  if (spec.type === 'enum' || spec.type === 'bool') {
    throw new HyperparameterError(name, `${name} takes ${spec.type === 'bool' ? 'true or false' : `one of ${(spec.values ?? []).join(', ')}`}, not numbers: give it as a categorical range (CategoricalParameterRanges, or --range ${name}=a,b)`);
  }
  if (kind === 'continuous' && spec.type === 'int') {
    throw new HyperparameterError(name, `${name} is an integer hyperparameter: give it as an IntegerParameterRange, not in ${list}`);
  }
  const min = bound(name, 'MinValue', r.MinValue);
  const max = bound(name, 'MaxValue', r.MaxValue);
  if (kind === 'integer' && (!Number.isInteger(min) || !Number.isInteger(max))) {
    throw new HyperparameterError(name, `the integer range of ${name} needs whole-number bounds; got ${min}:${max}`);
  }
  if (!(min < max)) throw new HyperparameterError(name, `the range of ${name} needs MinValue < MaxValue; got ${min}:${max} (to fix ${name} at one value, give it as a static hyperparameter instead)`);
  for (const v of [min, max]) {
    try { validateHyperparameters([spec], { [name]: v }); } catch {
      throw new HyperparameterError(name, `the range ${min}:${max} of ${name} leaves its valid range ${describeRange(spec)}; choose bounds inside it`);
    }
  }
  const scaling = r.ScalingType === undefined || r.ScalingType === 'Auto' ? 'Linear' : r.ScalingType;
  if (scaling !== 'Linear' && scaling !== 'Logarithmic' && scaling !== 'ReverseLogarithmic') {
    throw new HyperparameterError(name, `ScalingType of ${name} must be Auto, Linear, Logarithmic or ReverseLogarithmic; got ${JSON.stringify(r.ScalingType)}`);
  }
  if (scaling === 'Logarithmic' && !(min > 0)) {
    throw new HyperparameterError(name, `a logarithmic range needs values > 0, but the range of ${name} (${min}:${max}) includes ${min <= 0 && max >= 0 ? '0' : 'values ≤ 0'}; raise MinValue above 0 or use Linear scaling`);
  }
  if (scaling === 'ReverseLogarithmic') {
    if (kind === 'integer') throw new HyperparameterError(name, `ReverseLogarithmic scaling is for continuous ranges only (as in SageMaker); use Linear or Logarithmic for ${name}`);
    if (!(min >= 0 && max < 1)) throw new HyperparameterError(name, `a reverse-logarithmic range must lie within 0 <= x < 1, but the range of ${name} is ${min}:${max}; use Linear or Logarithmic scaling`);
  }
  return { kind, name, min, max, scaling };
}

function categoricalDimension(schema: readonly HyperparameterSpec[], r: CategoricalParameterRange): SearchDimension {
  const spec = specOf(schema, r.Name);
  const name = spec.name;
  const values = [...new Set(r.Values.map((v) => String(v).trim()))];
  if (values.length === 0 || values.some((v) => v === '')) throw new HyperparameterError(name, `the categorical range of ${name} needs at least one non-empty value`);
  for (const v of values) {
    try { validateHyperparameters([spec], { [name]: v }); } catch (e) {
      throw new HyperparameterError(name, `the categorical range of ${name} has a value the algorithm refuses: ${(e as Error).message}`);
    }
  }
  return { kind: 'categorical', name, values };
}

/**
 * The search space of `ranges` for an algorithm with `schema`, one dimension per hyperparameter, in the
 * order continuous, integer, categorical. Throws HyperparameterError naming the parameter, its valid
 * range and what to do for an unknown name, a range outside the valid range, a log range that includes 0,
 * an integer range with fractional bounds, a value the schema refuses or a name given twice.
 */
export function searchSpace(schema: readonly HyperparameterSpec[], ranges: ParameterRanges): SearchDimension[] {
  const dims = [
    ...(ranges.ContinuousParameterRanges ?? []).map((r) => numericDimension(schema, r, 'continuous')),
    ...(ranges.IntegerParameterRanges ?? []).map((r) => numericDimension(schema, r, 'integer')),
    ...(ranges.CategoricalParameterRanges ?? []).map((r) => categoricalDimension(schema, r)),
  ];
  const seen = new Set<string>();
  for (const d of dims) {
    if (seen.has(d.name)) throw new HyperparameterError(d.name, `${d.name} has more than one range; give it one`);
    seen.add(d.name);
  }
  if (dims.length === 0) throw new RangeError('a tuning job needs at least one hyperparameter range (e.g. --range eta=0.01:0.3:log)');
  return dims;
}

const clamp01 = (u: number) => Math.min(1, Math.max(0, u));

/** Where `value` lies in [0, 1] on the dimension's scale (categorical: its index spread over [0, 1]; integers at their own value). */
export function toUnit(dim: SearchDimension, value: DimensionValue): number {
  if (dim.kind === 'categorical') {
    const i = dim.values.indexOf(String(value));
    if (i < 0) throw new RangeError(`${JSON.stringify(value)} is not one of the values of ${dim.name}: ${dim.values.join(', ')}`);
    return dim.values.length === 1 ? 0 : i / (dim.values.length - 1);
  }
  const x = Number(value);
  // Integers own the interval [k − ½, k + ½], so each integer of the range is equally likely when sampled.
  const [lo, hi] = dim.kind === 'integer' ? [dim.min - 0.5, dim.max + 0.5] : [dim.min, dim.max];
  switch (dim.scaling) {
    case 'Linear': return clamp01((x - lo) / (hi - lo));
    case 'Logarithmic': return clamp01(Math.log(x / lo) / Math.log(hi / lo));
    case 'ReverseLogarithmic': return clamp01(Math.log((1 - lo) / (1 - x)) / Math.log((1 - lo) / (1 - hi)));
  }
}

/** The value at `u` ∈ [0, 1] on the dimension's scale (integers rounded, categorical values by index). */
export function fromUnit(dim: SearchDimension, u: number): DimensionValue {
  const t = clamp01(u);
  if (dim.kind === 'categorical') return dim.values[Math.min(dim.values.length - 1, Math.floor(t * dim.values.length))];
  const [lo, hi] = dim.kind === 'integer' ? [dim.min - 0.5, dim.max + 0.5] : [dim.min, dim.max];
  let x: number;
  switch (dim.scaling) {
    case 'Linear': x = lo + t * (hi - lo); break;
    case 'Logarithmic': x = lo * Math.pow(hi / lo, t); break;
    // Dense near 1: equal steps of log(1 − x).
    case 'ReverseLogarithmic': x = 1 - (1 - lo) * Math.pow((1 - hi) / (1 - lo), t); break;
  }
  if (dim.kind === 'integer') return Math.min(dim.max, Math.max(dim.min, Math.round(x)));
  return Math.min(dim.max, Math.max(dim.min, x));
}

/** A point of the space as hyperparameters: the dimension values by name. */
export type TunedValues = Record<string, DimensionValue>;

/** Hyperparameters as SageMaker records them (TunedHyperParameters): every value as text. */
export function asText(values: TunedValues): Record<string, string> {
  return Object.fromEntries(Object.entries(values).map(([k, v]) => [k, String(v)]));
}

/** The number of points of a categorical-only space (Grid's job count); Infinity if any dimension is numeric. */
export function gridSize(space: readonly SearchDimension[]): number {
  return space.reduce((n, d) => (d.kind === 'categorical' ? n * d.values.length : Infinity), 1);
}
