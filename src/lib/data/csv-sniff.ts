// Guessing a CSV's delimiter and whether it has a header, from the first few dozen records. Runs once
// per file on a small sample, so it favours clarity over speed.
import { parseDecimal } from './parse-number.ts';
import { isMissingRange, type MissingTokens } from './missing-tokens.ts';
import { parseIsoDate, parseIsoDateTime } from './string-types.ts';

/** Delimiters tried when none is given, in order of preference on a tie. */
export const CANDIDATE_DELIMITERS = [',', '\t', ';', '|'] as const;

export interface SampleRecord {
  fields: string[];
  /** 1-based physical line where the record starts. */
  line: number;
  /** Offset just past the record's line break. */
  end: number;
}

/**
 * Split `text` into at most `max` records, honouring quotes. Blank lines are skipped. A record that
 * runs to the end of `text` is included only when `complete` (the text is the whole file).
 */
export function splitRecords(text: string, delimiter: string, max: number, complete: boolean, quote = '"'): SampleRecord[] {
  const out: SampleRecord[] = [];
  let i = 0;
  let line = 1;
  const n = text.length;
  while (i < n && out.length < max) {
    const c = text[i];
    if (c === '\n' || c === '\r') {
      i += c === '\r' && text[i + 1] === '\n' ? 2 : 1;
      line++;
      continue;
    }
    const startLine = line;
    const fields: string[] = [];
    let field = '';
    let inQuotes = false;
    let done = false;
    while (i < n) {
      const ch = text[i];
      if (inQuotes) {
        if (ch === quote) {
          if (text[i + 1] === quote) {
            field += quote;
            i += 2;
            continue;
          }
          inQuotes = false;
        } else {
          if (ch === '\n' || (ch === '\r' && text[i + 1] !== '\n')) line++;
          field += ch;
        }
        i++;
      } else if (ch === quote && field === '') {
        inQuotes = true;
        i++;
      } else if (ch === delimiter) {
        fields.push(field);
        field = '';
        i++;
      } else if (ch === '\n' || ch === '\r') {
        i += ch === '\r' && text[i + 1] === '\n' ? 2 : 1;
        line++;
        done = true;
        break;
      } else {
        field += ch;
        i++;
      }
    }
    if (!done && !complete) break;
    fields.push(field);
    out.push({ fields, line: startLine, end: i });
  }
  return out;
}

/** The candidate that splits the sample into the most consistent number of fields (more than one). */
export function sniffDelimiter(sample: string, complete: boolean, quote = '"'): string {
  let best: string = CANDIDATE_DELIMITERS[0];
  let bestScore = 0;
  for (const d of CANDIDATE_DELIMITERS) {
    if (d === quote) continue;
    const records = splitRecords(sample, d, 50, complete, quote);
    if (records.length === 0) continue;
    const counts = new Map<number, number>();
    for (const r of records) counts.set(r.fields.length, (counts.get(r.fields.length) ?? 0) + 1);
    let mode = 1;
    let freq = 0;
    for (const [k, v] of counts) if (v > freq || (v === freq && k > mode)) [mode, freq] = [k, v];
    if (mode < 2) continue;
    // Consistency first, then the number of fields it yields.
    const score = (freq / records.length) * 1000 + Math.min(mode, 999) / 1000;
    if (score > bestScore) [best, bestScore] = [d, score];
  }
  return best;
}

type CellKind = 'missing' | 'number' | 'date' | 'bool' | 'text';

function cellKind(raw: string, missing: MissingTokens): CellKind {
  const t = raw.trim();
  if (t === '' ? missing.empty : isMissingRange(missing, t, 0, t.length)) return 'missing';
  if (t !== '' && !Number.isNaN(parseDecimal(t, 0, t.length))) return 'number';
  if (!Number.isNaN(parseIsoDate(t)) || !Number.isNaN(parseIsoDateTime(t))) return 'date';
  const l = t.toLowerCase();
  return l === 'true' || l === 'false' ? 'bool' : 'text';
}

/**
 * Whether the first record is a header. It is not when it holds a number, date or boolean. It is when
 * some column is text in the first record and mostly typed below. When every cell is text, it is a
 * header unless one of its values repeats in its column below (names rarely reappear as data).
 */
export function sniffHeader(records: readonly SampleRecord[], missing: MissingTokens): boolean {
  if (records.length < 2) return records.length === 1 && records[0].fields.every((f) => cellKind(f, missing) === 'text');
  const first = records[0].fields.map((f) => cellKind(f, missing));
  if (first.some((k) => k !== 'text' && k !== 'missing')) return false;
  const rest = records.slice(1);
  let repeats = false;
  for (let j = 0; j < first.length; j++) {
    let typed = 0;
    let present = 0;
    for (const r of rest) {
      if (j >= r.fields.length) continue;
      const k = cellKind(r.fields[j], missing);
      if (k === 'missing') continue;
      present++;
      if (k !== 'text') typed++;
      else if (r.fields[j] === records[0].fields[j]) repeats = true;
    }
    if (first[j] === 'text' && present > 0 && typed * 2 > present) return true;
  }
  return !repeats;
}
