// The WebAssembly forest (both strategies) against predictMargins' JS walk: every margin must be the same
// float32, bit for bit (Object.is), on trained and loaded models, every input layout, and missing values.
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { FeatureMatrix, TrainingData } from '../../../../src/lib/ml/matrix.ts';
import { SeededRandom } from '../../../../src/lib/ml/random.ts';
import { ByteWriter } from '../../../../src/lib/ml/wasm/emit.ts';
import { roundCount, type XGBoostModel } from '../../../../src/lib/ml/xgboost/model.ts';
import { fromXGBoostJSON } from '../../../../src/lib/ml/xgboost/model-json.ts';
import { resolveXGBoostParams } from '../../../../src/lib/ml/xgboost/params.ts';
import { baseMargin, predictMargins, predictMarginsFast } from '../../../../src/lib/ml/xgboost/predict.ts';
import { trainXGBoost } from '../../../../src/lib/ml/xgboost/train.ts';
import { allocTree, compactTree, expandNode, type Tree } from '../../../../src/lib/ml/xgboost/tree.ts';
import {
  chooseStrategy, compileForest, CODE_MAX_NODES, forestFallbackReason, forestMargins, prepareForest, readyForest, type ForestStrategy,
} from '../../../../src/lib/ml/xgboost/wasm-forest.ts';
import { inferXGBoost } from '../../../../src/lib/ml/xgboost/infer.ts';
import { xgboostEstimator } from '../../../../src/lib/ml/xgboost/xgboost-estimator.ts';
import { toData } from './native.ts';

/** predictMargins on a copy of the model: the copy has no compiled forest, so this is the JS walk. */
const jsMargins = (model: XGBoostModel, m: FeatureMatrix, range?: readonly [number, number]) => predictMargins({ ...model }, m, range);

function expectIdentical(ours: Float32Array, js: Float32Array): void {
  expect(ours.length).toBe(js.length);
  const bad = Array.from(js).findIndex((v, i) => !Object.is(v, ours[i]));
  expect(bad, bad < 0 ? '' : `margin ${bad}: wasm ${ours[bad]} vs JS ${js[bad]}`).toBe(-1);
}

/** Row-major rows; cells go missing (NaN) with probability `missing`. */
function rows(n: number, cols: number, seed: number, missing: number): Float32Array {
  const rng = new SeededRandom(seed);
  return Float32Array.from({ length: n * cols }, () => (rng.next() < missing ? NaN : rng.next() * 4 - 2));
}

function labelled(n: number, cols: number, seed: number, missing: number, label: (r: Float32Array) => number): TrainingData {
  const x = rows(n, cols, seed, missing);
  const y = Float32Array.from({ length: n }, (_, i) => label(x.subarray(i * cols, (i + 1) * cols)));
  return { features: x, nRows: n, nCols: cols, labels: y };
}

const z = (v: number) => (Number.isNaN(v) ? 0 : v);
const data = {
  // Missing f0 behaves like a large f0 and missing f1 like a small f1, so splits learn both default ways.
  binary: labelled(1500, 5, 1, 0.2, (r) => ((Number.isNaN(r[0]) ? 2 : r[0]) - (Number.isNaN(r[1]) ? -2 : r[1]) + 0.3 * z(r[2]) > 0.2 ? 1 : 0)),
  multiclass: labelled(1200, 4, 2, 0.1, (r) => (z(r[0]) + z(r[1]) > 1 ? 2 : z(r[2]) > 0 ? 1 : 0)),
  regression: labelled(1000, 6, 3, 0.05, (r) => Math.sin(z(r[0])) + z(r[1]) * z(r[2]) + 0.1 * z(r[3])),
};
const models = {
  binary: trainXGBoost(data.binary, resolveXGBoostParams({ objective: 'binary:logistic', num_round: 25, max_depth: 5 })),
  multiclass: trainXGBoost(data.multiclass, resolveXGBoostParams({ objective: 'multi:softprob', num_class: 3, num_round: 12, max_depth: 4 })),
  regression: trainXGBoost(data.regression, resolveXGBoostParams({ objective: 'reg:squarederror', num_round: 20, max_depth: 6 })),
};
const STRATEGIES: ForestStrategy[] = ['code', 'interpreter'];

function columns(m: FeatureMatrix): Float32Array[] {
  const x = m.features as Float32Array;
  return Array.from({ length: m.nCols }, (_, j) => Float32Array.from({ length: m.nRows }, (_, i) => x[i * m.nCols + j]));
}

/** Random full trees of `depth` over `nCols` features (for size and speed; no training needed). */
function randomModel(trees: number, depth: number, nCols: number, seed: number): XGBoostModel {
  const rng = new SeededRandom(seed);
  const list: Tree[] = [];
  for (let t = 0; t < trees; t++) {
    const tree = allocTree(2 ** (depth + 1));
    let frontier = [0];
    for (let d = 0; d < depth; d++) {
      frontier = frontier.flatMap((n) => {
        expandNode(tree, n, rng.nextInt(nCols), rng.next() * 4 - 2, rng.next() < 0.5, 0, rng.next() - 0.5, rng.next() - 0.5, 1, 1, 0.5, 0.5);
        return [tree.left[n], tree.right[n]];
      });
    }
    list.push(compactTree(tree));
  }
  return { ...models.regression, numFeature: nCols, trees: list, treeInfo: new Int32Array(trees), bestIteration: undefined, bestScore: undefined };
}

