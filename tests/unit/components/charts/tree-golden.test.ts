import { describe, expect, it } from 'vitest';
import TreeDiagram from '../../../../src/components/train/TreeDiagram.svelte';
import { layoutTree } from '../../../../src/lib/ml/xgboost/tree-layout.ts';
import { allocTree, compactTree, expandNode } from '../../../../src/lib/ml/xgboost/tree.ts';
import { compareGolden, renderSvg } from './golden.ts';

/**
 * Root: income < 52000 (missing → right); yes: age < 30.5 (missing → left) over two leaves; no: a split on
 * debt_ratio whose subtree (one more split below) is collapsed at maxDepth 2.
 */
function tree() {
  const t = allocTree(12);
  expandNode(t, 0, 0, 52000, false, 0, 0.2, -0.1, 125.5, 200, 120, 80);
  expandNode(t, 1, 1, 30.5, true, 0.2, 0.35, -0.05, 40.25, 120, 70, 50);
  expandNode(t, 2, 2, 0.4, false, -0.1, -0.3, 0.1, 12, 80, 45, 35);
  expandNode(t, 5, 1, 60, true, -0.3, -0.42, -0.2, 3, 45, 25, 20);
  return compactTree(t);
}

describe('tree diagram golden SVG', () => {
  it('tree-diagram renders the stored SVG: split boxes, coloured leaves, yes/no edges with the missing branch, a collapsed subtree', () => {
    const layout = layoutTree(tree(), ['income', 'age', 'debt_ratio'], { maxDepth: 2 });
    const svg = renderSvg(TreeDiagram, { layout, label: 'Tree 0, round 0' });
    expect(svg).toMatch(/^<svg[^>]*viewBox/);
    expect(svg).toContain('role="img"');
    expect(svg).toMatch(/aria-label="Tree 0, round 0: 4 splits and 5 leaves, 3 levels deep\. The root splits on income &lt; 52000 \(gain 126, missing → right\)\./);
    expect(compareGolden('tree-diagram', svg)).toBeNull();
  });
});
