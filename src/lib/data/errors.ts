// Turning the engine's failure modes into DataErrors a user can act on.
import { DataError } from './types.ts';

const MB = 1024 * 1024;

export function megabytes(bytes: number): string {
  const mb = bytes / MB;
  return `${mb >= 100 ? Math.round(mb) : mb >= 10 ? mb.toFixed(1) : mb.toFixed(2)} MB`;
}

export function tooLargeError(file: string, bytes: number, limit: number): DataError {
  return new DataError('too-large', file, `the file is ${megabytes(bytes)}, more than the ${megabytes(limit)} this tab can hold. Use a smaller extract (fewer rows or columns) or raise maxBytes.`);
}

/**
 * Whether `e` is the engine running out of memory (a failed ArrayBuffer allocation, a string past V8's
 * length cap) rather than a bug or a malformed file. Out-of-bounds reads are RangeErrors too, and are
 * not matched.
 */
export function isOutOfMemory(e: unknown): boolean {
  if (!(e instanceof RangeError) && !(e instanceof Error && e.name === 'RangeError')) return false;
  return /allocation failed|Invalid (typed )?array( buffer)? length|Invalid string length|Array buffer allocation|maximum size exceeded|out of memory/i.test((e as Error).message);
}

export function outOfMemoryError(file: string, bytes: number): DataError {
  return new DataError('too-large', file, `ran out of memory while reading ${bytes > 0 ? `this ${megabytes(bytes)} file` : 'this file'}. Close other tabs, or use a smaller extract (fewer rows or columns).`);
}

export function cancelledError(file: string): DataError {
  return new DataError('cancelled', file, 'loading was cancelled.');
}
