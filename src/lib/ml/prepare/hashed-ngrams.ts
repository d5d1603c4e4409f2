// Free text as hashed word n-grams: the text is lower-cased (String.prototype.toLowerCase, no locale) and
// split on every run of characters that are neither letters nor digits (Unicode \p{L} and \p{N}); its
// words and pairs of adjacent words ("w1 w2") are hashed with 32-bit FNV-1a over their UTF-8 bytes into
// `buckets` features (`name#0` …, bucket = hash mod buckets) holding counts, or counts over the text's
// number of n-grams (term frequency). Nothing is fitted, so unseen words hash as seen ones do; a missing
// cell gives all zeros. The exported module (deploy/export-runtimes/common.ts) re-states this.
import type { ColumnEncoding } from './types.ts';

/** Buckets per text column unless PrepareOptions.ngramBuckets says otherwise. */
export const DEFAULT_NGRAM_BUCKETS = 64;

/** Most buckets a text column may have. */
export const MAX_NGRAM_BUCKETS = 4096;

export type HashedNgramsEncoding = Extract<ColumnEncoding, { kind: 'hashed-ngrams' }>;

const SEPARATORS = /[^\p{L}\p{N}]+/u;

/** 32-bit FNV-1a of the UTF-8 bytes of `text` (offset basis 0x811c9dc5, prime 0x01000193), unsigned. */
export function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  const byte = (b: number) => { h = Math.imul(h ^ b, 0x01000193); };
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (c < 0x80) byte(c);
    else if (c < 0x800) { byte(0xc0 | (c >> 6)); byte(0x80 | (c & 63)); }
    else if (c < 0x10000) { byte(0xe0 | (c >> 12)); byte(0x80 | ((c >> 6) & 63)); byte(0x80 | (c & 63)); }
    else { byte(0xf0 | (c >> 18)); byte(0x80 | ((c >> 12) & 63)); byte(0x80 | ((c >> 6) & 63)); byte(0x80 | (c & 63)); }
  }
  return h >>> 0;
}

/** The words of `text` then its adjacent word pairs, as hashed (lower-cased; see the file comment). */
export function ngramsOf(text: string): string[] {
  const words = text.toLowerCase().split(SEPARATORS).filter((w) => w !== '');
  const grams = [...words];
  for (let i = 0; i + 1 < words.length; i++) grams.push(`${words[i]} ${words[i + 1]}`);
  return grams;
}

/** Bucket counts (or term frequencies) of one text; all zeros for null or a text without words. */
export function ngramVector(text: string | null, buckets: number, tf: boolean): Float64Array {
  const out = new Float64Array(buckets);
  if (text === null) return out;
  const grams = ngramsOf(text);
  for (const g of grams) out[fnv1a(g) % buckets]++;
  if (tf && grams.length > 0) for (let b = 0; b < buckets; b++) out[b] /= grams.length;
  return out;
}

/** Feature names of a hashed n-gram encoding: `name#0` … */
export function ngramNames(enc: HashedNgramsEncoding): string[] {
  return Array.from({ length: enc.buckets }, (_, b) => `${enc.name}#${b}`);
}

/** One float32 array per bucket for cells `text`. */
export function encodeNgrams(text: readonly (string | null)[], enc: HashedNgramsEncoding): Float32Array[] {
  const out = Array.from({ length: enc.buckets }, () => new Float32Array(text.length));
  for (let i = 0; i < text.length; i++) {
    if (text[i] === null) continue;
    const v = ngramVector(text[i], enc.buckets, enc.tf);
    for (let b = 0; b < enc.buckets; b++) if (v[b] !== 0) out[b][i] = v[b];
  }
  return out;
}
