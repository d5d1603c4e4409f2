// A run's input and output artifacts: bytes hashed (and kept as a blob when asked), or a hash alone for inputs too
// large or too private to copy (a user's dataset file, from the CLI).
import { sha256Hex } from '../store/hash.ts';
import type { ArtifactRef } from './types.ts';
import { checkHash, ExperimentsError } from './validate.ts';

/** One artifact to record with a run. */
export interface ArtifactInput {
  /** The key in InputArtifacts / OutputArtifacts, e.g. 'train' or 'model'. */
  name: string;
  /** The bytes; give these or `hash` and `size`. */
  bytes?: Uint8Array;
  /** The SHA-256 of bytes not given. */
  hash?: string;
  /** The byte count of bytes not given. */
  size?: number;
  /** Defaults to 'application/octet-stream'. */
  mediaType?: string;
  /** The file name; defaults to `name`. */
  fileName?: string;
  /** Keep the bytes as a store blob; defaults to true when `bytes` are given (false is only possible without them kept). */
  store?: boolean;
  /** The lineage artifact type ('DataSet', 'Model', 'Metrics', 'Report'…); defaults to 'DataSet' for inputs and 'Artifact' for outputs. */
  type?: string;
}

/** An artifact ready to commit: its reference, its blob when kept, and its lineage type. */
export interface PreparedArtifact {
  name: string;
  ref: ArtifactRef;
  blob?: { hash: string; bytes: Uint8Array };
  type: string;
}

const ARTIFACT_KEY = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}$/;

/** Hashes and checks one artifact; `side` picks the default lineage type. */
export async function prepareArtifact(a: ArtifactInput, side: 'input' | 'output'): Promise<PreparedArtifact> {
  if (typeof a?.name !== 'string' || !ARTIFACT_KEY.test(a.name)) throw new ExperimentsError(`artifact name ${JSON.stringify(a?.name)} is not valid: use 1 to 128 letters, digits, '_', '.', ':' or '-', starting with a letter or digit`);
  let hash: string, size: number;
  if (a.bytes !== undefined) {
    if (!(a.bytes instanceof Uint8Array)) throw new ExperimentsError(`artifact ${a.name}: bytes must be a Uint8Array`);
    hash = await sha256Hex(a.bytes);
    if (a.hash !== undefined && a.hash !== hash) throw new ExperimentsError(`artifact ${a.name}: the given hash does not match the SHA-256 of its bytes`);
    size = a.bytes.length;
  } else {
    checkHash(a.hash, `artifact ${a.name}: hash (or give its bytes)`);
    if (!Number.isInteger(a.size) || (a.size as number) < 0) throw new ExperimentsError(`artifact ${a.name}: size must be the byte count (an integer ≥ 0) when only the hash is given`);
    if (a.store === true) throw new ExperimentsError(`artifact ${a.name}: store: true needs its bytes`);
    hash = a.hash;
    size = a.size as number;
  }
  const stored = a.bytes !== undefined && a.store !== false;
  return {
    name: a.name,
    ref: { Value: hash, MediaType: a.mediaType ?? 'application/octet-stream', Size: size, Name: a.fileName ?? a.name, Stored: stored },
    ...(stored ? { blob: { hash, bytes: a.bytes as Uint8Array } } : {}),
    type: a.type ?? (side === 'input' ? 'DataSet' : 'Artifact'),
  };
}
