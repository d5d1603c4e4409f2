// The JSONPath subset SageMaker batch transform takes for input_filter and output_filter: `$` (everything),
// `$[i]`, `$[i,j,...]`, `$[a:b]` with negative indices and open ends (mixable: `$[0,5:]`), and names
// `$['a','b']` / `$["a"]` / `$.a`. A filter selects columns of a row: by position in a CSV row, by name in
// a record. Parse errors name the spec and the 1-based position of the problem.

/** One selector inside brackets: an index or a slice (end exclusive; null = open). */
export type FilterItem = { kind: 'index'; index: number } | { kind: 'slice'; start: number | null; end: number | null };

/** A parsed filter. */
export type ColumnFilter =
  | { kind: 'all' }
  | { kind: 'positions'; items: FilterItem[] }
  | { kind: 'names'; names: string[] };

/** A filter that does not parse, or does not fit the columns it is applied to. */
export class FilterError extends Error {
  override name = 'FilterError';
}

/** Longest filter accepted (SageMaker's limit is 63 characters; names may need more here). */
const MAX_SPEC = 1000;

/** Parses `spec`; `what` names it in errors (e.g. "input_filter"). */
export function parseFilter(spec: string, what = 'filter'): ColumnFilter {
  if (typeof spec !== 'string') throw new FilterError(`${what} must be a JSONPath string such as "$", "$[1:]" or "$['id','score']"`);
  const s = spec.trim();
  if (s.length > MAX_SPEC) throw new FilterError(`${what} is longer than ${MAX_SPEC} characters`);
  const fail = (pos: number, why: string) => new FilterError(`${what} ${JSON.stringify(spec)}: ${why} at position ${pos + 1}; write "$", "$[1:]", "$[0,-1]", "$['a','b']" or "$.a"`);
  if (s[0] !== '$') throw fail(0, 'expected "$"');
  if (s.length === 1) return { kind: 'all' };
  if (s[1] === '.') {
    const name = s.slice(2);
    if (!/^[A-Za-z_][\w-]*$/.test(name)) throw fail(2, 'expected a name of letters, digits, _ or - after "$." (use $[\'name\'] for others)');
    return { kind: 'names', names: [name] };
  }
  if (s[1] !== '[') throw fail(1, 'expected "[" or "."');
  if (s[s.length - 1] !== ']') throw fail(s.length - 1, 'expected "]" at the end');
  let i = 2;
  const skip = () => { while (s[i] === ' ') i++; };
  const int = (): number | null => {
    skip();
    const m = /^-?\d+/.exec(s.slice(i));
    if (!m) return null;
    i += m[0].length;
    const v = Number(m[0]);
    if (!Number.isSafeInteger(v)) throw fail(i - m[0].length, 'index too large');
    return v;
  };
  skip();
  if (s[i] === "'" || s[i] === '"') {
    const names: string[] = [];
    for (;;) {
      skip();
      const q = s[i];
      if (q !== "'" && q !== '"') throw fail(i, 'expected a quoted name');
      const end = s.indexOf(q, i + 1);
      if (end < 0) throw fail(i, 'a quoted name is never closed');
      names.push(s.slice(i + 1, end));
      i = end + 1;
      skip();
      if (s[i] === ',') { i++; continue; }
      if (i === s.length - 1) return { kind: 'names', names };
      throw fail(i, 'expected "," or "]"');
    }
  }
  const items: FilterItem[] = [];
  for (;;) {
    const startPos = i;
    const a = int();
    skip();
    if (s[i] === ':') {
      i++;
      const b = int();
      skip();
      if (s[i] === ':') throw fail(i, 'slice steps are not supported');
      items.push({ kind: 'slice', start: a, end: b });
    } else if (a === null) {
      throw fail(startPos, s[i] === '*' ? 'wildcards are not supported' : 'expected an index, a slice or a quoted name');
    } else items.push({ kind: 'index', index: a });
    skip();
    if (s[i] === ',') { i++; continue; }
    if (i === s.length - 1) return { kind: 'positions', items };
    throw fail(i, 'expected "," or "]"');
  }
}

/**
 * The positions (in order, duplicates kept) that `filter` selects from `columns`. Out-of-range indices and
 * unknown names are FilterErrors naming the columns there are, as SageMaker fails the job on them.
 */
export function selectColumns(filter: ColumnFilter, columns: readonly string[], what = 'filter'): number[] {
  const n = columns.length;
  switch (filter.kind) {
    case 'all': return columns.map((_, j) => j);
    case 'names': return filter.names.map((name) => {
      const j = columns.indexOf(name);
      if (j < 0) throw new FilterError(`${what}: there is no column ${JSON.stringify(name)}; the columns are ${columns.map((c) => JSON.stringify(c)).join(', ')}`);
      return j;
    });
    case 'positions': {
      const out: number[] = [];
      for (const item of filter.items) {
        if (item.kind === 'index') {
          const j = item.index < 0 ? n + item.index : item.index;
          if (j < 0 || j >= n) throw new FilterError(`${what}: index ${item.index} is outside the ${n} columns (0…${n - 1}, or −1…−${n} from the end)`);
          out.push(j);
        } else {
          const clamp = (v: number) => Math.min(n, Math.max(0, v < 0 ? n + v : v));
          const a = item.start === null ? 0 : clamp(item.start);
          const b = item.end === null ? n : clamp(item.end);
          for (let j = a; j < b; j++) out.push(j);
        }
      }
      return out;
    }
  }
}
