// Golden test of the lineage layout (CONVENTIONS §11): a small fixed graph is laid out, node columns, rows and boxes
// and edge endpoints and paths rounded to 3 decimals, and compared with golden/lineage-layout.json. On a mismatch
// lineage-layout-changed.json is written beside it for review; UPDATE_GOLDEN=1 rewrites the golden.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { arnOf, type LineageEdge, type LineageGraph, type LineageNode } from '../../../../src/lib/lineage/index.ts';
import { categoryOf, layoutLineage, stagesOf, withoutMinorArtifacts, STAGES } from '../../../../src/components/models/lineage-layout.ts';

const DIR = new URL('./golden/', import.meta.url);

const art = (hash: string, type: string, label: string): LineageNode => ({ id: arnOf('artifact', hash), kind: 'artifact', type, label });
const run = (name: string, type: string): LineageNode => ({ id: arnOf('experiment-trial-component', name), kind: 'experiment-trial-component', type, label: name });
const edge = (source: LineageNode, target: LineageNode, type: LineageEdge['type']): LineageEdge => ({ source: source.id, target: target.id, type, association: { SourceArn: source.id, DestinationArn: target.id } });

// Two datasets; the first is profiled and trains a model that is registered and monitored, the second trains a second model.
const d1 = art('a1', 'DataSet', 'loan.arrows');
const d2 = art('a2', 'DataSet', 'churn.arrows');
const profile = run('profile-1', 'ProcessingJob');
const profileJson = art('a3', 'Report', 'profile.json');
const t1 = run('train-1', 'TrainingJob');
const t2 = run('train-2', 'TrainingJob');
const m1 = art('b1', 'Model', 'model.json');
const m2 = art('b2', 'Model', 'model.json');
const metrics = art('b3', 'Metrics', 'metrics.json');
const pkg: LineageNode = { id: arnOf('model-package', 'loan/1'), kind: 'model-package', type: 'ModelPackage', label: 'loan v1' };
const mon: LineageNode = { id: arnOf('monitoring-schedule', 'loan-monitor'), kind: 'monitoring-schedule', type: 'Monitor', label: 'loan-monitor' };
const GRAPH: LineageGraph = {
  nodes: [d1, d2, profile, profileJson, t1, t2, m1, m2, metrics, pkg, mon],
  edges: [
    edge(d1, profile, 'ContributedTo'), edge(profile, profileJson, 'Produced'), edge(d1, t1, 'ContributedTo'), edge(d2, t2, 'ContributedTo'),
    edge(t1, m1, 'Produced'), edge(t1, metrics, 'Produced'), edge(t2, m2, 'Produced'), edge(m1, pkg, 'DerivedFrom'), edge(pkg, mon, 'AssociatedWith'),
  ],
};

const r3 = (v: number) => Math.round(v * 1000) / 1000;
const short = (id: string) => id.slice(id.indexOf('/') + 1);

function snapshot(graph: LineageGraph): string {
  const l = layoutLineage(graph);
  // One line per column, node and edge, so a changed layout reads as a short diff.
  const lines = [
    JSON.stringify({ width: r3(l.width), height: r3(l.height) }),
    ...l.columns.map((c) => JSON.stringify({ column: c.label, stage: c.stage, x: r3(c.x) })),
    ...l.nodes.map((n) => JSON.stringify({ node: short(n.node.id), category: n.category, column: n.column, row: n.row, x: r3(n.x), y: r3(n.y), w: r3(n.width), h: r3(n.height) })),
    ...l.edges.map((e) => JSON.stringify({ edge: `${short(e.edge.source)} -> ${short(e.edge.target)}`, type: e.edge.type, x1: r3(e.x1), y1: r3(e.y1), x2: r3(e.x2), y2: r3(e.y2), path: e.path.replace(/-?\d+\.\d+(?:e[-+]?\d+)?/gi, (n) => String(r3(Number(n)))) })),
  ];
  return `[\n${lines.join(',\n')}\n]\n`;
}

function compareGolden(name: string, text: string): string | null {
  mkdirSync(DIR, { recursive: true });
  const golden = new URL(`${name}.json`, DIR);
  const changed = new URL(`${name}-changed.json`, DIR);
  if (process.env.UPDATE_GOLDEN === '1') { writeFileSync(golden, text); rmSync(changed, { force: true }); return null; }
  if (!existsSync(golden)) { writeFileSync(changed, text); return `no golden ${name}.json yet; review ${name}-changed.json and run with UPDATE_GOLDEN=1 to store it`; }
  if (readFileSync(golden, 'utf8') === text) { rmSync(changed, { force: true }); return null; }
  writeFileSync(changed, text);
  return `${name}.json differs from the layout; see ${name}-changed.json (UPDATE_GOLDEN=1 accepts it)`;
}