afterEach(() => { vi.unstubAllGlobals(); });

describe('compileForest: margins bit-identical to predictMargins (Object.is)', () => {
  it('the trained binary model learned splits that send missing values left and right', () => {
    const splits = models.binary.trees.flatMap((t) => Array.from({ length: t.nNodes }, (_, n) => n).filter((n) => t.left[n] !== -1).map((n) => t.defaultLeft[n]));
    expect(splits).toContain(0);
    expect(splits).toContain(1);
  });

  for (const [name, model] of Object.entries(models)) {
    for (const strategy of STRATEGIES) {
      it(`${name} (${strategy}): row-major, column-major and sparse rows with NaN`, async () => {
        const d = data[name as keyof typeof data];
        const f = await compileForest(model, 0, roundCount(model), { strategy });
        expect(f.strategy).toBe(strategy);
        const js = jsMargins(model, d);
        expectIdentical(forestMargins(f, d, baseMargin(model)), js);
        expectIdentical(forestMargins(f, { features: columns(d), nRows: d.nRows, nCols: d.nCols }, baseMargin(model)), js);
        // Sparse: zeros left out, NaN cells kept as entries.
        const x = d.features as Float32Array;
        const indptr = new Int32Array(d.nRows + 1), indices: number[] = [], values: number[] = [];
        for (let i = 0; i < d.nRows; i++) {
          for (let j = 0; j < d.nCols; j++) if (x[i * d.nCols + j] !== 0) { indices.push(j); values.push(x[i * d.nCols + j]); }
          indptr[i + 1] = indices.length;
        }
        const sparse = { features: [], sparse: { nRows: d.nRows, nCols: d.nCols, indptr, indices: Int32Array.from(indices), values: Float32Array.from(values) }, nRows: d.nRows, nCols: d.nCols };
        expectIdentical(forestMargins(f, sparse, baseMargin(model)), js);
      });
    }
  }

  it('blocks smaller than the batch, and rows wider than the model, give the same margins', async () => {
    const model = models.multiclass, d = data.multiclass;
    for (const strategy of STRATEGIES) {
      const f = await compileForest(model, 0, 12, { strategy, blockBytes: 7 * 16, chunkNodes: 40 });
      expect(f.blockRows).toBe(7);
      expectIdentical(forestMargins(f, d, baseMargin(model)), jsMargins(model, d));
    }
    const wide = { features: rows(300, 9, 7, 0.1), nRows: 300, nCols: 9 };
    const f = await compileForest(model, 0, 12);
    expectIdentical(forestMargins(f, wide, baseMargin(model)), jsMargins(model, wide));
  });

  it('NaN in every split feature follows each node\'s default direction', async () => {
    const model = models.binary;
    const m = { features: new Float32Array(5 * 3).fill(NaN), nRows: 3, nCols: 5 };
    const js = jsMargins(model, m);
    for (const strategy of STRATEGIES) expectIdentical(forestMargins(await compileForest(model, 0, 25, { strategy }), m, baseMargin(model)), js);
  });
});

describe('predictMargins with a prepared forest', () => {
  it('uses the forest for the rounds it was compiled for, and JS for other ranges (iterationRange subsets)', async () => {
    const model = { ...models.multiclass };
    const d = data.multiclass;
    for (const range of [[2, 9], [0, 0], [5, 5], [0, 12]] as const) {
      const f = await prepareForest(model, range[0], range[1]);
      expect(f).not.toBeNull();
      expect(readyForest(model, range[0], range[1])).toBe(f);
      expectIdentical(predictMargins(model, d, range), jsMargins(model, d, range));
    }
    expect(readyForest(model, 1, 3)).toBeUndefined();
    expectIdentical(predictMargins(model, d, [1, 3]), jsMargins(model, d, [1, 3]));
  });

  it('nRows 0 and 1', async () => {
    const model = { ...models.regression };
    await prepareForest(model, 0, 20);
    expect(predictMargins(model, { features: new Float32Array(0), nRows: 0, nCols: 6 })).toEqual(new Float32Array(0));
    const one = { features: rows(1, 6, 9, 0.3), nRows: 1, nCols: 6 };
    expectIdentical(predictMargins(model, one), jsMargins(model, one));
  });

  it('compiles once per model object, and again when its trees change', async () => {
    const model = { ...models.regression, trees: [...models.regression.trees] };
    const a = await prepareForest(model, 0, 20);
    expect(await prepareForest(model, 0, 20)).toBe(a);
    model.trees[3] = models.regression.trees[4];
    expect(readyForest(model, 0, 20)).toBeUndefined();
    const b = await prepareForest(model, 0, 20);
    expect(b).not.toBe(a);
    expectIdentical(predictMargins(model, data.regression), jsMargins(model, data.regression));
  });

  it('a native XGBoost 1.7.4 model from tests/fixtures matches, with its missing values', async () => {
    for (const name of ['binary-missing', 'multiclass', 'regression']) {
      const model = fromXGBoostJSON(readFileSync(new URL(`../../../fixtures/ml/${name}.model.json`, import.meta.url), 'utf8'));
      const fixture = JSON.parse(readFileSync(new URL(`../../../fixtures/ml/${name}.data.json`, import.meta.url), 'utf8'));
      const m = toData(fixture.X, fixture.y);
      const js = jsMargins(model, m);
      for (const strategy of STRATEGIES) expectIdentical(forestMargins(await compileForest(model, 0, roundCount(model), { strategy }), m, baseMargin(model)), js);
    }
  });
});

