// A second file (a validation or test set) encoded as the training data was: the same feature columns and
// categories, the same imputation, and the target's rows without a value dropped with a note.
import type { Table } from 'apache-arrow';
import type { FitData } from '../matrix.ts';
import { gatherSparseRows } from '../sparse.ts';
import { encodeFeatures } from './encode-columns.ts';
import { PrepareError } from './errors.ts';
import { encodeLabels } from './labels.ts';
import type { FeatureEncoding } from './types.ts';

/** The encoded rows of `table` and their table row numbers (0-based). */
export interface HeldOutData {
  data: FitData;
  rows: Uint32Array;
}

/** Encodes `table` (the `what` set, e.g. "validation") with `encoding`; notes go to `notes`. */
export function encodeHeldOut(table: Table, encoding: FeatureEncoding, what: string, notes: string[], invalidNumbers: 'error' | 'missing'): HeldOutData {
  try {
    return encode(table, encoding, what, notes, invalidNumbers);
  } catch (e) {
    // A bad cell or a missing column is the file's problem: name the file.
    if (e instanceof PrepareError && !e.message.startsWith(`${what}`)) throw new PrepareError(`${what}: ${e.message}`);
    throw e;
  }
}

function encode(table: Table, encoding: FeatureEncoding, what: string, notes: string[], invalidNumbers: 'error' | 'missing'): HeldOutData {
  const x = encodeFeatures(table, encoding, { invalidNumbers, onNote: (n) => notes.push(`${what}: ${n}`) });
  const cols = x.features as Float32Array[];
  if (encoding.target === undefined || table.getChild(encoding.target) === null) {
    if (encoding.target !== undefined) throw new PrepareError(`${what} has no target column ${JSON.stringify(encoding.target)}`);
    return { data: x, rows: Uint32Array.from({ length: x.nRows }, (_, i) => i) };
  }
  const labels = encodeLabels(table, encoding);
  const keep: number[] = [];
  for (let i = 0; i < labels.length; i++) if (labels[i] === labels[i]) keep.push(i);
  if (keep.length === 0) throw new PrepareError(`${what} has no rows with a value in target ${JSON.stringify(encoding.target)}`);
  if (keep.length < labels.length) notes.push(`${what}: ${labels.length - keep.length} rows with a missing target were dropped`);
  const pick = (a: Float32Array) => Float32Array.from(keep, (i) => a[i]);
  const matrix = x.sparse ? { features: [], sparse: gatherSparseRows(x.sparse, keep) } : { features: cols.map(pick) };
  return {
    data: { ...matrix, nRows: keep.length, nCols: x.nCols, featureNames: x.featureNames, labels: pick(labels) },
    rows: Uint32Array.from(keep),
  };
}
