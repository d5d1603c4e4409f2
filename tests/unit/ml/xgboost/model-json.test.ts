// Loading the native XGBoost 1.7.4 models in tests/fixtures/ml (written by scripts/ml/make_fixtures.py)
// needs no Python: their rows and native margins are stored beside them.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { getAlgorithm } from '../../../../src/lib/ml/registry.ts';
import { formatFloat32 } from '../../../../src/lib/ml/xgboost/float-format.ts';
import { fromXGBoostJSON, toXGBoostJSON } from '../../../../src/lib/ml/xgboost/model-json.ts';
import { resolveXGBoostParams } from '../../../../src/lib/ml/xgboost/params.ts';
import { predictMargins, predictXGBoost } from '../../../../src/lib/ml/xgboost/predict.ts';
import { trainXGBoost } from '../../../../src/lib/ml/xgboost/train.ts';
import { maxAbsDiff, toData } from './native.ts';

const fixture = (name: string) => ({
  model: readFileSync(new URL(`../../../fixtures/ml/${name}.model.json`, import.meta.url), 'utf8'),
  data: JSON.parse(readFileSync(new URL(`../../../fixtures/ml/${name}.data.json`, import.meta.url), 'utf8')),
});

describe('fromXGBoostJSON on native XGBoost 1.7.4 models (margins to 1e-6)', () => {
  for (const name of ['binary-missing', 'multiclass', 'regression']) {
    it(`${name}: predicts the native margins and predictions`, () => {
      const { model: text, data } = fixture(name);
      const model = fromXGBoostJSON(text);
      const m = toData(data.X, data.y);
      expect(maxAbsDiff(predictMargins(model, m), data.margins)).toBeLessThanOrEqual(1e-6);
      expect(maxAbsDiff(predictXGBoost(model, m), data.preds)).toBeLessThanOrEqual(1e-6);
    });
  }

  it('reads the learner parameters and per-tree classes', () => {
    const model = fromXGBoostJSON(fixture('multiclass').model);
    expect(model.objective).toBe('multi:softprob');
    expect(model.numClass).toBe(3);
    expect(model.numFeature).toBe(4);
    expect(model.baseScore).toBe(0.5);
    expect(Array.from(model.treeInfo)).toEqual([0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2]);
  });

  it('writes back exactly the file native XGBoost wrote (trees, parameters, number format)', () => {
    for (const name of ['binary-missing', 'regression']) {
      const text = fixture(name).model;
      expect(JSON.parse(toXGBoostJSON(fromXGBoostJSON(text)))).toEqual(JSON.parse(text));
    }
  });
});

describe('toXGBoostJSON', () => {
  it('round-trips an mlpad model with identical predictions', () => {
    const { data } = fixture('binary-missing');
    const d = toData(data.X, data.y);
    const model = trainXGBoost(d, resolveXGBoostParams({ objective: 'binary:logistic', num_round: 6, max_depth: 4 }));
    const est = getAlgorithm('xgboost');
    const back = est.deserialize(est.serialize(model));
    expect(Array.from(predictMargins(back, d))).toEqual(Array.from(predictMargins(model, d)));
  });

  it('prints float32 like XGBoost: shortest round-trip, E exponent, ties to even', () => {
    expect(formatFloat32(0.5)).toBe('5E-1');
    expect(formatFloat32(0)).toBe('0E0');
    expect(formatFloat32(42.812424)).toBe('4.2812424E1');
    expect(formatFloat32(-26.9140625)).toBe('-2.6914062E1');
    expect(formatFloat32(0.049054615)).toBe('4.9054615E-2');
  });
});

describe('fromXGBoostJSON rejects what it cannot use, saying why', () => {
  const base = JSON.parse(fixture('regression').model);
  const withChange = (fn: (m: any) => void) => { const m = structuredClone(base); fn(m); return JSON.stringify(m); }; // eslint-disable-line @typescript-eslint/no-explicit-any
  it('names the problem', () => {
    expect(() => fromXGBoostJSON('{"learner":')).toThrow(/not a usable XGBoost JSON model: the JSON does not parse/);
    expect(() => fromXGBoostJSON(withChange((m) => { m.learner.gradient_booster.name = 'gblinear'; }))).toThrow('not a usable XGBoost JSON model: booster "gblinear" is not supported (only gbtree)');
    expect(() => fromXGBoostJSON(withChange((m) => { m.learner.objective.name = 'rank:pairwise'; }))).toThrow(/objective "rank:pairwise" is not supported/);
    expect(() => fromXGBoostJSON(withChange((m) => { m.learner.gradient_booster.model.trees[0].split_type[0] = 1; }))).toThrow(/categorical splits/);
    expect(() => fromXGBoostJSON(withChange((m) => { m.learner.gradient_booster.model.trees[0].left_children.pop(); }))).toThrow(/trees\[0\].left_children has \d+ entries, expected \d+/);
  });
});