describe('predictMarginsFast', () => {
  it('compiles for a batch that pays for it and returns the JS margins', async () => {
    const model = { ...models.binary };
    const m = { features: rows(20_000, 5, 11, 0.2), nRows: 20_000, nCols: 5 }; // 20,000 rows × 25 trees ≥ 500,000
    expectIdentical(await predictMarginsFast(model, m), jsMargins(model, m));
    expect(readyForest(model, 0, 25)).toBeDefined();
  });

  it('does not compile for a small batch', async () => {
    const model = { ...models.binary };
    const m = { features: rows(100, 5, 12, 0.2), nRows: 100, nCols: 5 };
    expectIdentical(await predictMarginsFast(model, m), jsMargins(model, m));
    expect(readyForest(model, 0, 25)).toBeUndefined();
  });

  it('falls back to JS, and says why, when WebAssembly is unavailable', async () => {
    vi.stubGlobal('WebAssembly', undefined);
    const model = { ...models.binary };
    const m = { features: rows(20_000, 5, 13, 0.2), nRows: 20_000, nCols: 5 };
    expectIdentical(await predictMarginsFast(model, m, [0, 25]), jsMargins(model, m, [0, 25]));
    expect(readyForest(model, 0, 25)).toBeUndefined();
    expect(forestFallbackReason(model, 0, 25)).toMatch(/WebAssembly is not available/);
  });

  it('checks its arguments like predictMargins', async () => {
    await expect(predictMarginsFast(models.binary, data.binary, [0, 26])).rejects.toThrow(/iterationRange must satisfy 0 ≤ begin ≤ end ≤ 25; got \[0, 26\]/);
    await expect(predictMarginsFast(models.binary, { features: new Float32Array(4), nRows: 1, nCols: 4 })).rejects.toThrow(/4 columns but the model was trained on 5/);
  });

  it('the estimator\'s infer gives the same probabilities whether it compiled or not', async () => {
    const model = { ...models.multiclass };
    const m = { features: rows(50_000, 4, 14, 0.1), nRows: 50_000, nCols: 4 };
    const fast = await xgboostEstimator.infer(model, m);
    expect(readyForest(model, 0, 12)).toBeDefined();
    const slow = inferXGBoost({ ...models.multiclass }, m);
    if (fast.kind !== 'classification' || slow.kind !== 'classification') throw new Error('expected classification');
    expectIdentical(fast.probabilities!, slow.probabilities!);
  });
});

describe('big and lopsided models', () => {
  it('1,000 trees of depth 8 (511,000 nodes) compile to the interpreter and match', async () => {
    const model = randomModel(1000, 8, 10, 21);
    const f = await compileForest(model, 0, 1000);
    expect(f.strategy).toBe('interpreter');
    expect(1000 * 511).toBeGreaterThan(CODE_MAX_NODES);
    const m = { features: rows(300, 10, 22, 0.1), nRows: 300, nCols: 10 };
    expectIdentical(forestMargins(f, m, baseMargin(model)), jsMargins(model, m));
  });

  it('chooses code for lopsided trees and the interpreter for balanced ones', () => {
    const chain = allocTree(64);
    for (let n = 0, d = 0; d < 20; d++) { expandNode(chain, n, 0, d, false, 0, 0, 0, 0, 0, 0, 0); n = chain.right[n]; }
    const layout = (trees: Tree[]) => ({ trees, groupOf: new Int32Array(trees.length), groups: 1, stride: 10 });
    expect(chooseStrategy(layout([compactTree(chain)]))).toBe('code');
    expect(chooseStrategy(layout(randomModel(3, 6, 10, 5).trees))).toBe('interpreter');
  });
});

describe('ByteWriter', () => {
  it('writes LEB128 as the spec\'s examples', () => {
    expect(Array.from(new ByteWriter().u32(624485).finish())).toEqual([0xe5, 0x8e, 0x26]);
    expect(Array.from(new ByteWriter().i32(-123456).finish())).toEqual([0xc0, 0xbb, 0x78]);
    expect(Array.from(new ByteWriter().i32(64).finish())).toEqual([0xc0, 0x00]);
    expect(Array.from(new ByteWriter().i32(-1).u32(0).finish())).toEqual([0x7f, 0x00]);
  });
});
