// A POSIX ustar archive of regular files, written by hand (512-byte header and data blocks, octal fields,
// the header checksum, two zero blocks at the end), and gzip through the platform's CompressionStream, so
// model.tar.gz needs no dependency in Node 20 or a browser.

/** One regular file of an archive. */
export interface TarEntry {
  /** Path inside the archive: 1–100 bytes of UTF-8, no leading '/', no '..' segment. */
  name: string;
  data: Uint8Array;
  /** Permission bits; defaults to 0o644. */
  mode?: number;
  /** Modification time; defaults to now. */
  mtime?: Date;
}

const BLOCK = 512;
const encoder = new TextEncoder();

function writeText(header: Uint8Array, offset: number, length: number, text: string): void {
  const bytes = encoder.encode(text);
  if (bytes.length > length) throw new RangeError(`tar: ${JSON.stringify(text)} does not fit a ${length}-byte field`);
  header.set(bytes, offset);
}

/** An octal number of `length − 1` digits and a NUL, as ustar numeric fields are written. */
function writeOctal(header: Uint8Array, offset: number, length: number, value: number): void {
  const digits = value.toString(8).padStart(length - 1, '0');
  if (digits.length > length - 1) throw new RangeError(`tar: ${value} does not fit a ${length}-byte octal field`);
  writeText(header, offset, length, `${digits}\0`);
}

function checkName(name: string): void {
  const bytes = encoder.encode(name).length;
  if (bytes === 0 || bytes > 100) throw new RangeError(`tar: entry name must be 1–100 bytes; ${JSON.stringify(name)} is ${bytes}`);
  if (name.startsWith('/') || name.split('/').includes('..')) throw new RangeError(`tar: entry name ${JSON.stringify(name)} must be relative, without '..'`);
}

/** The 512-byte ustar header of `entry`. */
export function tarHeader(entry: TarEntry): Uint8Array {
  checkName(entry.name);
  const h = new Uint8Array(BLOCK);
  const mtime = Math.floor((entry.mtime ?? new Date()).getTime() / 1000);
  writeText(h, 0, 100, entry.name);
  writeOctal(h, 100, 8, entry.mode ?? 0o644);
  writeOctal(h, 108, 8, 0); // uid
  writeOctal(h, 116, 8, 0); // gid
  writeOctal(h, 124, 12, entry.data.length);
  writeOctal(h, 136, 12, Math.max(0, mtime));
  h.fill(0x20, 148, 156); // the checksum counts its own field as spaces
  h[156] = 0x30; // typeflag '0': regular file
  writeText(h, 257, 6, 'ustar\0');
  writeText(h, 263, 2, '00');
  writeText(h, 265, 32, 'root');
  writeText(h, 297, 32, 'root');
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += h[i];
  writeText(h, 148, 8, `${sum.toString(8).padStart(6, '0')}\0 `);
  return h;
}

/** The archive of `entries`: header and data (padded to 512 bytes) per file, then two zero blocks. */
export function tar(entries: readonly TarEntry[]): Uint8Array {
  const size = entries.reduce((n, e) => n + BLOCK + Math.ceil(e.data.length / BLOCK) * BLOCK, 2 * BLOCK);
  const out = new Uint8Array(size);
  let at = 0;
  for (const e of entries) {
    out.set(tarHeader(e), at);
    out.set(e.data, at + BLOCK);
    at += BLOCK + Math.ceil(e.data.length / BLOCK) * BLOCK;
  }
  return out;
}

/** `bytes` gzip-compressed with the platform's CompressionStream (Node 18+, every current browser). */
export async function gzip(bytes: Uint8Array): Promise<Uint8Array> {
  if (typeof CompressionStream !== 'function') throw new Error('gzip needs CompressionStream, which this JavaScript runtime lacks (Node 18+ or a current browser has it)');
  const stream = new Blob([bytes as BlobPart]).stream().pipeThrough(new CompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}
