// Lays a lineage graph out in stage columns (dataset | processing | training | model | model package | monitor),
// left to right as data flows; d3-dag is not a dependency and the stages are known, so a column per stage and a
// barycentre ordering of rows (each node near the nodes that feed it) is all the layout a lineage needs.
// Pure: the Svelte component only draws what this returns, and a golden test pins the numbers.
import { linkHorizontal, scaleBand } from 'd3';
import type { LineageEdge, LineageGraph, LineageNode } from '../../lib/lineage/index.ts';

/** The stages, in column order; a node's stage comes from its kind and type (see stageOf). */
export const STAGES = ['Dataset', 'Processing', 'Training', 'Model', 'Model package', 'Monitor / Clarify', 'Report'] as const;

/** How a node is coloured: one of these, from its kind and type. */
export type NodeCategory = 'dataset' | 'processing' | 'training' | 'model' | 'package' | 'monitor' | 'artifact';

const RUN_STAGES: Record<string, number> = { ProcessingJob: 1, TrainingJob: 2, HyperParameterTuningJob: 2, AutoMLJob: 2, TrialComponent: 2, ClarifyJob: 5, MonitoringJob: 5, TransformJob: 5 };

/** The colour category of a node. */
export function categoryOf(node: Pick<LineageNode, 'kind' | 'type'>): NodeCategory {
  if (node.kind === 'artifact') return node.type === 'DataSet' ? 'dataset' : node.type === 'Model' ? 'model' : 'artifact';
  if (node.kind === 'model-package' || node.kind === 'model-package-group') return 'package';
  if (node.kind === 'monitoring-schedule') return 'monitor';
  if (node.kind === 'experiment-trial-component') {
    const s = RUN_STAGES[node.type] ?? 2;
    return s === 1 ? 'processing' : s === 5 ? 'monitor' : 'training';
  }
  return 'training';
}

/**
 * The stage (index into STAGES) of every node. Datasets, runs, models, packages and monitors have a fixed stage;
 * any other artifact (metrics, a profile, a report) sits one column after the latest node that feeds it.
 */
export function stagesOf(graph: LineageGraph): Map<string, number> {
  const upstream = new Map<string, string[]>();
  for (const e of graph.edges) upstream.set(e.target, [...(upstream.get(e.target) ?? []), e.source]);
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const out = new Map<string, number>();
  const visiting = new Set<string>();
  const stage = (n: LineageNode): number => {
    const known = out.get(n.id);
    if (known !== undefined) return known;
    let s: number;
    const cat = categoryOf(n);
    if (cat === 'dataset') s = 0;
    else if (cat === 'model') s = 3;
    else if (cat === 'package') s = 4;
    else if (n.kind === 'experiment-trial-component') s = RUN_STAGES[n.type] ?? 2;
    else if (n.kind === 'monitoring-schedule') s = 5;
    else if (n.kind === 'artifact') {
      visiting.add(n.id);
      const feeds = (upstream.get(n.id) ?? []).map((id) => byId.get(id)).filter((u): u is LineageNode => u !== undefined && !visiting.has(u.id));
      visiting.delete(n.id);
      s = feeds.length ? Math.min(STAGES.length - 1, Math.max(...feeds.map(stage)) + 1) : 3;
    } else s = 2;
    out.set(n.id, s);
    return s;
  };
  for (const n of graph.nodes) stage(n);
  return out;
}

/** Sizes of the drawing, in CSS pixels. */
export interface LayoutOptions {
  /** Width of a node box; defaults to 144. */
  nodeWidth?: number;
  /** Height of a node box; defaults to 40. */
  nodeHeight?: number;
  /** Space between columns, where edge labels go; defaults to 84. */
  columnGap?: number;
  /** Space between nodes of a column; defaults to 18. */
  rowGap?: number;
  /** Margin around the drawing; defaults to 12. */
  padding?: number;
  /** Height of the column headings above the nodes; defaults to 22. */
  header?: number;
}

