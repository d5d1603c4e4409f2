// Random search: each dimension drawn uniformly on its scale (so a Logarithmic range is log-uniform),
// from a seeded generator, so the same RandomSeed proposes the same trials.
import { SeededRandom } from '../ml/random.ts';
import { fromUnit, type SearchDimension, type TunedValues } from './ranges.ts';
import type { SearchStrategy } from './search-strategy.ts';

/** A point drawn uniformly (on each dimension's scale) with `rng`. */
export function randomPoint(space: readonly SearchDimension[], rng: SeededRandom): TunedValues {
  const out: TunedValues = {};
  for (const d of space) out[d.name] = fromUnit(d, rng.next());
  return out;
}

/** Random search over `space`, reproducible for a given `seed`. */
export function randomSearch(space: readonly SearchDimension[], seed: number): SearchStrategy {
  const rng = new SeededRandom(seed);
  return { capacity: Infinity, next: () => randomPoint(space, rng) };
}
