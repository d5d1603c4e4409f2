// XGBoost prediction in WebAssembly: a model's trees (rounds [r0, r1)) become a module generated for that
// model: packed nodes walked by a small loop, several rows in lockstep (forest-interpreter.ts), or, for
// lopsided trees, straight-line code (forest-code.ts); see chooseStrategy. Rows are copied block by block into the module's memory as row-major float32, and
// the margins come out bit-identical to predictMargins: the same f32 compares, NaN the default way, leaf
// values added with f32.add tree by tree from the base margin. Compiling is asynchronous (Chrome refuses to
// compile big modules synchronously on the main thread) and cached per model object; without WebAssembly,
// or when compiling fails, callers fall back to the JS walk and forestFallbackReason says why.
import { readRow, type FeatureMatrix } from '../matrix.ts';
import { forestCodeModule } from '../wasm/forest-code.ts';
import { forestInterpreterModule, LANES, packForest, packedBytes, treeDepth } from '../wasm/forest-interpreter.ts';
import { nodeCount, type ForestLayout } from '../wasm/forest-layout.ts';
import { outputGroups, type XGBoostModel } from './model.ts';

/** Strategy: 'code' (straight-line code generated per model) or 'interpreter' (packed nodes, rows walked in lockstep). */
export type ForestStrategy = 'code' | 'interpreter';

export interface ForestOptions {
  /** 'code', 'interpreter', or 'auto' (see chooseStrategy); defaults to 'auto'. */
  strategy?: ForestStrategy | 'auto';
  /** Tree nodes per generated function (code strategy); defaults to 512 (smaller functions stay in the instruction cache). */
  chunkNodes?: number;
  /** Bytes of rows copied into the module per call; defaults to 32768 (the block stays in cache while each tree walks it). */
  blockBytes?: number;
}

/** Models with more nodes never use the code strategy: its module grows to megabytes and V8 spends seconds optimizing it. */
export const CODE_MAX_NODES = 200_000;
/**
 * Rows × trees below which compiling does not pay for itself. Compiling the bench model (100 trees, 12,700
 * nodes) takes 3–12 ms in Node and saves ~28 ns per tree per row, so it pays from ~1,000–4,000 rows (100,000–
 * 400,000 tree-rows); 1,000 depth-8 trees take 16–32 ms and save ~35 ns per tree per row.
 */
export const FOREST_BREAK_EVEN_TREE_ROWS = 500_000;

export interface WasmForest {
  strategy: ForestStrategy;
  /** Size of the generated module in bytes. */
  moduleBytes: number;
  /** Milliseconds to generate, compile and instantiate the module. */
  compileMs: number;
  layout: ForestLayout;
  memory: WebAssembly.Memory;
  run: (x: number, n: number, out: number) => void;
  /** Byte addresses of the row block and of its margins, and the block's row count. */
  xAddr: number;
  outAddr: number;
  blockRows: number;
}

/** Whether this runtime has WebAssembly. */
export function wasmAvailable(): boolean {
  return typeof WebAssembly === 'object' && WebAssembly !== null && typeof WebAssembly.compile === 'function';
}

function layoutOf(model: XGBoostModel, r0: number, r1: number): ForestLayout {
  const groups = outputGroups(model);
  return {
    trees: model.trees.slice(r0 * groups, r1 * groups),
    groupOf: model.treeInfo.slice(r0 * groups, r1 * groups),
    groups,
    stride: Math.max(1, model.numFeature),
  };
}

/**
 * The interpreter walks every row for each tree's full depth; code walks only each row's path. For balanced
 * trees (depth ≈ log2 leaves) the interpreter is as fast or faster and costs no per-model compile (bench
 * model: 8.3–10.5 vs 9.6–12.4 ns per tree per row in Node; 1,000 random depth-8 trees: 12–14 vs 20–25 ns,
 * and code's first pass runs at ~95 ns while V8 optimizes its 6 MB). For lopsided trees code wins (200 chains of depth 20: ~5 vs
 * 27 ns), so they get code while the model has at most CODE_MAX_NODES nodes.
 */
