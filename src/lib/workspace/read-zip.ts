// Reads a workspace zip that may have been crafted to harm: the central directory is parsed here (it is the
// authority on names and sizes), every name and declared size is checked BEFORE anything is inflated, and each
// entry is then inflated in small steps through fflate's streaming Inflate, counting the bytes it really
// produces, so an entry that lies about its size is stopped within one step (at most ~16 MB past its
// declaration) instead of filling memory. fflate's own unzipSync neither checks CRCs nor stops an entry that
// outgrows its declared size, which is why the directory walk is not delegated to it.
import { Inflate } from 'fflate';
import { BLOB_PATH, formatBytes, MANIFEST_PATH, RECORDS_PATH, WorkspaceFileError, type WorkspaceLimits } from './format.ts';

/** Compressed bytes fed to the inflater per step; deflate expands at most ~1032×, so one step yields ≤ ~16 MB. */
const STEP = 16 * 1024;

const CORRUPT_ADVICE = 'The file is damaged or is not an mlpad workspace file: download or copy it again and retry.';

interface DirEntry { name: string; method: number; crc: number; compressedSize: number; size: number; localOffset: number; dataStart: number }

function corrupt(detail: string): WorkspaceFileError {
  return new WorkspaceFileError('corrupt', `This workspace file cannot be read: ${detail}. ${CORRUPT_ADVICE}`);
}

/** Returns why `name` is unsafe to treat as a path (traversal, absolute, odd characters), or undefined. */
export function unsafeNameReason(name: string): string | undefined {
  if (name.length === 0) return 'it is empty';
  if (/[\u0000-\u001f\u007f]/.test(name)) return 'it contains a control character (such as NUL)';
  if (name.includes('\\')) return 'it contains a backslash';
  if (name.startsWith('/') || /^[A-Za-z]:/.test(name)) return 'it is an absolute path';
  if (name.split('/').some((s) => s === '..' || s === '.')) return 'it climbs out of its folder (. or .. segment)';
  return undefined;
}

/** The kind of file a checked name is, or undefined outside the allowed layout. */
export function entryKind(name: string): 'manifest' | 'records' | 'blob' | 'folder' | undefined {
  if (name === MANIFEST_PATH) return 'manifest';
  if (RECORDS_PATH.test(name)) return 'records';
  if (BLOB_PATH.test(name)) return 'blob';
  if (name === 'records/' || name === 'blobs/') return 'folder';
  return undefined;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

function parseDirectory(bytes: Uint8Array, limits: Required<WorkspaceLimits>): DirEntry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const u16 = (at: number) => { if (at + 2 > bytes.length) throw corrupt('it ends in the middle of a header'); return view.getUint16(at, true); };
  const u32 = (at: number) => { if (at + 4 > bytes.length) throw corrupt('it ends in the middle of a header'); return view.getUint32(at, true); };
  if (bytes.length < 22) throw corrupt('it is too short to be a zip archive');
  // The end-of-central-directory record sits in the last 22 + (comment ≤ 65535) bytes.
  let eocd = -1;
  for (let at = bytes.length - 22; at >= Math.max(0, bytes.length - 22 - 0xffff); at--) {
    if (view.getUint32(at, true) === 0x06054b50 && at + 22 + u16(at + 20) === bytes.length) { eocd = at; break; }
  }
  if (eocd < 0) throw corrupt('it is not a zip archive, or its end was cut off');
  const count = u16(eocd + 10), dirSize = u32(eocd + 12), dirOffset = u32(eocd + 16);
  if (u16(eocd + 4) !== 0 || u16(eocd + 6) !== 0 || u16(eocd + 8) !== count) throw corrupt('it is split over several disks');
  if (count === 0xffff || dirSize === 0xffffffff || dirOffset === 0xffffffff) throw corrupt('it uses ZIP64, which workspace files never need');
  if (count > limits.maxEntries) throw new WorkspaceFileError('too-large', `This workspace file has ${count} entries, more than the ${limits.maxEntries} allowed; it was not made by mlpad's export. Nothing was imported.`);
  if (dirOffset + dirSize > eocd) throw corrupt('its directory points past its end');

  const entries: DirEntry[] = [];
  const seen = new Set<string>();
  let total = 0;
  for (let i = 0, at = dirOffset; i < count; i++) {
    if (u32(at) !== 0x02014b50) throw corrupt(`directory entry ${i + 1} is damaged`);
    const flags = u16(at + 8), method = u16(at + 10), crc = u32(at + 16);
    const compressedSize = u32(at + 20), size = u32(at + 24), nameLen = u16(at + 28);
    const next = at + 46 + nameLen + u16(at + 30) + u16(at + 32);
    const localOffset = u32(at + 42);
    if (next > dirOffset + dirSize) throw corrupt('its directory is longer than it says');
    let name: string;
    try { name = utf8.decode(bytes.subarray(at + 46, at + 46 + nameLen)); } catch { throw new WorkspaceFileError('unsafe-name', `This workspace file has an entry whose name is not valid text; it was not made by mlpad's export. Nothing was imported.`); }
    const shown = JSON.stringify(name.slice(0, 80));
    const unsafe = unsafeNameReason(name);
    if (unsafe) throw new WorkspaceFileError('unsafe-name', `This workspace file has an entry named ${shown}, which is unsafe: ${unsafe}. Do not use this file; ask its author for a fresh export. Nothing was imported.`);
    const kind = entryKind(name);
    if (!kind) throw new WorkspaceFileError('layout', `This workspace file has an entry ${shown} outside the workspace layout (mlpad-workspace.json, records/<collection>.json, blobs/<sha256>); it was not made by mlpad's export or was changed since. Nothing was imported.`);
    if (seen.has(name)) throw new WorkspaceFileError('duplicate', `This workspace file holds ${shown} twice, so which copy counts is ambiguous; ask its author for a fresh export. Nothing was imported.`);
    seen.add(name);
    if (flags & 1) throw corrupt(`${shown} is encrypted`);
    if (method !== 0 && method !== 8) throw corrupt(`${shown} uses compression method ${method}; only stored and deflate are read`);
    if (method === 0 && compressedSize !== size) throw corrupt(`${shown} is stored uncompressed but its two sizes differ`);
    at = next;
    if (kind === 'folder') { if (size !== 0) throw corrupt(`folder entry ${shown} has contents`); continue; }
    const cap = kind === 'blob' ? limits.maxBlobBytes : limits.maxJsonBytes;
    if (size > cap) throw new WorkspaceFileError('too-large', `${shown} in this workspace file would expand to ${formatBytes(size)}, more than the ${formatBytes(cap)} allowed for ${kind === 'blob' ? 'one blob' : 'one JSON file'}. Nothing was imported; raise the limit only for a file you trust.`);
    total += size;
    if (total > limits.maxTotalBytes) throw new WorkspaceFileError('too-large', `This workspace file would expand to more than ${formatBytes(limits.maxTotalBytes)}, the most an import accepts. Nothing was imported; raise the limit only for a file you trust.`);
    entries.push({ name, method, crc, compressedSize, size, localOffset, dataStart: 0 });
  }

  // Local headers: same name as the directory, data within the file, and no two entries sharing bytes (the
  // overlapping-entries bomb reuses one compressed stream under many names).
  for (const e of entries) {
    if (u32(e.localOffset) !== 0x04034b50) throw corrupt(`the header of ${JSON.stringify(e.name)} is missing`);
    const nameLen = u16(e.localOffset + 26);
    const localName = bytes.subarray(e.localOffset + 30, e.localOffset + 30 + nameLen);
    if (u16(e.localOffset + 8) !== e.method || localName.length !== nameLen || new TextDecoder().decode(localName) !== e.name) throw corrupt(`the two headers of ${JSON.stringify(e.name)} disagree`);
    e.dataStart = e.localOffset + 30 + nameLen + u16(e.localOffset + 28);
    if (e.dataStart + e.compressedSize > dirOffset) throw corrupt(`${JSON.stringify(e.name)} runs past the end of the data`);
  }
  const byOffset = [...entries].sort((a, b) => a.localOffset - b.localOffset);
  for (let i = 1; i < byOffset.length; i++) {
    const prev = byOffset[i - 1];
    if (byOffset[i].localOffset < prev.dataStart + prev.compressedSize) throw corrupt(`entries ${JSON.stringify(prev.name)} and ${JSON.stringify(byOffset[i].name)} overlap`);
  }
  return entries;
}

