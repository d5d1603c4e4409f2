/** One entry of public/samples/index.json. */
export interface SampleInfo {
  id: string;
  file: string;
  title: string;
  description: string;
  target: string;
  task: string;
  rows: number;
  source: string;
  license: string;
}

/** The sample opened when the URL names none. */
export const DEFAULT_SAMPLE_ID = 'penguins';

const str = (v: unknown) => (typeof v === 'string' ? v : '');

/** Keep only well-formed manifest entries (a broken entry must not break the picker). */
function parseManifest(json: unknown): SampleInfo[] {
  if (!Array.isArray(json)) throw new Error('samples/index.json is not a list of samples.');
  return json
    .filter((e): e is Record<string, unknown> => !!e && typeof e === 'object' && typeof e.id === 'string' && typeof e.file === 'string')
    .map((e) => ({
      id: str(e.id),
      file: str(e.file),
      title: str(e.title) || str(e.id),
      description: str(e.description),
      target: str(e.target),
      task: str(e.task),
      rows: typeof e.rows === 'number' ? e.rows : 0,
      source: str(e.source),
      license: str(e.license),
    }));
}

/** The sample datasets shipped in public/samples, read from their manifest. */
export class SamplesClient {
  list = $state.raw<SampleInfo[]>([]);
  error = $state<string | null>(null);
  ready = $state(false);

  /** Fetch the manifest; resolves even on failure (the error is kept in `error`). */
  async load(): Promise<SampleInfo[]> {
    try {
      const res = await fetch(this.urlOf('index.json'));
      if (!res.ok) throw new Error(`samples/index.json answered ${res.status}.`);
      this.list = parseManifest(await res.json());
    } catch (e) {
      this.error = `Could not read the list of samples: ${e instanceof Error ? e.message : String(e)}`;
    } finally {
      this.ready = true;
    }
    return this.list;
  }

  find(id: string | undefined): SampleInfo | undefined {
    return id ? this.list.find((s) => s.id === id) : undefined;
  }

  /** Absolute same-origin URL of a file in public/samples. */
  urlOf(file: string): string {
    return new URL(`${import.meta.env.BASE_URL}samples/${encodeURIComponent(file)}`, location.href).href;
  }
}
