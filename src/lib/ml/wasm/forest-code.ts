// A tree ensemble compiled to straight-line WebAssembly: each tree becomes nested `if (result f32)` blocks
// whose tests load the split feature at a constant offset and compare it with the threshold as an f32
// constant; the leaf value is the block's result and is added (f32.add) into the row's group margin. Trees
// are split into functions of about `chunkNodes` nodes; each function walks every row of the block through
// its trees, and `run` calls them in tree order, so every row still sums its trees in order.
import { emitModule, ByteWriter, F32, I32, OP, VOID, type FunctionDef } from './emit.ts';
import type { ForestLayout } from './forest-layout.ts';

// run / chunk parameters: x (first row's byte address), n (rows), out (first margin's byte address).
const X = 0, N = 1, OUT = 2;
// chunk locals: row address, end address, margin address, the feature value, then one margin per group.
const ROW = 3, END = 4, O = 5, V = 6, M0 = 7;

function emitTree(b: ByteWriter, layout: ForestLayout, t: number): void {
  const tree = layout.trees[t];
  const { left, right, feature, threshold, defaultLeft } = tree;
  // An explicit stack (node ≥ 0, or -1 for `else`, -2 for `end`) instead of recursion: trees may be deep.
  const stack = [0];
  while (stack.length) {
    const n = stack.pop()!;
    if (n === -1) { b.byte(OP.else); continue; }
    if (n === -2) { b.byte(OP.end); continue; }
    if (left[n] === -1) { b.byte(OP.f32_const).f32(threshold[n]); continue; }
    b.byte(OP.local_get).u32(ROW).mem(OP.f32_load, feature[n] * 4);
    if (defaultLeft[n]) {
      // v < t, or v is NaN (missing): left.
      b.byte(OP.local_tee).u32(V).byte(OP.f32_const).f32(threshold[n]).byte(OP.f32_lt);
      b.byte(OP.local_get).u32(V).byte(OP.local_get).u32(V).byte(OP.f32_ne).byte(OP.i32_or);
    } else {
      // NaN compares false, so it goes right.
      b.byte(OP.f32_const).f32(threshold[n]).byte(OP.f32_lt);
    }
    b.byte(OP.if).byte(F32);
    stack.push(-2, right[n], -1, left[n]);
  }
}

function emitChunk(layout: ForestLayout, t0: number, t1: number): FunctionDef {
  const { stride, groups } = layout;
  const used = [...new Set(Array.from(layout.groupOf.subarray(t0, t1)))].sort((a, b) => a - b);
  const local = new Map(used.map((g, k) => [g, M0 + k]));
  const b = new ByteWriter();
  b.byte(OP.local_get).u32(X).byte(OP.local_set).u32(ROW);
  b.byte(OP.local_get).u32(X).byte(OP.local_get).u32(N).byte(OP.i32_const).i32(stride * 4).byte(OP.i32_mul).byte(OP.i32_add).byte(OP.local_set).u32(END);
  b.byte(OP.local_get).u32(OUT).byte(OP.local_set).u32(O);
  b.byte(OP.block).byte(VOID).byte(OP.loop).byte(VOID);
  b.byte(OP.local_get).u32(ROW).byte(OP.local_get).u32(END).byte(OP.i32_ge_u).byte(OP.br_if).u32(1);
  for (const g of used) b.byte(OP.local_get).u32(O).mem(OP.f32_load, g * 4).byte(OP.local_set).u32(local.get(g)!);
  for (let t = t0; t < t1; t++) {
    const m = local.get(layout.groupOf[t])!;
    b.byte(OP.local_get).u32(m);
    emitTree(b, layout, t);
    b.byte(OP.f32_add).byte(OP.local_set).u32(m);
  }
  for (const g of used) b.byte(OP.local_get).u32(O).byte(OP.local_get).u32(local.get(g)!).mem(OP.f32_store, g * 4);
  b.byte(OP.local_get).u32(ROW).byte(OP.i32_const).i32(stride * 4).byte(OP.i32_add).byte(OP.local_set).u32(ROW);
  b.byte(OP.local_get).u32(O).byte(OP.i32_const).i32(groups * 4).byte(OP.i32_add).byte(OP.local_set).u32(O);
  b.byte(OP.br).u32(0).byte(OP.end).byte(OP.end);
  return { params: [I32, I32, I32], results: [], locals: [I32, I32, I32, F32, ...used.map(() => F32)], body: b.finish() };
}

/**
 * A module exporting `run(x, n, out)`: adds the trees' leaf values into the margins at `out` (n × groups
 * float32) for the n rows at `x` (row-major float32, `layout.stride` per row), in tree order.
 */
export function forestCodeModule(layout: ForestLayout, minPages: number, chunkNodes = 512): Uint8Array {
  const chunks: FunctionDef[] = [];
  let t0 = 0, nodes = 0;
  for (let t = 0; t < layout.trees.length; t++) {
    nodes += layout.trees[t].nNodes;
    if (nodes >= chunkNodes || t === layout.trees.length - 1) {
      chunks.push(emitChunk(layout, t0, t + 1));
      t0 = t + 1;
      nodes = 0;
    }
  }
  const run = new ByteWriter();
  for (let c = 0; c < chunks.length; c++) {
    run.byte(OP.local_get).u32(X).byte(OP.local_get).u32(N).byte(OP.local_get).u32(OUT).byte(OP.call).u32(c + 1);
  }
  const entry: FunctionDef = { params: [I32, I32, I32], results: [], locals: [], body: run.finish(), export: 'run' };
  return emitModule([entry, ...chunks], minPages);
}