export function chooseStrategy(layout: ForestLayout): ForestStrategy {
  if (nodeCount(layout) > CODE_MAX_NODES) return 'interpreter';
  let depths = 0, balanced = 0;
  for (const t of layout.trees) {
    depths += treeDepth(t.left, t.right);
    balanced += Math.log2((t.nNodes + 1) / 2);
  }
  return depths > 1.5 * balanced + 1 ? 'code' : 'interpreter';
}

const align16 = (n: number) => Math.ceil(n / 16) * 16;

/** Generates, compiles and instantiates the forest for rounds [r0, r1) of `model`. Rejects without WebAssembly. */
export async function compileForest(model: XGBoostModel, r0: number, r1: number, options: ForestOptions = {}): Promise<WasmForest> {
  if (!wasmAvailable()) throw new Error('WebAssembly is not available in this runtime');
  const start = performance.now();
  const layout = layoutOf(model, r0, r1);
  const strategy: ForestStrategy = options.strategy === 'code' || options.strategy === 'interpreter' ? options.strategy : chooseStrategy(layout);
  const rowBytes = layout.stride * 4;
  const blockRows = Math.max(1, Math.min(8192, Math.floor((options.blockBytes ?? 32_768) / rowBytes)));
  const packedEnd = strategy === 'interpreter' ? 16 + packedBytes(layout) : 16;
  const xAddr = align16(packedEnd);
  // Room for LANES − 1 rows past the block: the interpreter walks rows LANES at a time.
  const outAddr = align16(xAddr + (blockRows + LANES) * rowBytes);
  const pages = Math.ceil((outAddr + (blockRows + LANES) * layout.groups * 4) / 65_536);
  // Addresses are i32 constants: keep the whole memory under 1 GiB.
  if (pages > 16_384) throw new Error(`the model's ${nodeCount(layout).toLocaleString('en')} nodes need more than 1 GiB of WebAssembly memory`);
  const memory = new WebAssembly.Memory({ initial: pages });
  let bytes: Uint8Array;
  if (strategy === 'interpreter') {
    const table = packForest(layout, memory.buffer, 16);
    bytes = forestInterpreterModule(layout, table, pages);
  } else {
    bytes = forestCodeModule(layout, pages, options.chunkNodes);
  }
  const module = await WebAssembly.compile(bytes as BufferSource);
  const instance = await WebAssembly.instantiate(module, { env: { mem: memory } });
  const run = instance.exports.run as (x: number, n: number, out: number) => void;
  return { strategy, moduleBytes: bytes.length, compileMs: performance.now() - start, layout, memory, run, xAddr, outAddr, blockRows };
}

/** Copies rows [start, start + n) of `m` into the forest's row block (row-major, `stride` values per row). */
function copyRows(f: WasmForest, m: FeatureMatrix, start: number, n: number, mem: Float32Array, row: Float32Array): void {
  const s = f.layout.stride;
  const x0 = f.xAddr >> 2;
  const sparse = m.sparse && Array.isArray(m.features) && m.features.length === 0;
  if (!sparse && !Array.isArray(m.features)) {
    const src = m.features;
    if (m.nCols === s) mem.set(src.subarray(start * s, (start + n) * s), x0);
    else for (let i = 0; i < n; i++) mem.set(src.subarray((start + i) * m.nCols, (start + i) * m.nCols + s), x0 + i * s);
  } else if (!sparse) {
    const cols = m.features as Float32Array[];
    for (let j = 0; j < s; j++) {
      const col = cols[j];
      for (let i = 0; i < n; i++) mem[x0 + i * s + j] = col[start + i];
    }
  } else {
    for (let i = 0; i < n; i++) { readRow(m, start + i, row); mem.set(row.subarray(0, s), x0 + i * s); }
  }
}

