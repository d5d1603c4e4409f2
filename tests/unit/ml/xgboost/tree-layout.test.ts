import { describe, expect, it } from 'vitest';
import { SeededRandom } from '../../../../src/lib/ml/random.ts';
import { layoutTree, shortestFloat32, type PositionedNode, type TreeLayout } from '../../../../src/lib/ml/xgboost/tree-layout.ts';
import { allocTree, compactTree, expandNode, type Tree } from '../../../../src/lib/ml/xgboost/tree.ts';

// Positions are compared to 1e-9 px (sums of halves of the slot width).
const EPS = 9;

/** Split 0 on b < 0.5 (missing left); its yes child splits on a < 0.3 (missing right). */
function smallTree(): Tree {
  const t = allocTree(8);
  expandNode(t, 0, 1, 0.5, true, 0, 0.1, -0.2, 10, 100, 60, 40);
  expandNode(t, 1, 0, 0.3, false, 0.1, 0.05, -0.04, 4, 60, 30, 30);
  return compactTree(t);
}

/** A full tree of the given depth (2^depth leaves), feature = depth of the split. */
function fullTree(depth: number): Tree {
  const t = allocTree(2);
  let level = [0];
  for (let d = 0; d < depth; d++) {
    const next: number[] = [];
    for (const nid of level) {
      expandNode(t, nid, d, d + 0.5, nid % 2 === 0, 0, 0.01 * nid, -0.01 * nid, 1, 2, 1, 1);
      next.push(t.left[nid], t.right[nid]);
    }
    level = next;
  }
  return compactTree(t);
}

/** Splits random leaves `splits` times (seeded): an unbalanced tree. */
function randomTree(splits: number, seed: number): Tree {
  const rng = new SeededRandom(seed);
  const t = allocTree(2);
  const leaves = [0];
  for (let s = 0; s < splits; s++) {
    const nid = leaves.splice(rng.nextInt(leaves.length), 1)[0];
    expandNode(t, nid, rng.nextInt(5), rng.next(), rng.next() < 0.5, 0, rng.next() - 0.5, rng.next() - 0.5, rng.next(), 1, 0.5, 0.5);
    leaves.push(t.left[nid], t.right[nid]);
  }
  return compactTree(t);
}

/** The smallest horizontal space between two boxes of one row (Infinity with one box per row). */
function minRowGap(layout: TreeLayout): number {
  const rows = new Map<number, PositionedNode[]>();
  for (const b of layout.boxes) rows.set(b.y, [...(rows.get(b.y) ?? []), b]);
  let gap = Infinity;
  for (const row of rows.values()) {
    row.sort((a, b) => a.x - b.x);
    for (let i = 1; i < row.length; i++) gap = Math.min(gap, (row[i].x - row[i].width / 2) - (row[i - 1].x + row[i - 1].width / 2));
  }
  return gap;
}

const box = (l: TreeLayout, id: number) => l.boxes.find((b) => b.id === id)!;

