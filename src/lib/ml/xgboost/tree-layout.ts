// A top-down tidy layout of one regression tree for drawing (pure: positions and texts, no DOM). Leaves
// sit in evenly spaced slots in left-to-right order and every split is centred over its two children,
// so boxes on one row never overlap: the slot width is chosen from the widest split label. Subtrees
// deeper than `maxDepth` are collapsed into one box so a deep tree still reads; every node, drawn or not,
// is listed in `nodes` for the table view.
import type { Tree } from './tree.ts';

export interface TreeNodeInfo {
  /** Node id in the tree's arrays (XGBoost's nodeid). */
  id: number;
  depth: number;
  leaf: boolean;
  /** Split feature index; null at a leaf. */
  feature: number | null;
  featureName: string | null;
  /** Split condition (a row goes to `yes` iff x < threshold), float32; null at a leaf. */
  threshold: number | null;
  /** The threshold's shortest decimal that reads back as the same float32. */
  thresholdText: string | null;
  /** "feature < threshold" for a split, "leaf" for a leaf. */
  label: string;
  /** Where a missing value goes; null at a leaf. */
  missing: 'left' | 'right' | null;
  /** "missing → left" / "missing → right"; null at a leaf. */
  missingText: string | null;
  /** The split's loss change (XGBoost's gain); null at a leaf. */
  gain: number | null;
  /** Hessian sum of the node's rows (XGBoost's cover). */
  cover: number;
  /** Leaf value (added to the margin); null at a split. */
  value: number | null;
  /** Child for x < threshold (left); null at a leaf. */
  yes: number | null;
  /** Child for x ≥ threshold (right); null at a leaf. */
  no: number | null;
}

export interface PositionedNode extends TreeNodeInfo {
  /** Box centre and size in layout pixels. */
  x: number;
  y: number;
  width: number;
  height: number;
  /** Nodes below this one that are not drawn (a collapsed subtree); 0 when all are drawn. */
  hidden: number;
}

