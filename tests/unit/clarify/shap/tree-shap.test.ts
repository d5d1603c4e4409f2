// TreeSHAP and SHAP interaction values against (1) brute-force Shapley sums over every coalition of a
// small model, which needs nothing but this repository, and (2) native XGBoost 1.7's pred_contribs and
// pred_interactions through scripts/clarify/xgb_contribs.py, skipped with the reason in the title where
// /usr/bin/python3 cannot import xgboost. Native is float32 throughout, mlpad float64: 1e-4 absolute on
// the margin scale is the stated tolerance against native; brute force is compared to 1e-9.
import { spawnSync } from 'node:child_process';
import { beforeAll, describe, expect, it } from 'vitest';
import { treeShapInteractions } from '../../../../src/lib/clarify/shap/tree-shap-interactions.ts';
import { treeShap } from '../../../../src/lib/clarify/shap/tree-shap.ts';
import { featureColumns, type FeatureMatrix } from '../../../../src/lib/ml/matrix.ts';
import { SeededRandom } from '../../../../src/lib/ml/random.ts';
import { fromXGBoostJSON, toXGBoostJSON } from '../../../../src/lib/ml/xgboost/model-json.ts';
import { outputGroups, type XGBoostModel } from '../../../../src/lib/ml/xgboost/model.ts';
import { resolveXGBoostParams } from '../../../../src/lib/ml/xgboost/params.ts';
import { baseMargin, predictMargins } from '../../../../src/lib/ml/xgboost/predict.ts';
import { trainXGBoost } from '../../../../src/lib/ml/xgboost/train.ts';
import type { Tree } from '../../../../src/lib/ml/xgboost/tree.ts';
import { hasNativeXGBoost, maxAbsDiff, nativeSkipReason, toData } from '../../ml/xgboost/native.ts';

const SCRIPT = new URL('../../../../scripts/clarify/xgb_contribs.py', import.meta.url).pathname;
const TOL = 1e-4;

interface Explained { contribs: number[]; interactions: number[]; margins: number[]; shape: number[] }
interface Trained extends Explained { model: string; best_iteration: number | null }
type HP = Record<string, string | number>;

function nativeContribs<T>(request: object): T {
  const run = spawnSync('/usr/bin/python3', [SCRIPT], { input: JSON.stringify(request), encoding: 'utf8', maxBuffer: 1 << 28 });
  if (run.status !== 0) throw new Error(`xgb_contribs.py failed: ${run.stderr}`);
  return JSON.parse(run.stdout) as T;
}

/** Rows of `nCols` features with ~12% missing cells; the label mixes features and an interaction. */
function rows(n: number, nCols: number, seed: number): { X: (number | null)[][]; y: number[] } {
  const rng = new SeededRandom(seed);
  const X: (number | null)[][] = [];
  const y: number[] = [];
  for (let i = 0; i < n; i++) {
    const r = Array.from({ length: nCols }, () => (rng.next() < 0.12 ? null : Math.fround(Math.round((rng.next() * 4 - 2) * 100) / 100)));
    X.push(r);
    y.push((r[0] ?? 0.5) + (r[1] ?? -0.5) * (r[2] ?? 1) + 0.5 * rng.next());
  }
  return { X, y };
}

function labelsFor(objective: string, y: number[]): number[] {
  if (objective.startsWith('binary')) return y.map((v) => (v > 0.3 ? 1 : 0));
  if (objective.startsWith('multi')) return y.map((v) => (v < -0.4 ? 0 : v < 0.9 ? 1 : 2));
  return y;
}

/** E[f(x) | x_S] of one tree, absent features averaged over both children by cover (path-dependent). */
function expectation(t: Tree, x: Float32Array, inS: (f: number) => boolean, node = 0): number {
  if (t.left[node] === -1) return t.threshold[node];
  const f = t.feature[node], l = t.left[node], r = t.right[node];
  if (inS(f)) {
    const v = x[f];
    return expectation(t, x, inS, v !== v ? (t.defaultLeft[node] ? l : r) : v < t.threshold[node] ? l : r);
  }
  return (t.sumHessian[l] * expectation(t, x, inS, l) + t.sumHessian[r] * expectation(t, x, inS, r)) / t.sumHessian[node];
}