export interface PlacedNode {
  node: LineageNode;
  category: NodeCategory;
  /** Index into STAGES. */
  stage: number;
  /** Column on screen (stages without nodes take no column). */
  column: number;
  /** Row within its column, from the top. */
  row: number;
  /** Top-left corner. */
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface PlacedEdge {
  edge: LineageEdge;
  /** Where it leaves its source (right middle) and enters its target (left middle). */
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  /** An SVG path (d3.linkHorizontal). */
  path: string;
  /** The middle of the link, where its association type is written. */
  labelX: number;
  labelY: number;
}

export interface LineageLayout {
  nodes: PlacedNode[];
  edges: PlacedEdge[];
  /** The heading of each column and its centre x. */
  columns: { stage: number; label: string; x: number }[];
  width: number;
  height: number;
}

const link = linkHorizontal<{ source: [number, number]; target: [number, number] }, [number, number]>();

/** Places every node in its stage's column, level with the mean of the nodes that feed it where there is room (ties: reports last, then by label and id). */
export function layoutLineage(graph: LineageGraph, options: LayoutOptions = {}): LineageLayout {
  const w = options.nodeWidth ?? 144, h = options.nodeHeight ?? 40, gap = options.columnGap ?? 84;
  const rowGap = options.rowGap ?? 18, pad = options.padding ?? 12, header = options.header ?? 22;
  const stages = stagesOf(graph);
  const used = [...new Set(stages.values())].sort((a, b) => a - b);
  const columnOf = new Map(used.map((s, i) => [s, i]));
  const upstream = new Map<string, string[]>();
  for (const e of graph.edges) upstream.set(e.target, [...(upstream.get(e.target) ?? []), e.source]);

  // Sugiyama's idea, kept small: an edge that skips a column passes through a thin placeholder in each column
  // between, so it bends around the nodes there instead of running behind them. Each node and placeholder sits
  // as near as it can to the mean height of what feeds it (a chain is a straight line), in that order down its
  // column, pushed down just enough not to overlap the one above.
  type Item = { node: LineageNode; want: number } | { edge: number; want: number };
  const columns: LineageNode[][] = used.map(() => []);
  for (const n of graph.nodes) columns[columnOf.get(stages.get(n.id)!)!].push(n);
  const colOf = new Map(graph.nodes.map((n) => [n.id, columnOf.get(stages.get(n.id)!)!]));
  const edgeY = new Map<number, number>();
  const via = new Map<number, { x: number; y: number }[]>();
  // Datasets and models before the metrics and reports beside them; placeholders after nodes.
  const minor = (n: LineageNode) => (categoryOf(n) === 'artifact' ? 1 : 0);
  const order = (a: Item, b: Item) => {
    if ('edge' in a || 'edge' in b) return 'edge' in a && 'edge' in b ? a.edge - b.edge : 'edge' in a ? 1 : -1;
    const m = a.node, n = b.node;
    return minor(m) - minor(n) || (m.label < n.label ? -1 : m.label > n.label ? 1 : m.id < n.id ? -1 : m.id > n.id ? 1 : 0);
  };
  const top = pad + header, thin = 8;
  const width = 2 * pad + used.length * w + Math.max(0, used.length - 1) * gap;
  const x = scaleBand<number>().domain(used.map((_, i) => i)).range([pad, width - pad]).paddingInner(used.length > 1 ? gap / (w + gap) : 0);
  const placed: PlacedNode[] = [];
  const byId = new Map<string, PlacedNode>();
  let bottom = top;
  columns.forEach((col, c) => {
    const items: Item[] = col.map((n) => {
      const fed = graph.edges.flatMap((e, i) => (e.target === n.id && edgeY.has(i) && colOf.get(e.source)! < c ? [edgeY.get(i)!] : []));
      return { node: n, want: fed.length ? fed.reduce((s, y) => s + y, 0) / fed.length - h / 2 : Infinity };
    });
    graph.edges.forEach((e, i) => {
      if (colOf.get(e.source)! < c && colOf.get(e.target)! > c && edgeY.has(i)) items.push({ edge: i, want: edgeY.get(i)! - thin / 2 });
    });
    items.sort((a, b) => a.want - b.want || order(a, b));
    let next = top, row = 0;
    for (const it of items) {
      const y = Number.isFinite(it.want) ? Math.max(next, it.want) : next;
      if ('edge' in it) {
        next = y + thin + rowGap;
        edgeY.set(it.edge, y + thin / 2);
        via.set(it.edge, [...(via.get(it.edge) ?? []), { x: x(c)!, y: y + thin / 2 }]);
        continue;
      }
      next = y + h + rowGap;
      bottom = Math.max(bottom, y + h);
      graph.edges.forEach((e, i) => { if (e.source === it.node.id) edgeY.set(i, y + h / 2); });
      const p: PlacedNode = { node: it.node, category: categoryOf(it.node), stage: used[c], column: c, row: row++, x: x(c)!, y, width: w, height: h };
      placed.push(p);
      byId.set(it.node.id, p);
    }
  });
  const height = bottom + pad;

  const edges: PlacedEdge[] = [];
  graph.edges.forEach((e, i) => {
    const s = byId.get(e.source), t = byId.get(e.target);
    if (!s || !t) return;
    const x1 = s.x + s.width, y1 = s.y + s.height / 2, x2 = t.x, y2 = t.y + t.height / 2;
    // Through each placeholder: a curve into its left side, a straight line across the column, a curve out.
    const points: [number, number][] = [[x1, y1]];
    for (const v of via.get(i) ?? []) points.push([v.x, v.y], [v.x + w, v.y]);
    points.push([x2, y2]);
    const parts: string[] = [];
    for (let k = 0; k + 1 < points.length; k += 2) parts.push((link({ source: points[k], target: points[k + 1] }) ?? '').slice(k ? 1 : 0));
    const path = parts.join('L');
    // The label sits in the first gap, beside the source, where edges of one node fan out.
    const [a, b] = [points[0], points[1]];
    edges.push({ edge: e, x1, y1, x2, y2, path, labelX: (a[0] + b[0]) / 2, labelY: (a[1] + b[1]) / 2 });
  });
  return { nodes: placed, edges, columns: used.map((s, i) => ({ stage: s, label: STAGES[s], x: x(i)! + w / 2 })), width, height };
}

/** `graph` without artifacts other than datasets and models (metrics, predictions, reports) and their edges. */
export function withoutMinorArtifacts(graph: LineageGraph): LineageGraph {
  const keep = new Set(graph.nodes.filter((n) => categoryOf(n) !== 'artifact').map((n) => n.id));
  return { nodes: graph.nodes.filter((n) => keep.has(n.id)), edges: graph.edges.filter((e) => keep.has(e.source) && keep.has(e.target)) };
}
