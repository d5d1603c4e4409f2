// The HyperparameterError a call throws, for tests of the messages that name a parameter and its range.
import { HyperparameterError } from '../../../src/lib/ml/hyperparameters.ts';

/** Runs `f` and returns the HyperparameterError it throws; fails the test if it throws nothing or something else. */
export function errorOf(f: () => unknown): HyperparameterError {
  try {
    f();
  } catch (e) {
    if (e instanceof HyperparameterError) return e;
    throw e;
  }
  throw new Error('expected a HyperparameterError');
}
