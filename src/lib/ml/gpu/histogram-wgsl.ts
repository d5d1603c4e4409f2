// WGSL source of the gradient-histogram kernel (see histogram-kernel.ts for the host side and the numbers).
//
// One workgroup takes a chunk of the node's rows and a group of consecutive features whose slots fit in
// workgroup memory. Each invocation quantises its row's gradient pair to fixed point (i32, scale a power of
// two chosen on the host from max |g| and max |h|) and adds it into 64-bit accumulators built from two
// atomic<u32> words (low word with carry detection, high word), one pair for G and one for H per slot.
// Integer addition is exact and associative, so the order in which invocations and workgroups land does
// not change the result: the histogram is deterministic and equals the exact sum of the quantised values.
// At the end the workgroup flushes its non-zero slots into the global histogram with the same 64-bit add.

/** Workgroup-memory words per histogram slot: G low, G high, H low, H high. */
export const WORDS_PER_SLOT = 4;

/** The kernel's WGSL for `workgroupSize` invocations and at most `maxSlots` slots per feature group. */
export function histogramWgsl(workgroupSize: number, maxSlots: number): string {
  return HISTOGRAM_WGSL
    .replace('__WORKGROUP_SIZE__', `${workgroupSize}u`)
    .replace('__MAX_SLOTS__', `${maxSlots}u`);
}

const HISTOGRAM_WGSL = /* wgsl */ `
const WG: u32 = __WORKGROUP_SIZE__;
const MAX_SLOTS: u32 = __MAX_SLOTS__;

struct Params {
  count: u32,        // rows in this build
  nCols: u32,
  rowsPerGroup: u32, // rows per workgroup chunk
  wide: u32,         // 1: codes are u16 (2 per word); 0: u8 (4 per word)
  scaleG: f32,       // power-of-two fixed-point scales
  scaleH: f32,
  pad0: u32,
  pad1: u32,
}

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> codes: array<u32>;
@group(0) @binding(2) var<storage, read> gpair: array<vec2<f32>>;
@group(0) @binding(3) var<storage, read> rows: array<u32>;
@group(0) @binding(4) var<storage, read> offsets: array<u32>;
@group(0) @binding(5) var<storage, read> groups: array<vec2<u32>>;
@group(0) @binding(6) var<storage, read_write> hist: array<atomic<u32>>;

var<workgroup> acc: array<atomic<u32>, 4u * MAX_SLOTS>;

// acc[i..i+1] += sign-extended v, as a 64-bit two's-complement integer.
fn addLocal(i: u32, v: i32) {
  let x = bitcast<u32>(v);
  let old = atomicAdd(&acc[i], x);
  let hiAdd = select(0u, 0xffffffffu, v < 0) + select(0u, 1u, old + x < old);
  if (hiAdd != 0u) { atomicAdd(&acc[i + 1u], hiAdd); }
}

// hist[i..i+1] += (hi, lo), 64-bit.
fn addGlobal(i: u32, lo: u32, hi: u32) {
  let old = atomicAdd(&hist[i], lo);
  let hiAdd = hi + select(0u, 1u, old + lo < old);
  if (hiAdd != 0u) { atomicAdd(&hist[i + 1u], hiAdd); }
}

fn code(idx: u32) -> u32 {
  if (params.wide != 0u) {
    return (codes[idx >> 1u] >> ((idx & 1u) * 16u)) & 0xffffu;
  }
  return (codes[idx >> 2u] >> ((idx & 3u) * 8u)) & 0xffu;
}

@compute @workgroup_size(WG)
fn main(@builtin(workgroup_id) wg: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let grp = groups[wg.y];
  let base = offsets[grp.x];
  let nSlots = offsets[grp.y] - base;
  for (var s = lid; s < 4u * nSlots; s += WG) {
    atomicStore(&acc[s], 0u);
  }
  workgroupBarrier();

  let begin = wg.x * params.rowsPerGroup;
  let end = min(begin + params.rowsPerGroup, params.count);
  for (var k = begin + lid; k < end; k += WG) {
    let r = rows[k];
    let gp = gpair[r];
    let qg = i32(round(gp.x * params.scaleG));
    let qh = i32(round(gp.y * params.scaleH));
    let rowBase = r * params.nCols;
    for (var j = grp.x; j < grp.y; j++) {
      let s = (offsets[j] - base + code(rowBase + j)) * 4u;
      if (qg != 0) { addLocal(s, qg); }
      if (qh != 0) { addLocal(s + 2u, qh); }
    }
  }
  workgroupBarrier();

  for (var s = lid; s < nSlots; s += WG) {
    let a = 4u * s;
    let o = 4u * (base + s);
    let gLo = atomicLoad(&acc[a]);
    let gHi = atomicLoad(&acc[a + 1u]);
    let hLo = atomicLoad(&acc[a + 2u]);
    let hHi = atomicLoad(&acc[a + 3u]);
    if (gLo != 0u || gHi != 0u) { addGlobal(o, gLo, gHi); }
    if (hLo != 0u || hHi != 0u) { addGlobal(o + 2u, hLo, hHi); }
  }
}
`;
