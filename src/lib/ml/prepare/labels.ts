// The target column: which task it implies, its classes in a stable order, and labels as the model
// wants them (class indices for classification, values for regression), plus the way back.
import type { Table, Vector } from 'apache-arrow';
import type { SemanticType } from '../../data/types.ts';
import { isTextStorage, parseNumbers, textCodes, textColumn } from './column-values.ts';
import { PrepareError } from './errors.ts';
import type { FeatureEncoding, Task } from './types.ts';

/** Most distinct integer codes (0…k−1 or 1…k) a numeric target may have and still be read as classes. */
export const MAX_INTEGER_CLASSES = 50;

/** Sorted as numbers when every label is one, else by code point (as Python's sorted() does strings). */
export function sortLabels(labels: Iterable<string>): string[] {
  const all = [...new Set(labels)];
  const numeric = all.every((l) => l.trim() !== '' && Number.isFinite(Number(l)));
  return numeric ? all.sort((a, b) => Number(a) - Number(b)) : all.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

function quoteList(values: readonly string[], max = 10): string {
  const shown = values.slice(0, max).map((v) => JSON.stringify(v)).join(', ');
  return values.length > max ? `${shown}, … (${values.length} in all)` : shown;
}

/** The task a target column implies: text-like types are classes, numbers are classes only when few integer codes. */
export function inferTask(column: Vector, type: SemanticType): Task {
  const numericType = type === 'integer' || type === 'float';
  if (!numericType || isTextStorage(column)) {
    const n = textCodes(column).texts.length;
    if (numericType && isTextStorage(column)) {
      // A numeric-typed text column (an override): regress on it unless it has just two values.
      return n === 2 ? 'binary' : 'regression';
    }
    return n <= 2 ? 'binary' : 'multiclass';
  }
  const values = parseNumbers(column).values;
  const distinct = new Set<number>();
  for (const v of values) if (v === v) distinct.add(v);
  if (distinct.size <= 2) return 'binary';
  const sorted = [...distinct].sort((a, b) => a - b);
  const codes = sorted.every((v, k) => v === sorted[0] + k) && (sorted[0] === 0 || sorted[0] === 1);
  return codes && sorted.length <= MAX_INTEGER_CLASSES ? 'multiclass' : 'regression';
}

/** The target's labels for `task`, NaN where missing, and the classes (classification). */
export interface FittedTarget {
  labels: Float32Array;
  classes?: string[];
}

/**
 * Labels of `column` for `task`. Classes are sorted; for binary the positive class (index 1) is the second
 * in sorted order unless `positiveLabel` names one. Throws PrepareError on one class or an unknown label.
 */
export function fitTarget(column: Vector, target: string, task: Task, positiveLabel?: string): FittedTarget {
  if (task === 'regression') {
    const parsed = parseNumbers(column);
    if (parsed.unparsable > 0 && parsed.example) {
      throw new PrepareError(`target ${JSON.stringify(target)} must be numeric for regression, but ${parsed.unparsable} cell${parsed.unparsable > 1 ? 's are' : ' is'} not a number (first: ${JSON.stringify(parsed.example.text)} in data row ${parsed.example.row + 1})`);
    }
    if (positiveLabel !== undefined) throw new PrepareError(`positiveLabel applies to binary classification; the task is regression`);
    return { labels: Float32Array.from(parsed.values) };
  }
  const { texts, codes } = textCodes(column);
  let classes = sortLabels(texts);
  if (classes.length === 0) throw new PrepareError(`target ${JSON.stringify(target)} has no values`);
  if (classes.length === 1) {
    throw new PrepareError(`target ${JSON.stringify(target)} has only one class (${JSON.stringify(classes[0])}); classification needs at least two`);
  }
  if (task === 'binary') {
    if (classes.length > 2) {
      throw new PrepareError(`target ${JSON.stringify(target)} has ${classes.length} classes (${quoteList(classes)}); binary classification needs exactly two, use multiclass`);
    }
    if (positiveLabel !== undefined) {
      if (!classes.includes(positiveLabel)) {
        throw new PrepareError(`positive label ${JSON.stringify(positiveLabel)} is not a class of target ${JSON.stringify(target)}; its classes are ${quoteList(classes)}`);
      }
      classes = [classes.find((c) => c !== positiveLabel)!, positiveLabel];
    }
  } else if (positiveLabel !== undefined) {
    throw new PrepareError(`positiveLabel applies to binary classification; target ${JSON.stringify(target)} has ${classes.length} classes`);
  }
  const index = new Map(classes.map((c, k) => [c, k]));
  const classOf = Float32Array.from(texts, (t) => index.get(t)!);
  const labels = new Float32Array(codes.length);
  for (let i = 0; i < codes.length; i++) labels[i] = codes[i] < 0 ? NaN : classOf[codes[i]];
  return { labels, classes };
}

/**
 * Labels of `table`'s target column in the model's terms (NaN where missing), for evaluating new data.
 * Throws PrepareError when the column is absent or holds a class the model does not know.
 */
export function encodeLabels(table: Table, encoding: FeatureEncoding): Float32Array {
  if (encoding.target === undefined) throw new PrepareError('the model has no target column');
  const column = table.getChild(encoding.target);
  if (!column) throw new PrepareError(`the data has no target column ${JSON.stringify(encoding.target)}`);
  if (!encoding.classes) {
    const parsed = parseNumbers(column);
    return Float32Array.from(parsed.values);
  }
  const index = new Map(encoding.classes.map((c, k) => [c, k]));
  const text = textColumn(column);
  const labels = new Float32Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const t = text[i];
    if (t === null) { labels[i] = NaN; continue; }
    const k = index.get(t);
    if (k === undefined) {
      throw new PrepareError(`target ${JSON.stringify(encoding.target)} has class ${JSON.stringify(t)} in data row ${i + 1}, which the model was not trained on; its classes are ${quoteList(encoding.classes)}`);
    }
    labels[i] = k;
  }
  return labels;
}

/** Class labels of class indices (rounded; out-of-range indices give ''). */
export function decodeLabels(indices: ArrayLike<number>, classes: readonly string[]): string[] {
  return Array.from({ length: indices.length }, (_, i) => classes[Math.round(indices[i])] ?? '');
}
