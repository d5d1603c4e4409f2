// The Schema view's missing-value choices as load options: the file's list (pandas' defaults on or off,
// extra tokens) and, per column, tokens the user wants read as values.
import { DEFAULT_MISSING_TOKENS, type LoadOptions } from '../../lib/data/types.ts';

/** The tokens a column reads as missing under `options` (empty cells always are). */
export function tokensFor(options: LoadOptions, column: string): string[] {
  const own = options.naValuesByColumn?.[column];
  if (own) return [...own];
  return [...(options.defaultNa === false ? [] : DEFAULT_MISSING_TOKENS.filter((t) => t !== '')), ...(options.naValues ?? [])];
}

/** `options` with `token` read as a value (not missing) in `column`. */
export function keepAsValue(options: LoadOptions, column: string, token: string): LoadOptions {
  return { ...options, naValuesByColumn: { ...options.naValuesByColumn, [column]: tokensFor(options, column).filter((t) => t !== token) } };
}

/** `options` with `column` back on the file's list. */
export function resetColumn(options: LoadOptions, column: string): LoadOptions {
  const by = { ...options.naValuesByColumn };
  delete by[column];
  return { ...options, naValuesByColumn: by };
}

/** `options` with the file's list set: pandas' defaults on or off, and extra tokens from comma-separated text. */
export function fileTokens(options: LoadOptions, defaults: boolean, extra: string): LoadOptions {
  const naValues = extra.split(',').map((t) => t.trim()).filter((t) => t !== '');
  return { ...options, defaultNa: defaults, naValues };
}