/** The model's margin for group g when only the features in mask are known. */
function value(model: XGBoostModel, x: Float32Array, g: number, mask: number): number {
  let s = baseMargin(model);
  model.trees.forEach((t, k) => { if (model.treeInfo[k] === g) s += expectation(t, x, (f) => ((mask >> f) & 1) === 1); });
  return s;
}

const fact = (n: number): number => (n <= 1 ? 1 : n * fact(n - 1));
const popcount = (m: number): number => { let c = 0; for (; m; m &= m - 1) c++; return c; };

/** φ_i = Σ_S |S|!(M−|S|−1)!/M! (v(S ∪ i) − v(S)), and the bias v(∅). */
function bruteShap(model: XGBoostModel, x: Float32Array, g: number): number[] {
  const M = model.numFeature;
  const phi = new Array<number>(M + 1).fill(0);
  for (let i = 0; i < M; i++) {
    for (let S = 0; S < 1 << M; S++) {
      if ((S >> i) & 1) continue;
      const s = popcount(S);
      phi[i] += (fact(s) * fact(M - s - 1) / fact(M)) * (value(model, x, g, S | (1 << i)) - value(model, x, g, S));
    }
  }
  phi[M] = value(model, x, g, 0);
  return phi;
}

/** Φ_ij = Σ_{S ⊆ N∖{i,j}} |S|!(M−|S|−2)!/(2(M−1)!) ∇_ij(S) off the diagonal; each row sums to φ_i. */
function bruteInteractions(model: XGBoostModel, x: Float32Array, g: number): number[][] {
  const M = model.numFeature;
  const phi = bruteShap(model, x, g);
  const out = Array.from({ length: M + 1 }, () => new Array<number>(M + 1).fill(0));
  for (let i = 0; i < M; i++) {
    for (let j = 0; j < M; j++) {
      if (i === j) continue;
      for (let S = 0; S < 1 << M; S++) {
        if ((S >> i) & 1 || (S >> j) & 1) continue;
        const s = popcount(S), bi = 1 << i, bj = 1 << j;
        const grad = value(model, x, g, S | bi | bj) - value(model, x, g, S | bi) - value(model, x, g, S | bj) + value(model, x, g, S);
        out[i][j] += (fact(s) * fact(M - s - 2) / (2 * fact(M - 1))) * grad;
      }
    }
    out[i][i] = phi[i] - out[i].reduce((a, v, k) => a + (k === i ? 0 : v), 0);
  }
  out[M][M] = phi[M];
  return out;
}

/** Largest |Σ_f values[r,g,f] − margins[r,g]|. */
function sumGap(values: Float64Array, margins: ArrayLike<number>, width: number): number {
  let gap = 0;
  for (let rg = 0; rg < margins.length; rg++) {
    let s = 0;
    for (let f = 0; f < width; f++) s += values[rg * width + f];
    gap = Math.max(gap, Math.abs(s - margins[rg]));
  }
  return gap;
}

/** Largest |Σ_k Φ[r,g,i,k] − φ[r,g,i]|. */
function interactionRowGap(inter: Float64Array, contribs: Float64Array, width: number): number {
  let gap = 0;
  for (let ri = 0; ri < contribs.length; ri++) {
    let s = 0;
    for (let k = 0; k < width; k++) s += inter[ri * width + k];
    gap = Math.max(gap, Math.abs(s - contribs[ri]));
  }
  return gap;
}

describe('TreeSHAP against brute-force Shapley values (no native needed)', () => {
  const small = rows(300, 4, 7);
  const tasks: [string, HP][] = [
    ['reg:squarederror', { objective: 'reg:squarederror', max_depth: 5, eta: 0.3 }],
    ['multi:softprob', { objective: 'multi:softprob', num_class: 3, max_depth: 4, eta: 0.3 }],
  ];
  const explainRows = small.X.slice(0, 12);

  tasks.forEach(([name, hp]) => {
    const model = trainXGBoost(toData(small.X, labelsFor(name, small.y)), resolveXGBoostParams({ ...hp, num_round: 4 }));
    const x = toData(explainRows, explainRows.map(() => 0));
    const groups = outputGroups(model), width = model.numFeature + 1;

    it(`treeShap on a ${name} model (depth ≤ 5, repeated features, missing cells) equals the coalition sum to 1e-9`, () => {
      const { values } = treeShap(model, x);
      const row = new Float32Array(4);
      let gap = 0;
      for (let r = 0; r < explainRows.length; r++) {
        row.set((x.features as Float32Array).subarray(r * 4, r * 4 + 4));
        for (let g = 0; g < groups; g++) gap = Math.max(gap, maxAbsDiff(values.subarray((r * groups + g) * width, (r * groups + g + 1) * width), bruteShap(model, row, g)));
      }
      expect(gap).toBeLessThanOrEqual(1e-9);
    });

    it(`treeShapInteractions on a ${name} model equals the Shapley interaction index to 1e-9`, () => {
      const { values } = treeShapInteractions(model, x);
      const row = new Float32Array(4);
      let gap = 0;
      for (let r = 0; r < explainRows.length; r++) {
        row.set((x.features as Float32Array).subarray(r * 4, r * 4 + 4));
        for (let g = 0; g < groups; g++) {
          const block = (r * groups + g) * width * width;
          gap = Math.max(gap, maxAbsDiff(values.subarray(block, block + width * width), bruteInteractions(model, row, g).flat()));
        }
      }
      expect(gap).toBeLessThanOrEqual(1e-9);
    });
  });
});

