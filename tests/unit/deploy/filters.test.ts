// SageMaker batch transform's JSONPath subset: what each form selects, and parse errors naming the spec and position.
import { describe, expect, it } from 'vitest';
import { FilterError, parseFilter, selectColumns } from '../../../src/lib/deploy/filters.ts';

const COLS = ['id', 'a', 'b', 'c', 'score'];
const pick = (spec: string) => selectColumns(parseFilter(spec, 'input_filter'), COLS, 'input_filter').map((j) => COLS[j]);

describe('parseFilter + selectColumns', () => {
  it('"$" selects every column in order', () => expect(pick('$')).toEqual(COLS));
  it('"$[i]" and "$[i,j,...]" select by position, negative from the end', () => {
    expect(pick('$[0]')).toEqual(['id']);
    expect(pick('$[-1]')).toEqual(['score']);
    expect(pick('$[0, -1]')).toEqual(['id', 'score']);
    expect(pick('$[2,0]')).toEqual(['b', 'id']);
  });
  it('"$[a:b]" slices with open ends and negative bounds, end exclusive', () => {
    expect(pick('$[1:]')).toEqual(['a', 'b', 'c', 'score']);
    expect(pick('$[:2]')).toEqual(['id', 'a']);
    expect(pick('$[1:-1]')).toEqual(['a', 'b', 'c']);
    expect(pick('$[-2:]')).toEqual(['c', 'score']);
    expect(pick('$[3:1]')).toEqual([]);
    expect(pick('$[0,3:]')).toEqual(['id', 'c', 'score']);
    expect(pick('$[:100]')).toEqual(COLS);
  });
  it('names: "$[\'a\',\'b\']", double quotes, and "$.a"', () => {
    expect(pick("$['id','score']")).toEqual(['id', 'score']);
    expect(pick('$["b"]')).toEqual(['b']);
    expect(pick('$.c')).toEqual(['c']);
    expect(selectColumns(parseFilter("$['odd, name']"), ['odd, name'])).toEqual([0]);
  });
  it('parse errors name the spec and the 1-based position', () => {
    const cases: [string, RegExp][] = [
      ['', /input_filter "": expected "\$" at position 1/],
      ['[1]', /input_filter "\[1\]": expected "\$" at position 1/],
      ['$[1', /expected "\]" at the end at position 3/],
      ['$[a]', /expected an index, a slice or a quoted name at position 3/],
      ['$[*]', /wildcards are not supported at position 3/],
      ['$[1:2:3]', /slice steps are not supported at position 6/],
      ["$['a]", /a quoted name is never closed at position 3/],
      ['$[1 2]', /expected "," or "\]" at position 5/],
      ['$.a.b', /expected a name .* at position 3/],
      ['$x', /expected "\[" or "\." at position 2/],
    ];
    for (const [spec, message] of cases) {
      expect(() => parseFilter(spec, 'input_filter'), spec).toThrow(FilterError);
      expect(() => parseFilter(spec, 'input_filter'), spec).toThrow(message);
    }
  });
  it('indices outside the columns and unknown names are errors listing what there is', () => {
    expect(() => pick('$[5]')).toThrow(/input_filter: index 5 is outside the 5 columns \(0…4, or −1…−5 from the end\)/);
    expect(() => pick('$[-6]')).toThrow(/index -6 is outside/);
    expect(() => pick("$['nope']")).toThrow(/input_filter: there is no column "nope"; the columns are "id", "a", "b", "c", "score"/);
  });
});
