// What every search strategy implements: given the trials observed so far (and those still running),
// the next point of the search space to try. Losses are minimised: a Maximize objective arrives negated.
import type { TunedValues } from './ranges.ts';

/** A finished trial as a strategy sees it. */
export interface Observation {
  values: TunedValues;
  /** The objective as a loss (lower is better). */
  loss: number;
}

/** A search strategy (Random, Grid, Bayesian); Hyperband adds its own schedule on top of Random. */
export interface SearchStrategy {
  /** The next point to try, or null when the strategy has none left (Grid after its last combination). */
  next(observed: readonly Observation[], pending: readonly TunedValues[]): TunedValues | null;
  /** How many points the strategy can give at most: Grid's combinations, Infinity otherwise. */
  readonly capacity: number;
}