describe('treeShap options and messages', () => {
  const d = rows(200, 5, 11);
  const model = trainXGBoost(toData(d.X, labelsFor('binary:logistic', d.y)), resolveXGBoostParams({ objective: 'binary:logistic', max_depth: 4, num_round: 8 }));
  const rowMajorX = toData(d.X, d.y);
  const columnX: FeatureMatrix = { features: featureColumns(rowMajorX), nRows: rowMajorX.nRows, nCols: rowMajorX.nCols };

  it('gives the same values for column arrays and one row-major array, and each row sums to its margin (1e-9)', () => {
    const a = treeShap(model, rowMajorX), b = treeShap(model, columnX);
    expect(maxAbsDiff(a.values, b.values)).toBe(0);
    expect(sumGap(a.values, predictMargins(model, rowMajorX), 6)).toBeLessThanOrEqual(1e-5);
    expect(a).toMatchObject({ groups: 1, features: 5, rows: 200, completedRows: 200 });
  });

  it('options.rows explains the chosen rows, in that order', () => {
    const all = treeShap(model, columnX).values;
    const picked = treeShap(model, columnX, { rows: Int32Array.of(17, 3, 17) }).values;
    expect(Array.from(picked)).toEqual([...all.subarray(17 * 6, 18 * 6), ...all.subarray(3 * 6, 4 * 6), ...all.subarray(17 * 6, 18 * 6)]);
  });

  it('options.iterationRange explains those rounds: rows sum to the margins of those rounds', () => {
    const r = treeShap(model, rowMajorX, { iterationRange: [0, 3] });
    expect(sumGap(r.values, predictMargins(model, rowMajorX, [0, 3]), 6)).toBeLessThanOrEqual(1e-5);
  });

  it('shouldStop stops between rows, onProgress counts up to the rows done', () => {
    const seen: number[] = [];
    const r = treeShap(model, rowMajorX, { shouldStop: () => true, onProgress: (done) => seen.push(done) });
    expect(r.completedRows).toBe(64);
    expect(seen).toEqual([64, 64]);
    expect(r.values.subarray(64 * 6).every((v) => v === 0)).toBe(true);
    const ri = treeShapInteractions(model, rowMajorX, { shouldStop: () => true });
    expect(ri.completedRows).toBe(4);
  });

  it('names the argument that is wrong', () => {
    expect(() => treeShap(model, { features: new Float32Array(8), nRows: 2, nCols: 4 })).toThrow('x has 4 columns but the model was trained on 5');
    expect(() => treeShap(model, rowMajorX, { rows: Int32Array.of(0, 200) })).toThrow('options.rows[1] is 200; x has rows 0…199');
    expect(() => treeShapInteractions(model, rowMajorX, { iterationRange: [0, 9] })).toThrow('options.iterationRange must satisfy 0 ≤ begin ≤ end ≤ 8; got [0, 9]');
    expect(() => treeShap(model, { features: new Float32Array(3), nRows: 1, nCols: 5 })).toThrow('x.features has 3 values but nRows × nCols is 5');
  });
});