describe('layoutLineage', () => {
  it('layoutLineage(graph) matches the stored golden layout (3 decimals)', () => {
    expect(compareGolden('lineage-layout', snapshot(GRAPH))).toBeNull();
  });

  it('puts each node in its stage: dataset | processing | training | model | package | monitor, reports after their producer', () => {
    const s = stagesOf(GRAPH);
    const stage = (n: LineageNode) => STAGES[s.get(n.id)!];
    expect([d1, d2].map(stage)).toEqual(['Dataset', 'Dataset']);
    expect(stage(profile)).toBe('Processing');
    expect(stage(profileJson)).toBe('Training'); // one column after the profile run that produced it
    expect([t1, t2].map(stage)).toEqual(['Training', 'Training']);
    expect([m1, m2, metrics].map(stage)).toEqual(['Model', 'Model', 'Model']);
    expect(stage(pkg)).toBe('Model package');
    expect(stage(mon)).toBe('Monitor / Clarify');
    expect([d1, profile, t1, m1, metrics, pkg, mon, profileJson].map(categoryOf)).toEqual(['dataset', 'processing', 'training', 'model', 'artifact', 'package', 'monitor', 'artifact']);
  });

  it('draws every edge from the right middle of its source to the left middle of its target, left to right', () => {
    const l = layoutLineage(GRAPH);
    const at = new Map(l.nodes.map((n) => [n.node.id, n]));
    expect(l.edges).toHaveLength(GRAPH.edges.length);
    for (const e of l.edges) {
      const s = at.get(e.edge.source)!, t = at.get(e.edge.target)!;
      expect(e.x1).toBeCloseTo(s.x + s.width, 9);
      expect(e.y1).toBeCloseTo(s.y + s.height / 2, 9);
      expect(e.x2).toBeCloseTo(t.x, 9);
      expect(e.y2).toBeCloseTo(t.y + t.height / 2, 9);
      expect(e.x2).toBeGreaterThan(e.x1);
      expect(e.path.startsWith(`M${e.x1},${e.y1}`)).toBe(true);
    }
    // No two nodes overlap.
    for (const a of l.nodes) for (const b of l.nodes) if (a !== b) expect(a.x + a.width <= b.x || b.x + b.width <= a.x || a.y + a.height <= b.y || b.y + b.height <= a.y).toBe(true);
  });

  it('orders rows by what feeds them: each training run and its model in the order of their datasets (ties by label)', () => {
    const l = layoutLineage(GRAPH);
    const y = (n: LineageNode) => l.nodes.find((p) => p.node.id === n.id)!.y;
    expect(y(d2)).toBeLessThan(y(d1)); // 'churn.arrows' < 'loan.arrows'
    expect(y(t2)).toBeLessThan(y(t1));
    expect(y(m2)).toBeLessThan(y(m1));
  });

  it('skips stages without nodes, and lays out an empty graph as an empty drawing', () => {
    const l = layoutLineage({ nodes: [d1, t1, m1, pkg], edges: [edge(d1, t1, 'ContributedTo'), edge(t1, m1, 'Produced'), edge(m1, pkg, 'DerivedFrom')] });
    expect(l.columns.map((c) => c.label)).toEqual(['Dataset', 'Training', 'Model', 'Model package']);
    expect(l.nodes.map((n) => n.column)).toEqual([0, 1, 2, 3]);
    const empty = layoutLineage({ nodes: [], edges: [] });
    expect(empty.nodes).toEqual([]);
    expect(empty.columns).toEqual([]);
  });

  it('withoutMinorArtifacts keeps datasets, runs, models, packages and monitors and drops reports with their edges', () => {
    const g = withoutMinorArtifacts(GRAPH);
    expect(g.nodes.map((n) => short(n.id))).toEqual(['a1', 'a2', 'profile-1', 'train-1', 'train-2', 'b1', 'b2', 'loan/1', 'loan-monitor']);
    expect(g.edges).toHaveLength(GRAPH.edges.length - 2);
  });
});
