// Collects a stream's chunks into one Uint8Array for the formats that need the whole file (Parquet,
// Arrow, JSON). A single chunk is kept as it is; otherwise the buffer is sized from the expected total
// so the file is copied once, not once per doubling.

export class ByteGatherer {
  private first: Uint8Array | null = null;
  private buffer: Uint8Array | null = null;
  length = 0;

  constructor(private readonly expected: number) {}

  push(chunk: Uint8Array): void {
    if (chunk.length === 0) return;
    if (this.first === null && this.buffer === null) {
      this.first = chunk;
      this.length = chunk.length;
      return;
    }
    const need = this.length + chunk.length;
    if (this.buffer === null || need > this.buffer.length) {
      const grown = new Uint8Array(Math.max(need, this.expected, (this.buffer?.length ?? 0) * 2));
      if (this.buffer) grown.set(this.buffer.subarray(0, this.length));
      else if (this.first) grown.set(this.first);
      this.buffer = grown;
      this.first = null;
    }
    this.buffer.set(chunk, this.length);
    this.length = need;
  }

  bytes(): Uint8Array {
    if (this.first) return this.first;
    return this.buffer ? this.buffer.subarray(0, this.length) : new Uint8Array(0);
  }
}