const TASKS: [string, HP][] = [
  ['binary:logistic', { objective: 'binary:logistic', max_depth: 5, eta: 0.3 }],
  ['multi:softprob (3 classes)', { objective: 'multi:softprob', num_class: 3, max_depth: 4, eta: 0.3 }],
  ['reg:squarederror', { objective: 'reg:squarederror', max_depth: 6, eta: 0.3, subsample: 0.8 }],
];
const ROUNDS = 20;
const train = rows(500, 6, 21);
const explain = rows(150, 6, 22);
let nativeTrained: Trained[] = [];
let mlpadModels: XGBoostModel[] = [];
let nativeOnMlpad: Explained[] = [];
let early: Trained;
let ranged: Explained;

beforeAll(() => {
  if (!hasNativeXGBoost) return;
  const answers = nativeContribs<Trained[]>({
    cmd: 'batch',
    requests: [
      ...TASKS.map(([, hp]) => ({ cmd: 'train', params: hp, num_round: ROUNDS, X: train.X, y: labelsFor(String(hp.objective), train.y), X_explain: explain.X, interactions: true })),
      { cmd: 'train', params: { ...TASKS[0][1], eta: 0.8, max_depth: 6 }, num_round: 200, early_stopping_rounds: 3, X: train.X, y: labelsFor('binary', train.y), X_explain: explain.X },
    ],
  });
  nativeTrained = answers.slice(0, TASKS.length);
  early = answers[TASKS.length];
  mlpadModels = TASKS.map(([, hp]) => trainXGBoost(toData(train.X, labelsFor(String(hp.objective), train.y)), resolveXGBoostParams({ ...hp, num_round: ROUNDS })));
  const more = nativeContribs<Explained[]>({
    cmd: 'batch',
    requests: [
      ...mlpadModels.map((m) => ({ cmd: 'explain', model: toXGBoostJSON(m), X: explain.X, interactions: true })),
      { cmd: 'explain', model: nativeTrained[1].model, X: explain.X, iteration_range: [0, 7] },
    ],
  });
  nativeOnMlpad = more.slice(0, TASKS.length);
  ranged = more[TASKS.length];
}, 120_000);

describe('TreeSHAP equals native XGBoost 1.7 pred_contribs / pred_interactions (margin scale, 1e-4)', () => {
  const x = toData(explain.X, explain.y);
  TASKS.forEach(([name], i) => {
    for (const source of ['natively trained', 'mlpad-trained'] as const) {
      it.skipIf(!hasNativeXGBoost)(`${source} ${name}: contributions (bias included) and interactions match, rows sum to margins${nativeSkipReason}`, () => {
        const model = source === 'natively trained' ? fromXGBoostJSON(nativeTrained[i].model) : mlpadModels[i];
        const ref = source === 'natively trained' ? nativeTrained[i] : nativeOnMlpad[i];
        const width = model.numFeature + 1;
        const c = treeShap(model, x);
        expect(c.values.length).toBe(ref.contribs.length);
        expect(ref.shape.at(-1)).toBe(width);
        expect(maxAbsDiff(c.values, ref.contribs)).toBeLessThanOrEqual(TOL);
        expect(sumGap(c.values, predictMargins(model, x), width)).toBeLessThanOrEqual(TOL);
        expect(sumGap(c.values, ref.margins, width)).toBeLessThanOrEqual(TOL);
        const inter = treeShapInteractions(model, x);
        expect(maxAbsDiff(inter.values, ref.interactions)).toBeLessThanOrEqual(TOL);
        expect(interactionRowGap(inter.values, c.values, width)).toBeLessThanOrEqual(TOL);
      });
    }
  });

  it.skipIf(!hasNativeXGBoost)(`an early-stopped model explains every tree by default, as native Booster.predict does${nativeSkipReason}`, () => {
    const model = fromXGBoostJSON(early.model);
    expect(model.bestIteration).toBe(early.best_iteration);
    expect(model.bestIteration! + 1).toBeLessThan(model.trees.length);
    const c = treeShap(model, x);
    expect(maxAbsDiff(c.values, early.contribs)).toBeLessThanOrEqual(TOL);
    expect(sumGap(c.values, early.margins, 7)).toBeLessThanOrEqual(TOL);
  });

  it.skipIf(!hasNativeXGBoost)(`iterationRange [0, 7] equals native iteration_range=(0, 7) on a 3-class model${nativeSkipReason}`, () => {
    const c = treeShap(fromXGBoostJSON(nativeTrained[1].model), x, { iterationRange: [0, 7] });
    expect(maxAbsDiff(c.values, ranged.contribs)).toBeLessThanOrEqual(TOL);
  });
});
