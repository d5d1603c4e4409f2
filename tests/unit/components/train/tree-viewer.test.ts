import { render } from 'svelte/server';
import { describe, expect, it } from 'vitest';
import TreeDiagram from '../../../../src/components/train/TreeDiagram.svelte';
import TreeViewer from '../../../../src/components/train/TreeViewer.svelte';
import type { XGBoostModel } from '../../../../src/lib/ml/xgboost/model.ts';
import { toXGBoostJSON } from '../../../../src/lib/ml/xgboost/model-json.ts';
import { layoutTree } from '../../../../src/lib/ml/xgboost/tree-layout.ts';
import { allocTree, compactTree, expandNode, type Tree } from '../../../../src/lib/ml/xgboost/tree.ts';

/** A stump on feature `f` at `thr` whose leaves are ±`leaf`. */
function stump(f: number, thr: number, leaf: number): Tree {
  const t = allocTree(3);
  expandNode(t, 0, f, thr, true, 0, leaf, -leaf, 5, 10, 6, 4);
  return compactTree(t);
}

function modelBytes(numClass: number, rounds: number, featureNames: string[] = []): Uint8Array {
  const groups = Math.max(1, numClass);
  const trees = Array.from({ length: rounds * groups }, (_, i) => stump(i % 2, 0.5 + i, 0.1 * (i + 1)));
  const m: XGBoostModel = {
    objective: numClass > 0 ? 'multi:softprob' : 'binary:logistic', numClass, numFeature: 2, baseScore: 0.5, trees,
    treeInfo: Int32Array.from(trees, (_, i) => i % groups), featureNames, featureTypes: featureNames.map(() => 'float'),
    scalePosWeight: 1, poissonMaxDeltaStep: 0.7, attributes: {},
  };
  return new TextEncoder().encode(toXGBoostJSON(m));
}

const html = (props: Parameters<typeof TreeViewer>[1]) => render(TreeViewer, { props }).body;

describe('TreeViewer', () => {
  it('draws tree 0 of a binary model with its picker, the model’s feature names and an accessible summary', () => {
    const body = html({ model: modelBytes(0, 3, ['height', 'weight']) });
    expect(body).toMatch(/data-testid="tree-viewer"[^>]*data-tree="0"|data-tree="0"[^>]*data-testid="tree-viewer"/);
    expect(body).toMatch(/<input[^>]*data-testid="tree-pick"/);
    expect(body).toContain('Tree 0 (round 0)');
    expect(body).toContain('Round 0 of 3 (counted from 0).');
    expect(body).toContain('the log-odds of the positive class');
    expect(body).toMatch(/<svg[^>]*role="img"[^>]*aria-label="Tree 0, round 0: 1 split and 2 leaves, 1 level deep\. The root splits on height &lt; 0\.5/);
    expect(body).toContain('Show numbers');
  });

  it('names round and class for a multiclass tree (tree i belongs to class treeInfo[i]) and prefers the given feature names', () => {
    const body = html({ model: modelBytes(3, 2), index: 4, classes: ['setosa', 'versicolor', 'virginica'], featureNames: ['petal_length', 'petal_width'] });
    expect(body).toContain('data-tree="4"');
    expect(body).toContain('Tree 4 (round 1, class versicolor)');
    expect(body).toContain('Round 1 of 2 (counted from 0), the tree for class versicolor.');
    expect(body).toContain('the score of versicolor (before softmax)');
    // Tree 4 splits on feature 4 % 2 = 0 at 4.5.
    expect(body).toContain('petal_length &lt; 4.5');
    expect(body).toContain('Next round');
  });

  it('clamps an index past the last tree to the last tree', () => {
    expect(html({ model: modelBytes(0, 3), index: 99 })).toContain('data-tree="2"');
  });

  it('says why when the bytes are not a usable model, instead of throwing', () => {
    const body = html({ model: new TextEncoder().encode('{"learner":') });
    expect(body).toContain('role="alert"');
    expect(body).toContain('could not read the model: not a usable XGBoost JSON model: the JSON does not parse');
  });
});

describe('TreeDiagram', () => {
  it('lists every node in the Show numbers table, with exact thresholds and leaf values', () => {
    const t = allocTree(3);
    expandNode(t, 0, 1, 1 / 3, false, 0, 0.1, -0.25, 7.5, 10, 6, 4);
    const body = render(TreeDiagram, { props: { layout: layoutTree(compactTree(t), ['a', 'b']), numbers: true } }).body;
    expect(body).not.toContain('<svg');
    const rows = [...body.matchAll(/<tr>([^]*?)<\/tr>/g)].slice(1).map((m) => [...m[1].matchAll(/<td[^>]*>([^<]*)<\/td>/g)].map((c) => c[1]));
    expect(rows).toEqual([
      ['0', '0', 'b', '0.33333334', 'right', '1', '2', '7.5', '10', ''],
      ['1', '1', '', '', '', '', '', '', '6', '0.1'],
      ['2', '1', '', '', '', '', '', '', '4', '-0.25'],
    ]);
  });
});