/** Margins (nRows × groups) of `m` through the compiled forest, starting from `base`. m.nCols must be ≥ the model's numFeature. */
export function forestMargins(f: WasmForest, m: FeatureMatrix, base: number): Float32Array {
  const g = f.layout.groups;
  const out = new Float32Array(m.nRows * g);
  const mem = new Float32Array(f.memory.buffer);
  const row = new Float32Array(m.nCols);
  const o0 = f.outAddr >> 2;
  for (let start = 0; start < m.nRows; start += f.blockRows) {
    const n = Math.min(f.blockRows, m.nRows - start);
    copyRows(f, m, start, n, mem, row);
    mem.fill(base, o0, o0 + n * g);
    f.run(f.xAddr, n, f.outAddr);
    out.set(mem.subarray(o0, o0 + n * g), start * g);
  }
  return out;
}

interface Entry {
  trees: readonly unknown[];
  promise: Promise<WasmForest | null>;
  forest?: WasmForest;
  reason?: string;
}
const cache = new WeakMap<XGBoostModel, Map<string, Entry>>();
const rowsSeen = new WeakMap<XGBoostModel, number>();

function entryOf(model: XGBoostModel, r0: number, r1: number): Entry | undefined {
  const e = cache.get(model)?.get(`${r0}:${r1}`);
  if (!e) return undefined;
  // A model whose trees changed since compiling (the same object grown further) needs a new module.
  const g = outputGroups(model);
  const ok = e.trees.length === (r1 - r0) * g && e.trees.every((t, k) => t === model.trees[r0 * g + k]);
  if (!ok) { cache.get(model)!.delete(`${r0}:${r1}`); return undefined; }
  return e;
}

/** The compiled forest for rounds [r0, r1) of `model` when it is ready; undefined while compiling, after a fallback, or never asked for. */
export function readyForest(model: XGBoostModel, r0: number, r1: number): WasmForest | undefined {
  return entryOf(model, r0, r1)?.forest;
}

/** Why rounds [r0, r1) of `model` predict with JS instead of WebAssembly; undefined when they do not (or were never compiled). */
export function forestFallbackReason(model: XGBoostModel, r0: number, r1: number): string | undefined {
  return entryOf(model, r0, r1)?.reason;
}

/** Compiles rounds [r0, r1) of `model` once (cached per model object); resolves to null, with the reason kept, when WebAssembly cannot be used. */
export function prepareForest(model: XGBoostModel, r0: number, r1: number, options: ForestOptions = {}): Promise<WasmForest | null> {
  const existing = entryOf(model, r0, r1);
  if (existing) return existing.promise;
  const g = outputGroups(model);
  const entry: Entry = { trees: model.trees.slice(r0 * g, r1 * g), promise: Promise.resolve(null) };
  entry.promise = compileForest(model, r0, r1, options).then(
    (f) => { entry.forest = f; return f; },
    (e: unknown) => { entry.reason = `WebAssembly forest unavailable, predicting in JS: ${e instanceof Error ? e.message : String(e)}`; return null; },
  );
  let byRange = cache.get(model);
  if (!byRange) cache.set(model, (byRange = new Map()));
  byRange.set(`${r0}:${r1}`, entry);
  return entry.promise;
}

/**
 * Whether a batch of `treeRows` (rows × trees) should compile the forest: 'now' when it alone pays for
 * compiling; 'background' once the model's smaller batches together have (those keep using JS meanwhile).
 */
export function compileDecision(model: XGBoostModel, treeRows: number): 'now' | 'background' | 'no' {
  if (treeRows >= FOREST_BREAK_EVEN_TREE_ROWS) return 'now';
  const seen = (rowsSeen.get(model) ?? 0) + treeRows;
  rowsSeen.set(model, seen);
  return seen >= FOREST_BREAK_EVEN_TREE_ROWS ? 'background' : 'no';
}
