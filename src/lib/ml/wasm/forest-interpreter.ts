// A tree ensemble walked by a small WebAssembly loop over packed nodes in linear memory: the strategy for
// models too big to compile to code. Each node is 16 bytes: the split feature's byte offset (top bit set
// when a missing value goes left), the threshold (the value at a leaf), and the byte addresses of the left
// and right children. A leaf's children are itself, so a walk can take more steps than it needs: LANES rows
// walk each tree together, branch-free (select), for exactly the tree's depth, which keeps the CPU busy on
// independent rows instead of mispredicting branches. Then each row's leaf value is added (f32.add) into
// its group margin; trees go in order.
import { emitModule, ByteWriter, F32, I32, OP, VOID } from './emit.ts';
import { nodeCount, type ForestLayout } from './forest-layout.ts';

const NODE = 16;
const ENTRY = 16;
/** Rows that walk a tree together; the row block (and its margins) must have room for LANES − 1 extra rows. */
export const LANES = 8;

/** Bytes the packed trees take (nodes, then a table of root address, group byte offset and depth per tree). */
export function packedBytes(layout: ForestLayout): number {
  return nodeCount(layout) * NODE + layout.trees.length * ENTRY;
}

/** Edges on the tree's longest root-to-leaf path. */
export function treeDepth(left: Int32Array, right: Int32Array): number {
  let deepest = 0;
  const stack: number[] = [0, 0];
  while (stack.length) {
    const d = stack.pop()!, n = stack.pop()!;
    if (left[n] === -1) { deepest = Math.max(deepest, d); continue; }
    stack.push(left[n], d + 1, right[n], d + 1);
  }
  return deepest;
}

/** Writes the packed trees at byte address `base` (a multiple of 16) of `memory`; returns the tree table's address. */
export function packForest(layout: ForestLayout, memory: ArrayBuffer, base: number): number {
  const i32 = new Int32Array(memory);
  const f32 = new Float32Array(memory);
  let addr = base;
  const table = base + nodeCount(layout) * NODE;
  layout.trees.forEach((tree, t) => {
    for (let n = 0; n < tree.nNodes; n++) {
      const a = addr + n * NODE, w = a >> 2;
      const leaf = tree.left[n] === -1;
      i32[w] = leaf ? 0 : (tree.feature[n] * 4) | (tree.defaultLeft[n] ? 0x80000000 : 0);
      f32[w + 1] = tree.threshold[n];
      i32[w + 2] = leaf ? a : addr + tree.left[n] * NODE;
      i32[w + 3] = leaf ? a : addr + tree.right[n] * NODE;
    }
    const e = (table + t * ENTRY) >> 2;
    i32[e] = addr;
    i32[e + 1] = layout.groupOf[t] * 4;
    i32[e + 2] = treeDepth(tree.left, tree.right);
    addr += tree.nNodes * NODE;
  });
  return table;
}

// run's parameters, then locals: tree entry, row address, end, margin address, steps left, then per lane
// its node and scratch (feature word, value).
const X = 0, N = 1, OUT = 2, T = 3, ROW = 4, END = 5, O = 6, D = 7;
const NODEL = (k: number) => 8 + k;
const FW = 8 + LANES, V = 9 + LANES;

/** A module exporting `run(x, n, out)` over the trees packed at `table` (see packForest). */
export function forestInterpreterModule(layout: ForestLayout, table: number, minPages: number): Uint8Array {
  const s4 = layout.stride * 4, g4 = layout.groups * 4, tableEnd = table + layout.trees.length * ENTRY;
  const b = new ByteWriter();
  const get = (l: number) => b.byte(OP.local_get).u32(l);
  const set = (l: number) => b.byte(OP.local_set).u32(l);
  const c = (v: number) => b.byte(OP.i32_const).i32(v);
  const blockLoop = () => b.byte(OP.block).byte(VOID).byte(OP.loop).byte(VOID);
  const endLoop = () => b.byte(OP.br).u32(0).byte(OP.end).byte(OP.end);
  c(table); set(T);
  blockLoop();
  get(T); c(tableEnd); b.byte(OP.i32_ge_u).byte(OP.br_if).u32(1);
  get(X); set(ROW);
  get(X); get(N); c(s4); b.byte(OP.i32_mul).byte(OP.i32_add); set(END);
  get(OUT); get(T); b.mem(OP.i32_load, 4); b.byte(OP.i32_add); set(O);
  blockLoop(); // LANES rows at a time
  get(ROW); get(END); b.byte(OP.i32_ge_u).byte(OP.br_if).u32(1);
  for (let k = 0; k < LANES; k++) { get(T); b.mem(OP.i32_load, 0); set(NODEL(k)); }
  get(T); b.mem(OP.i32_load, 8); set(D);
  blockLoop(); // depth steps
  get(D); b.byte(OP.i32_eqz).byte(OP.br_if).u32(1);
  for (let k = 0; k < LANES; k++) {
    const nk = NODEL(k);
    get(nk); b.mem(OP.i32_load, 8);
    get(nk); b.mem(OP.i32_load, 12);
    get(ROW); get(nk); b.mem(OP.i32_load, 0); b.byte(OP.local_tee).u32(FW); c(0x7fffffff); b.byte(OP.i32_and).byte(OP.i32_add);
    b.mem(OP.f32_load, k * s4); b.byte(OP.local_tee).u32(V);
    get(nk); b.mem(OP.f32_load, 4); b.byte(OP.f32_lt);
    get(FW); c(31); b.byte(OP.i32_shr_u); get(V); get(V); b.byte(OP.f32_ne).byte(OP.i32_and).byte(OP.i32_or);
    b.byte(OP.select); set(nk);
  }
  get(D); c(-1); b.byte(OP.i32_add); set(D);
  endLoop();
  for (let k = 0; k < LANES; k++) {
    get(O); get(O); b.mem(OP.f32_load, k * g4); get(NODEL(k)); b.mem(OP.f32_load, 4); b.byte(OP.f32_add); b.mem(OP.f32_store, k * g4);
  }
  get(ROW); c(LANES * s4); b.byte(OP.i32_add); set(ROW);
  get(O); c(LANES * g4); b.byte(OP.i32_add); set(O);
  endLoop();
  get(T); c(ENTRY); b.byte(OP.i32_add); set(T);
  endLoop();
  const locals = [I32, I32, I32, I32, I32, ...Array.from({ length: LANES }, () => I32), I32, F32];
  return emitModule([{ params: [I32, I32, I32], results: [], locals, body: b.finish(), export: 'run' }], minPages);
}