export interface TreeEdge {
  from: number;
  to: number;
  kind: 'yes' | 'no';
  /** This edge also takes missing values. */
  missing: boolean;
  /** "yes", "no", "yes, missing" or "no, missing" (XGBoost's to_graphviz wording). */
  label: string;
  /** From the parent's bottom centre to the child's top centre. */
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

export interface TreeLayout {
  /** Every node reachable from the root, by node id. */
  nodes: TreeNodeInfo[];
  /** The drawn nodes with positions, parents before children. */
  boxes: PositionedNode[];
  edges: TreeEdge[];
  /** Size of the drawing in layout pixels. */
  width: number;
  height: number;
  /** Leaves and depth of the whole tree (root at depth 0). */
  leaves: number;
  depth: number;
}

export interface TreeLayoutOptions {
  /** Deepest level drawn; deeper subtrees collapse into their top split. Defaults to Infinity. */
  maxDepth?: number;
  /** Width of a leaf box; defaults to 72. */
  leafWidth?: number;
  /** Height of every box; defaults to 34. */
  nodeHeight?: number;
  /** Vertical distance between rows; defaults to 84. */
  levelHeight?: number;
  /** Least horizontal space between boxes; defaults to 12. */
  gap?: number;
  /** Split labels longer than this are cut with "…" in the box; defaults to 26. */
  maxLabelChars?: number;
  /** Estimated width of one label character; defaults to 6.4 (11px sans-serif). */
  charWidth?: number;
  /** Space around the drawing; defaults to 8. */
  margin?: number;
}

/** Shortest decimal that reads back as float32 `v` ("0.5", "205.5", "1e-7"). */
export function shortestFloat32(v: number): string {
  const x = Math.fround(v);
  if (!Number.isFinite(x)) return String(x);
  for (let p = 1; p < 9; p++) {
    const s = Number(x.toPrecision(p));
    if (Math.fround(s) === x) return String(s);
  }
  return String(Number(x.toPrecision(9)));
}

/** The node's text, with names from `featureNames` (f0, f1… where absent). */
export function describeNode(tree: Tree, id: number, depth: number, featureNames: readonly string[] = []): TreeNodeInfo {
  const leaf = tree.left[id] === -1;
  const cover = tree.sumHessian[id];
  if (leaf) {
    return { id, depth, leaf, feature: null, featureName: null, threshold: null, thresholdText: null, label: 'leaf', missing: null,
      missingText: null, gain: null, cover, value: tree.threshold[id], yes: null, no: null };
  }
  const feature = tree.feature[id];
  const featureName = featureNames[feature] || `f${feature}`;
  const thresholdText = shortestFloat32(tree.threshold[id]);
  const missing = tree.defaultLeft[id] ? 'left' : 'right';
  return { id, depth, leaf, feature, featureName, threshold: tree.threshold[id], thresholdText, label: `${featureName} < ${thresholdText}`,
    missing, missingText: `missing → ${missing}`, gain: tree.lossChange[id], cover, value: null, yes: tree.left[id], no: tree.right[id] };
}

/** Lays out `tree` top-down; see TreeLayoutOptions for the sizes. */
export function layoutTree(tree: Tree, featureNames: readonly string[] = [], options: TreeLayoutOptions = {}): TreeLayout {
  const { maxDepth = Infinity, leafWidth = 72, nodeHeight = 34, levelHeight = 84, gap = 12, maxLabelChars = 26, charWidth = 6.4, margin = 8 } = options;
  if (!(maxDepth >= 0)) throw new RangeError(`maxDepth must be ≥ 0, got ${maxDepth}`);
  if (tree.nNodes < 1) throw new RangeError('the tree has no nodes');

  // Pre-order from the root, left child first: leaves come out left to right.
  const order: number[] = [];
  const depthOf = new Int32Array(tree.nNodes);
  for (const stack = [0]; stack.length > 0;) {
    const id = stack.pop()!;
    order.push(id);
    if (tree.left[id] !== -1) {
      depthOf[tree.left[id]] = depthOf[tree.right[id]] = depthOf[id] + 1;
      stack.push(tree.right[id], tree.left[id]);
    }
  }
  const nodes = order.map((id) => describeNode(tree, id, depthOf[id], featureNames));
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const drawn = nodes.filter((n) => n.depth <= maxDepth);
  const collapsed = (n: TreeNodeInfo) => !n.leaf && n.depth === maxDepth;

  // At least 15 characters wide, so that "gain … · cover …" usually fits under a short label.
  const splitChars = Math.max(15, ...drawn.filter((n) => !n.leaf).map((n) => Math.min(maxLabelChars, n.label.length)));
  const splitWidth = Math.ceil(splitChars * charWidth + 16);
  // A split is centred ≥ 0.5 slot inside its leaves' span, so it is ≥ 2 slots from another split on its
  // row and ≥ 1.5 slots from a leaf; with these two bounds the split-to-leaf space (1.5 slots ≥
  // (leafWidth + gap) / 2 + (splitWidth + gap) / 2) is wide enough too.
  const slot = Math.max(leafWidth + gap, (splitWidth + gap) / 2);

  const x = new Map<number, number>();
  const hidden = new Map<number, number>();
  let cursor = 0;
  for (const n of drawn) {
    if (n.leaf) { x.set(n.id, margin + (cursor + 0.5) * slot); cursor += 1; }
    else if (collapsed(n)) { x.set(n.id, margin + (cursor + 1) * slot); cursor += 2; }
  }
  // Reverse pre-order meets every node after all of its descendants.
  for (let i = nodes.length - 1; i >= 0; i--) {
    const n = nodes[i];
    if (n.leaf) continue;
    hidden.set(n.id, 2 + (hidden.get(n.yes!) ?? 0) + (hidden.get(n.no!) ?? 0));
    if (n.depth < maxDepth) x.set(n.id, (x.get(n.yes!)! + x.get(n.no!)!) / 2);
  }
  const yOf = (d: number) => margin + d * levelHeight + nodeHeight / 2;
  const boxes: PositionedNode[] = drawn.map((n) => ({
    ...n, x: x.get(n.id)!, y: yOf(n.depth), width: n.leaf ? leafWidth : splitWidth, height: nodeHeight, hidden: collapsed(n) ? hidden.get(n.id)! : 0,
  }));
  const edges: TreeEdge[] = [];
  for (const b of boxes) {
    if (b.leaf || b.hidden > 0) continue;
    for (const kind of ['yes', 'no'] as const) {
      const child = byId.get(kind === 'yes' ? b.yes! : b.no!)!;
      const missing = (kind === 'yes') === (b.missing === 'left');
      edges.push({ from: b.id, to: child.id, kind, missing, label: missing ? `${kind}, missing` : kind,
        x1: b.x, y1: b.y + nodeHeight / 2, x2: x.get(child.id)!, y2: yOf(child.depth) - nodeHeight / 2 });
    }
  }
  const depth = Math.max(...nodes.map((n) => n.depth));
  const drawnDepth = Math.min(depth, maxDepth);
  return {
    nodes: nodes.slice().sort((a, b) => a.id - b.id),
    boxes, edges,
    width: Math.ceil(2 * margin + cursor * slot),
    height: Math.ceil(2 * margin + drawnDepth * levelHeight + nodeHeight),
    leaves: nodes.filter((n) => n.leaf).length,
    depth,
  };
}