describe('layoutTree', () => {
  it('places leaves in evenly spaced slots left to right and centres each split over its children', () => {
    const l = layoutTree(smallTree(), ['a', 'b'], { margin: 8 });
    // Leaves in drawing order: 3 (yes of 1), 4 (no of 1), 2 (no of the root).
    const [x3, x4, x2] = [box(l, 3).x, box(l, 4).x, box(l, 2).x];
    const slot = x4 - x3;
    expect(x3).toBeCloseTo(8 + slot / 2, EPS);
    expect(x2 - x4).toBeCloseTo(slot, EPS);
    expect(box(l, 1).x).toBeCloseTo((x3 + x4) / 2, EPS);
    expect(box(l, 0).x).toBeCloseTo((box(l, 1).x + x2) / 2, EPS);
    expect(l.width).toBe(Math.ceil(16 + 3 * slot));
    expect([box(l, 0).y, box(l, 1).y, box(l, 3).y]).toEqual([8 + 17, 8 + 84 + 17, 8 + 168 + 17]);
    expect(l.height).toBe(16 + 2 * 84 + 34);
    expect(l.leaves).toBe(3);
    expect(l.depth).toBe(2);
  });

  it('labels splits "feature < threshold" with the missing direction, gain and cover, and leaves with their value', () => {
    const l = layoutTree(smallTree(), ['a', 'b']);
    expect(l.nodes.map((n) => n.id)).toEqual([0, 1, 2, 3, 4]);
    expect(l.nodes[0]).toMatchObject({ leaf: false, feature: 1, featureName: 'b', thresholdText: '0.5', label: 'b < 0.5', missing: 'left', missingText: 'missing → left', gain: 10, cover: 100, value: null, yes: 1, no: 2, depth: 0 });
    expect(l.nodes[1]).toMatchObject({ label: 'a < 0.3', missing: 'right', missingText: 'missing → right', gain: 4, cover: 60, yes: 3, no: 4 });
    expect(l.nodes[2]).toMatchObject({ leaf: true, label: 'leaf', feature: null, threshold: null, gain: null, cover: 40, yes: null, no: null });
    expect(l.nodes[2].value).toBe(Math.fround(-0.2));
    expect(l.nodes[3].value).toBe(Math.fround(0.05));
  });

  it('labels edges yes / no and marks the one that takes missing values', () => {
    const l = layoutTree(smallTree(), ['a', 'b']);
    expect(l.edges.map((e) => [e.from, e.to, e.kind, e.missing, e.label])).toEqual([
      [0, 1, 'yes', true, 'yes, missing'],
      [0, 2, 'no', false, 'no'],
      [1, 3, 'yes', false, 'yes'],
      [1, 4, 'no', true, 'no, missing'],
    ]);
    const e = l.edges[0];
    expect([e.x1, e.y1, e.x2, e.y2]).toEqual([box(l, 0).x, box(l, 0).y + 17, box(l, 1).x, box(l, 1).y - 17]);
  });

  it('names features f<index> when names are missing', () => {
    const l = layoutTree(smallTree(), ['a']);
    expect(l.nodes[0].label).toBe('f1 < 0.5');
    expect(l.nodes[1].label).toBe('a < 0.3');
  });

  it('keeps boxes of one row apart in a full depth-6 tree with long feature names (64 leaves)', () => {
    const names = ['a_rather_long_feature_name_indeed', 'x', 'y', 'z', 'w', 'v'];
    const l = layoutTree(fullTree(6), names, { gap: 12 });
    expect(l.leaves).toBe(64);
    expect(l.boxes).toHaveLength(127);
    expect(l.edges).toHaveLength(126);
    expect(minRowGap(l)).toBeGreaterThanOrEqual(12 - 1e-9);
    // The label is cut at 26 characters in the box, so the slot (and the width) stays bounded.
    expect(l.width).toBeLessThanOrEqual(16 + 64 * 100);
  });

  it('keeps boxes of one row apart in unbalanced random trees', () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const l = layoutTree(randomTree(30, seed), ['alpha', 'beta_gamma_delta', 'c', 'd', 'epsilon_zeta']);
      expect(l.leaves).toBe(31);
      expect(minRowGap(l)).toBeGreaterThanOrEqual(12 - 1e-9);
      for (const b of l.boxes) {
        expect(b.x - b.width / 2).toBeGreaterThanOrEqual(0);
        expect(b.x + b.width / 2).toBeLessThanOrEqual(l.width);
      }
    }
  });

  it('collapses subtrees below maxDepth into one box that counts the hidden nodes, and still lists every node', () => {
    const l = layoutTree(fullTree(4), [], { maxDepth: 2 });
    expect(l.nodes).toHaveLength(31);
    expect(l.boxes).toHaveLength(7);
    expect(l.edges).toHaveLength(6);
    const row2 = l.boxes.filter((b) => b.depth === 2);
    expect(row2.map((b) => b.hidden)).toEqual([6, 6, 6, 6]);
    expect(l.boxes.filter((b) => b.depth < 2).every((b) => b.hidden === 0)).toBe(true);
    expect(minRowGap(l)).toBeGreaterThanOrEqual(12 - 1e-9);
    expect(l.depth).toBe(4);
    expect(l.height).toBe(16 + 2 * 84 + 34);
  });

  it('draws a single-leaf tree as one box', () => {
    const t = allocTree(1);
    t.threshold[0] = 0.25;
    t.sumHessian[0] = 7;
    const l = layoutTree(compactTree(t));
    expect(l.boxes).toHaveLength(1);
    expect(l.edges).toEqual([]);
    expect(l.boxes[0]).toMatchObject({ leaf: true, value: 0.25, cover: 7, hidden: 0 });
    expect(l.depth).toBe(0);
  });

  it('refuses a negative maxDepth with a sentence naming it', () => {
    expect(() => layoutTree(smallTree(), [], { maxDepth: -1 })).toThrow('maxDepth must be ≥ 0, got -1');
  });
});

describe('shortestFloat32', () => {
  it('prints the shortest decimal that reads back as the same float32', () => {
    expect(shortestFloat32(0.1)).toBe('0.1');
    expect(shortestFloat32(Math.fround(0.1))).toBe('0.1');
    expect(shortestFloat32(205.5)).toBe('205.5');
    expect(shortestFloat32(1 / 3)).toBe('0.33333334');
    expect(shortestFloat32(-2.75)).toBe('-2.75');
    expect(shortestFloat32(16777217)).toBe('16777216');
    expect(shortestFloat32(1e-7)).toBe('1e-7');
    expect(shortestFloat32(0)).toBe('0');
    for (const v of [Math.PI, 1e30, -3.4e38, 1.17549435e-38]) expect(Math.fround(Number(shortestFloat32(v)))).toBe(Math.fround(v));
  });
});
