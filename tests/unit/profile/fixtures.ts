// Small Arrow columns shaped like the loaders' output (Dictionary<Int32, Utf8> strings, DateMillisecond,
// Float64 with nulls), built directly so these tests do not depend on src/lib/data.
import {
  Bool, DateMillisecond, Dictionary, Float64, Int32, Int64, TimestampMillisecond, TimestampSecond, Utf8, vectorFromArray, type Vector,
} from 'apache-arrow';
import { mulberry32 } from '../../../src/lib/ml/random.ts';

export { mulberry32 };

export const f64 = (values: (number | null)[]): Vector => vectorFromArray(values, new Float64());
export const i32 = (values: (number | null)[]): Vector => vectorFromArray(values, new Int32());
export const i64 = (values: (bigint | null)[]): Vector => vectorFromArray(values, new Int64());
export const bool = (values: (boolean | null)[]): Vector => vectorFromArray(values, new Bool());
export const dict = (values: (string | null)[]): Vector => vectorFromArray(values, new Dictionary(new Utf8(), new Int32()));
export const utf8 = (values: (string | null)[]): Vector => vectorFromArray(values, new Utf8());
export const dateMs = (values: (number | null)[]): Vector =>
  vectorFromArray(values.map((v) => (v === null ? null : new Date(v))), new DateMillisecond());
export const tsMs = (values: (number | null)[]): Vector => vectorFromArray(values, new TimestampMillisecond());
/** Seconds-unit timestamps, given (like every Arrow builder) in epoch milliseconds. */
export const tsSec = (values: (number | null)[]): Vector => vectorFromArray(values, new TimestampSecond());

