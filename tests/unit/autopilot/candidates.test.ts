// Autopilot's candidates come from the registry: each algorithm's settings (Estimator.autopilot) live in its
// own folder, and candidateAlgorithms only filters them by task and orders them.
import { describe, expect, it } from 'vitest';
import { candidateAlgorithms } from '../../../src/lib/autopilot/candidates.ts';
import { algorithmNames, getAlgorithm } from '../../../src/lib/ml/registry.ts';
import { searchSpace } from '../../../src/lib/tune/ranges.ts';

describe('candidateAlgorithms', () => {
  it('lists every supervised estimator with Autopilot settings that trains the task, by autopilot.order, with those settings', () => {
    for (const [problem, task] of [['BinaryClassification', 'binary'], ['MulticlassClassification', 'multiclass'], ['Regression', 'regression']] as const) {
      const got = candidateAlgorithms(problem);
      const expected = algorithmNames().map(getAlgorithm).filter((e) => e.autopilot && e.kind === 'supervised' && e.tasks.includes(task));
      expect(got.map((c) => c.algorithm).sort()).toEqual(expected.map((e) => e.name).sort());
      const orders = got.map((c) => getAlgorithm(c.algorithm).autopilot!.order);
      expect(orders).toEqual([...orders].sort((a, b) => a - b));
      for (const c of got) {
        const { ranges, statics, ensemble, scale } = getAlgorithm(c.algorithm).autopilot!;
        expect(c).toEqual({ algorithm: c.algorithm, ranges, statics, ensemble, scale });
      }
    }
    // Unsupervised estimators never carry Autopilot settings.
    for (const e of algorithmNames().map(getAlgorithm)) if (e.kind !== 'supervised') expect(e.autopilot, e.name).toBeUndefined();
  });

  it('every algorithm\'s Autopilot ranges are a valid search space of its schema, and its statics and ensemble hyperparameters resolve', () => {
    for (const e of algorithmNames().map(getAlgorithm).filter((x) => x.autopilot)) {
      const a = e.autopilot!;
      expect(() => searchSpace(e.schema, a.ranges), e.name).not.toThrow();
      expect(() => e.resolve(a.statics), e.name).not.toThrow();
      expect(() => e.resolve(a.ensemble), e.name).not.toThrow();
    }
  });

  it('keeps the named algorithms in run order and names the valid choices for one that does not fit', () => {
    expect(candidateAlgorithms('Regression', { algorithms: ['knn', 'xgboost'] }).map((c) => c.algorithm)).toEqual(['xgboost', 'knn']);
    expect(() => candidateAlgorithms('MulticlassClassification', { algorithms: ['factorization-machines'] }))
      .toThrow('algorithms: "factorization-machines" is not an Autopilot candidate for MulticlassClassification; choose from xgboost, linear-learner, mlp, knn');
  });
});
