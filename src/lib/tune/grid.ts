// Grid search: every combination of the categorical values, in order (the last range varies fastest).
// As in SageMaker, Grid takes categorical ranges only and its job count is the number of combinations.
import { HyperparameterError } from '../ml/hyperparameters.ts';
import { gridSize, type SearchDimension, type TunedValues } from './ranges.ts';
import type { SearchStrategy } from './search-strategy.ts';

/** The combinations of a categorical-only `space`; throws naming the first numeric range. */
export function gridSearch(space: readonly SearchDimension[]): SearchStrategy {
  for (const d of space) {
    if (d.kind !== 'categorical') {
      throw new HyperparameterError(d.name, `the Grid strategy needs categorical values, but ${d.name} has a ${d.kind} range ${d.min}:${d.max}; list the values to try (--range ${d.name}=a,b,c) or choose the Random or Bayesian strategy`);
    }
  }
  const size = gridSize(space);
  let index = 0;
  return {
    capacity: size,
    next() {
      if (index >= size) return null;
      let rest = index++;
      const out: TunedValues = {};
      for (let k = space.length - 1; k >= 0; k--) {
        const d = space[k] as Extract<SearchDimension, { kind: 'categorical' }>;
        out[d.name] = d.values[rest % d.values.length];
        rest = Math.floor(rest / d.values.length);
      }
      // Keep the ranges' order in the record.
      return Object.fromEntries(space.map((d) => [d.name, out[d.name]]));
    },
  };
}
