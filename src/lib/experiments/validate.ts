// Checks at the engine's entry points: each failure is an ExperimentsError whose message names the argument
// and says what to write instead.
import { BLOB_HASH } from '../store/backend.ts';
import type { Tag } from './types.ts';

/** SageMaker's pattern for experiment, trial component and model package group names. */
export const ENTITY_NAME = /^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,119}$/;

/** A bad argument to the experiments, registry or lineage engine; the message says what to fix. */
export class ExperimentsError extends Error {
  override name = 'ExperimentsError';
}

/** A record that should exist does not (unknown experiment, run, package). */
export class NotFoundError extends ExperimentsError {
  override name = 'NotFoundError';
}

/** Throws unless `name` matches SageMaker's name pattern; `what` names the argument ('experiment name'). */
export function checkName(name: unknown, what: string): asserts name is string {
  if (typeof name !== 'string' || !ENTITY_NAME.test(name)) {
    const shown = typeof name === 'string' ? JSON.stringify(name.slice(0, 130)) : String(name);
    throw new ExperimentsError(`${what} ${shown} is not valid: use 1 to 120 letters, digits and dashes, starting and ending with a letter or digit (SageMaker's ^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,119})`);
  }
}

/** Throws unless `tags` is a list of {Key, Value} strings, keys 1–128 characters, values at most 256, keys unique. */
export function checkTags(tags: unknown, what = 'Tags'): asserts tags is Tag[] {
  if (!Array.isArray(tags)) throw new ExperimentsError(`${what} must be a list of {Key, Value}`);
  const seen = new Set<string>();
  for (const t of tags as Tag[]) {
    if (typeof t?.Key !== 'string' || t.Key.length < 1 || t.Key.length > 128) throw new ExperimentsError(`${what}: each Key must be text of 1 to 128 characters`);
    if (typeof t.Value !== 'string' || t.Value.length > 256) throw new ExperimentsError(`${what}: the Value of tag ${JSON.stringify(t.Key)} must be text of at most 256 characters`);
    if (seen.has(t.Key)) throw new ExperimentsError(`${what}: tag ${JSON.stringify(t.Key)} is given twice`);
    seen.add(t.Key);
  }
}

/** Throws unless `hash` is a lower-case hex SHA-256. */
export function checkHash(hash: unknown, what: string): asserts hash is string {
  if (typeof hash !== 'string' || !BLOB_HASH.test(hash)) throw new ExperimentsError(`${what} must be a lower-case hex SHA-256 (64 characters 0-9a-f)`);
}

/** Throws unless `text` is an ISO 8601 time that Date parses; returns it normalised to toISOString(). */
export function checkTime(text: unknown, what: string): string {
  const t = typeof text === 'string' ? Date.parse(text) : NaN;
  if (!Number.isFinite(t)) throw new ExperimentsError(`${what} must be an ISO 8601 time such as 2026-01-31T12:00:00Z; got ${JSON.stringify(text)}`);
  return new Date(t).toISOString();
}

/** Throws unless `value` is a finite number. */
export function checkFinite(value: unknown, what: string): asserts value is number {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new ExperimentsError(`${what} must be a finite number; got ${String(value)}`);
}
