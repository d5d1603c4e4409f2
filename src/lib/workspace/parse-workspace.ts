// Turns the files of a workspace zip into checked records and blobs, or refuses the whole file. Everything is
// checked before anything is written: the manifest's format and version, that the manifest lists exactly the
// files present with their SHA-256 and sizes, that each blob's bytes hash to its name, and that each
// collection is a JSON array of { id, value } with valid, unique ids and bounded nesting. Untrusted objects
// are only read (JSON.parse makes `__proto__` an ordinary own key); nothing is merged onto another object.
import { BLOB_HASH, COLLECTION_NAME } from '../store/backend.ts';
import { sha256Hex } from '../store/hash.ts';
import { BLOB_PATH, MANIFEST_PATH, RECORDS_PATH, WORKSPACE_FORMAT, WORKSPACE_FORMAT_VERSION, WorkspaceFileError, type ManifestEntry, type WorkspaceLimits, type WorkspaceManifest } from './format.ts';
import { readWorkspaceZip } from './read-zip.ts';

/** A workspace file after every check passed. */
export interface ParsedWorkspace {
  manifest: WorkspaceManifest;
  /** Records by collection, in file order (sorted by id when mlpad wrote it). */
  records: Map<string, { id: string; value: unknown }[]>;
  /** Blob bytes by hash. */
  blobs: Map<string, Uint8Array>;
}

const REFUSED = 'Nothing was imported.';
const decoder = new TextDecoder('utf-8', { fatal: true });

function shape(detail: string): WorkspaceFileError {
  return new WorkspaceFileError('shape', `This workspace file is malformed: ${detail}; it was not made by mlpad's export or was changed since. ${REFUSED}`);
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

const own = (o: object, key: string) => Object.prototype.hasOwnProperty.call(o, key);

function parseJson(path: string, bytes: Uint8Array): unknown {
  try {
    return JSON.parse(decoder.decode(bytes));
  } catch (err) {
    throw new WorkspaceFileError('json', `${path} in this workspace file is not valid JSON (${(err as Error).message.slice(0, 120)}); the file is damaged or was edited by hand. ${REFUSED}`);
  }
}

/** Deepest nesting of arrays and objects in `value`, stopping as soon as it passes `limit`. */
function depthExceeds(value: unknown, limit: number): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length) {
    const [v, d] = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    if (d + 1 > limit) return true;
    for (const x of Array.isArray(v) ? v : Object.values(v)) if (x !== null && typeof x === 'object') stack.push([x, d + 1]);
  }
  return false;
}

function checkManifest(raw: unknown): WorkspaceManifest {
  if (!isPlainObject(raw)) throw shape('mlpad-workspace.json is not an object');
  if (raw.format !== WORKSPACE_FORMAT) throw new WorkspaceFileError('version', `This is not an mlpad workspace file (its format is ${JSON.stringify(String(raw.format)).slice(0, 80)}, expected "${WORKSPACE_FORMAT}"); open a file made by mlpad's Export workspace. ${REFUSED}`);
  const v = raw.formatVersion;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1) throw shape(`formatVersion ${JSON.stringify(v)} is not a positive integer`);
  if (v > WORKSPACE_FORMAT_VERSION) throw new WorkspaceFileError('version', `This workspace file was made by a newer mlpad (format ${v}; this one reads up to format ${WORKSPACE_FORMAT_VERSION}); update mlpad and import it again. ${REFUSED}`);
  if (typeof raw.createdAt !== 'string' || typeof raw.mlpadVersion !== 'string') throw shape('createdAt or mlpadVersion is not text');
  if (typeof raw.storeVersion !== 'number' || !Number.isInteger(raw.storeVersion) || raw.storeVersion < 1) throw shape('storeVersion is not a positive integer');
  const counts = raw.counts;
  if (!isPlainObject(counts) || !isPlainObject(counts.records) || !Number.isInteger(counts.blobs)) throw shape('counts is not { records: {…}, blobs: n }');
  for (const [c, n] of Object.entries(counts.records)) if (!COLLECTION_NAME.test(c) || !Number.isInteger(n) || (n as number) < 1) throw shape(`counts.records has a bad entry ${JSON.stringify(c).slice(0, 80)}`);
  if (!Array.isArray(raw.entries)) throw shape('entries is not a list');
  for (const e of raw.entries as unknown[]) {
    if (!isPlainObject(e) || typeof e.path !== 'string' || typeof e.sha256 !== 'string' || !BLOB_HASH.test(e.sha256) || !Number.isInteger(e.size) || (e.size as number) < 0) throw shape('an entry of entries is not { path, sha256, size }');
  }
  return raw as unknown as WorkspaceManifest;
}

