// A minimal WebAssembly binary writer: a growable byte buffer with LEB128 integers and little-endian
// floats, the opcodes the generated modules use, and the module's sections. Written by hand so that
// generating a module needs no dependency (the format: https://webassembly.github.io/spec/core/binary/).

/** Value types. */
export const I32 = 0x7f;
export const F32 = 0x7d;
/** The block type of a block that yields nothing. */
export const VOID = 0x40;

/** The opcodes used by mlpad's generated modules. */
export const OP = {
  block: 0x02, loop: 0x03, if: 0x04, else: 0x05, end: 0x0b, br: 0x0c, br_if: 0x0d, call: 0x10, select: 0x1b,
  local_get: 0x20, local_set: 0x21, local_tee: 0x22,
  i32_load: 0x28, f32_load: 0x2a, f32_store: 0x38, i32_const: 0x41, f32_const: 0x43,
  i32_eqz: 0x45, i32_lt_u: 0x49, i32_ge_u: 0x4f, f32_ne: 0x5c, f32_lt: 0x5d,
  i32_add: 0x6a, i32_mul: 0x6c, i32_and: 0x71, i32_or: 0x72, i32_shr_u: 0x76, f32_add: 0x92,
} as const;

/** A growable byte buffer. */
export class ByteWriter {
  private buf = new Uint8Array(256);
  private view = new DataView(this.buf.buffer);
  length = 0;

  private reserve(n: number): void {
    if (this.length + n <= this.buf.length) return;
    const next = new Uint8Array(Math.max(this.buf.length * 2, this.length + n));
    next.set(this.buf.subarray(0, this.length));
    this.buf = next;
    this.view = new DataView(next.buffer);
  }

  byte(b: number): this {
    this.reserve(1);
    this.buf[this.length++] = b;
    return this;
  }

  bytes(b: ArrayLike<number>): this {
    this.reserve(b.length);
    this.buf.set(b, this.length);
    this.length += b.length;
    return this;
  }

  /** Unsigned LEB128 (n < 2^32). */
  u32(n: number): this {
    let v = n >>> 0;
    do {
      const b = v & 0x7f;
      v >>>= 7;
      this.byte(v === 0 ? b : b | 0x80);
    } while (v !== 0);
    return this;
  }

  /** Signed LEB128 of a 32-bit integer. */
  i32(n: number): this {
    let v = n | 0;
    for (;;) {
      const b = v & 0x7f;
      v >>= 7;
      const done = (v === 0 && (b & 0x40) === 0) || (v === -1 && (b & 0x40) !== 0);
      this.byte(done ? b : b | 0x80);
      if (done) return this;
    }
  }

  /** A float32, little-endian (the value is rounded to float32 first, so float32 inputs keep their bits). */
  f32(x: number): this {
    this.reserve(4);
    this.view.setFloat32(this.length, x, true);
    this.length += 4;
    return this;
  }

  /** A float64, little-endian. */
  f64(x: number): this {
    this.reserve(8);
    this.view.setFloat64(this.length, x, true);
    this.length += 8;
    return this;
  }

  /** A UTF-8 name, length-prefixed. */
  name(s: string): this {
    const b = new TextEncoder().encode(s);
    return this.u32(b.length).bytes(b);
  }

  /** `memarg` then opcode: a load or store at a constant byte offset (alignment 2^align). */
  mem(op: number, offset: number, align = 2): this {
    return this.byte(op).u32(align).u32(offset);
  }

  finish(): Uint8Array {
    return this.buf.slice(0, this.length);
  }
}

/** One function: its parameter and result types, extra locals (type per local) and body (without the final `end`). */
export interface FunctionDef {
  params: number[];
  results: number[];
  locals: number[];
  body: Uint8Array;
  /** Export name; defaults to none. */
  export?: string;
}

function section(out: ByteWriter, id: number, content: ByteWriter): void {
  out.byte(id).u32(content.length).bytes(content.finish());
}

/** A module that imports its memory as env.mem (at least `minPages` 64 KiB pages) and defines `funcs`. */
export function emitModule(funcs: readonly FunctionDef[], minPages: number): Uint8Array {
  const out = new ByteWriter().bytes([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]);
  const types = new ByteWriter().u32(funcs.length);
  for (const f of funcs) types.byte(0x60).u32(f.params.length).bytes(f.params).u32(f.results.length).bytes(f.results);
  section(out, 1, types);
  section(out, 2, new ByteWriter().u32(1).name('env').name('mem').byte(0x02).byte(0x00).u32(minPages));
  const fn = new ByteWriter().u32(funcs.length);
  funcs.forEach((_, i) => fn.u32(i));
  section(out, 3, fn);
  const exported = funcs.flatMap((f, i) => (f.export ? [[f.export, i] as const] : []));
  const exp = new ByteWriter().u32(exported.length);
  for (const [name, i] of exported) exp.name(name).byte(0x00).u32(i);
  section(out, 7, exp);
  const code = new ByteWriter().u32(funcs.length);
  for (const f of funcs) {
    const body = new ByteWriter();
    // Locals run-length encoded by type.
    const runs: [number, number][] = [];
    for (const t of f.locals) {
      if (runs.length && runs[runs.length - 1][1] === t) runs[runs.length - 1][0]++;
      else runs.push([1, t]);
    }
    body.u32(runs.length);
    for (const [n, t] of runs) body.u32(n).byte(t);
    body.bytes(f.body).byte(OP.end);
    code.u32(body.length).bytes(body.finish());
  }
  section(out, 10, code);
  return out.finish();
}
