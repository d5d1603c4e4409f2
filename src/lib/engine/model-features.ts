// A saved model's feature matrix for a table, as `mlpad predict`, the studio and Clarify all read it:
// models trained by mlpad carry their feature encoding (raw columns in, the training encoding out); models
// without one (native XGBoost) take the table's columns by the model's feature names, or every numeric
// column in order when it has none.
import type { Table } from 'apache-arrow';
import type { FeatureMatrix } from '../ml/matrix.ts';
import { parseNumbers } from '../ml/prepare/column-values.ts';
import { encodeFeatures } from '../ml/prepare/index.ts';
import type { FeatureEncoding } from '../ml/prepare/types.ts';
import { buildSchema } from '../profile/schema.ts';

/** Thrown when the data does not fit the model; the message names the file and columns. */
export class ModelDataError extends Error {
  override name = 'ModelDataError';
}

function numericColumn(table: Table, name: string, file: string): Float32Array {
  const parsed = parseNumbers(table.getChild(name)!);
  if (parsed.unparsable > 0 && parsed.example) {
    throw new ModelDataError(`${file}: column ${JSON.stringify(name)} must be numeric but ${parsed.unparsable} cells are not numbers (first: ${JSON.stringify(parsed.example.text)} in data row ${parsed.example.row + 1})`);
  }
  return Float32Array.from(parsed.values);
}

/** Features for a model without an mlpad encoding: columns named by its feature names, else all numeric columns in order. */
export function plainFeatures(table: Table, names: readonly string[], count: number, file: string): FeatureMatrix {
  const columns = table.schema.fields.map((f) => f.name);
  if (names.length > 0) {
    const missing = names.filter((n) => !columns.includes(n));
    if (missing.length > 0) {
      throw new ModelDataError(`${file}: the data lacks feature columns ${missing.map((n) => JSON.stringify(n)).join(', ')} that the model was trained on (the model has no mlpad encoding, so columns are matched by its feature names)`);
    }
    return { features: names.map((n) => numericColumn(table, n, file)), nRows: table.numRows, nCols: names.length, featureNames: [...names] };
  }
  const numeric = buildSchema(table).filter((c) => c.type === 'integer' || c.type === 'float' || c.type === 'boolean').map((c) => c.name);
  if (numeric.length !== count) {
    throw new ModelDataError(`${file}: the model expects ${count} features but the data has ${numeric.length} numeric columns (${numeric.join(', ')}); the model has no feature names, so they must match in number and order`);
  }
  return { features: numeric.map((n) => numericColumn(table, n, file)), nRows: table.numRows, nCols: numeric.length, featureNames: numeric };
}

/** The model's features for `table`: through `encoding` when the model has one, else plainFeatures. */
export function modelFeatures(table: Table, encoding: FeatureEncoding | undefined, names: readonly string[], count: number, file: string): FeatureMatrix {
  let x: FeatureMatrix;
  try {
    x = encoding ? encodeFeatures(table, encoding, { invalidNumbers: 'error' }) : plainFeatures(table, names, count, file);
  } catch (e) {
    if (e instanceof ModelDataError) throw e;
    throw new ModelDataError(`${file}: ${(e as Error).message}`);
  }
  if (x.nCols < count) throw new ModelDataError(`${file}: the data gives ${x.nCols} features but the model was trained on ${count}`);
  return x;
}
