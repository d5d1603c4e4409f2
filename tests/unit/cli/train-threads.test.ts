// `mlpad train`'s nthread default: XGBoost's (every core), capped like the studio's, and said in the notes.
import { describe, expect, it } from 'vitest';
import { defaultThreads } from '../../../src/cli/commands/train.ts';
import { getAlgorithm } from '../../../src/lib/ml/registry.ts';
import type { RawHyperparameters } from '../../../src/lib/ml/hyperparameters.ts';

describe('defaultThreads', () => {
  it('sets an unset XGBoost nthread to the cores and says so', () => {
    const raw: RawHyperparameters = { max_depth: '3' };
    expect(defaultThreads(getAlgorithm('xgboost'), raw, 4)).toMatch(/^nthread = 4 \(the machine's cores, as XGBoost\)/);
    expect(raw.nthread).toBe('4');
  });

  it('caps the default at 8 threads on a big machine', () => {
    const raw: RawHyperparameters = {};
    expect(defaultThreads(getAlgorithm('xgboost'), raw, 64)).toMatch(/at most 8/);
    expect(raw.nthread).toBe('8');
  });

  it('leaves a given nthread and algorithms without one alone', () => {
    const given: RawHyperparameters = { nthread: '1' };
    expect(defaultThreads(getAlgorithm('xgboost'), given, 4)).toBeUndefined();
    expect(given.nthread).toBe('1');
    const linear: RawHyperparameters = {};
    expect(defaultThreads(getAlgorithm('linear-learner'), linear, 4)).toBeUndefined();
    expect(linear).toEqual({});
  });
});