function inflateEntry(bytes: Uint8Array, e: DirEntry): Uint8Array {
  const data = bytes.subarray(e.dataStart, e.dataStart + e.compressedSize);
  if (e.method === 0) return data.slice();
  const out = new Uint8Array(e.size);
  let written = 0;
  const inflater = new Inflate((chunk) => {
    if (written + chunk.length > e.size) throw new WorkspaceFileError('too-large', `${JSON.stringify(e.name)} in this workspace file expands beyond the ${formatBytes(e.size)} its header declares (a zip bomb or a damaged file). Nothing was imported.`);
    out.set(chunk, written);
    written += chunk.length;
  });
  try {
    if (data.length === 0) throw new Error('no compressed data');
    for (let at = 0; at < data.length; at += STEP) inflater.push(data.subarray(at, Math.min(at + STEP, data.length)), at + STEP >= data.length);
  } catch (err) {
    if (err instanceof WorkspaceFileError) throw err;
    throw corrupt(`${JSON.stringify(e.name)} cannot be decompressed (${(err as Error).message})`);
  }
  if (written !== e.size) throw corrupt(`${JSON.stringify(e.name)} decompresses to ${written} bytes, not the ${e.size} its header declares`);
  return out;
}

let crcTable: Uint32Array | undefined;

/** The zip (IEEE) CRC-32 of `bytes`. */
export function crc32(bytes: Uint8Array): number {
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) { let c = n; for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1; crcTable[n] = c >>> 0; }
  }
  let c = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) c = crcTable[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/**
 * The files of a workspace zip by name, after checking the layout, limits, sizes and CRCs. Folder entries are
 * dropped. Throws WorkspaceFileError; never inflates more than the declared sizes, which the limits bound.
 */
export function readWorkspaceZip(bytes: Uint8Array, limits: Required<WorkspaceLimits>): Map<string, Uint8Array> {
  const files = new Map<string, Uint8Array>();
  for (const e of parseDirectory(bytes, limits)) {
    const data = inflateEntry(bytes, e);
    if (crc32(data) !== e.crc) throw corrupt(`${JSON.stringify(e.name)} fails its CRC check`);
    files.set(e.name, data);
  }
  return files;
}