function checkRecords(path: string, collection: string, raw: unknown, maxDepth: number): { id: string; value: unknown }[] {
  if (!Array.isArray(raw)) throw shape(`${path} is not a list of records`);
  const ids = new Set<string>();
  return raw.map((r: unknown, i) => {
    if (!isPlainObject(r) || !own(r, 'id') || !own(r, 'value') || Object.keys(r).length !== 2) throw shape(`record ${i + 1} of ${path} is not { id, value }`);
    const id = r.id;
    if (typeof id !== 'string' || id.length === 0 || id.length > 512) throw shape(`record ${i + 1} of ${path} has an id that is not a string of 1 to 512 characters`);
    if (ids.has(id)) throw new WorkspaceFileError('duplicate', `${path} in this workspace file holds the record ${JSON.stringify(id.slice(0, 80))} twice, so which copy counts is ambiguous; ask its author for a fresh export. ${REFUSED}`);
    ids.add(id);
    if (depthExceeds(r.value, maxDepth)) throw shape(`record ${JSON.stringify(id.slice(0, 80))} of ${collection} nests deeper than ${maxDepth} levels`);
    return { id, value: r.value };
  });
}

/** Checks every part of a workspace zip and returns its records and blobs; throws WorkspaceFileError. */
export async function parseWorkspace(input: Uint8Array | ArrayBuffer, limits: Required<WorkspaceLimits>): Promise<ParsedWorkspace> {
  const bytes = input instanceof Uint8Array ? input : input instanceof ArrayBuffer ? new Uint8Array(input) : undefined;
  if (!bytes) throw new TypeError('bytes must be a Uint8Array or an ArrayBuffer holding the workspace file');
  const files = readWorkspaceZip(bytes, limits);
  const manifestBytes = files.get(MANIFEST_PATH);
  if (!manifestBytes) throw new WorkspaceFileError('layout', `This zip has no ${MANIFEST_PATH}, so it is not an mlpad workspace file; open a file made by mlpad's Export workspace. ${REFUSED}`);
  const manifest = checkManifest(parseJson(MANIFEST_PATH, manifestBytes));

  // The manifest must list exactly the other files, each with its hash and size.
  const listed = new Map<string, ManifestEntry>();
  for (const e of manifest.entries) {
    if (listed.has(e.path)) throw new WorkspaceFileError('duplicate', `The manifest of this workspace file lists ${JSON.stringify(e.path.slice(0, 80))} twice. ${REFUSED}`);
    if (!files.has(e.path) || e.path === MANIFEST_PATH) throw shape(`the manifest lists ${JSON.stringify(e.path.slice(0, 80))}, which the archive does not hold`);
    listed.set(e.path, e);
  }
  const hashes = new Map<string, string>();
  for (const [path, data] of files) {
    if (path === MANIFEST_PATH) continue;
    const e = listed.get(path);
    if (!e) throw shape(`${JSON.stringify(path)} is not listed in the manifest`);
    hashes.set(path, await sha256Hex(data));
    if (e.size !== data.length || e.sha256 !== hashes.get(path)) throw new WorkspaceFileError('hash', `${path} in this workspace file does not match the SHA-256 and size its manifest records, so it was changed or damaged after export; ask its author for a fresh export. ${REFUSED}`);
  }

  const records = new Map<string, { id: string; value: unknown }[]>();
  const blobs = new Map<string, Uint8Array>();
  for (const [path, data] of files) {
    const blob = BLOB_PATH.exec(path);
    if (blob) {
      // The manifest hash above could be forged along with the bytes; the name is what the store trusts.
      if (hashes.get(path) !== blob[1]) throw new WorkspaceFileError('hash', `${path} in this workspace file does not hash to its name, so the artifact is damaged or was replaced; ask its author for a fresh export. ${REFUSED}`);
      blobs.set(blob[1], data);
      continue;
    }
    const rec = RECORDS_PATH.exec(path);
    if (rec) records.set(rec[1], checkRecords(path, rec[1], parseJson(path, data), limits.maxDepth));
  }

  const declared = manifest.counts.records;
  for (const [c, list] of records) if (!own(declared, c) || declared[c] !== list.length) throw shape(`counts.records says ${own(declared, c) ? declared[c] : 0} records for "${c}" but the file holds ${list.length}`);
  for (const c of Object.keys(declared)) if (!records.has(c)) throw shape(`counts.records names "${c}", which the file does not hold`);
  if (manifest.counts.blobs !== blobs.size) throw shape(`counts.blobs says ${manifest.counts.blobs} but the file holds ${blobs.size}`);
  return { manifest, records, blobs };
}
