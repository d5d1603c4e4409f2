import { SEMANTIC_TYPES, type SemanticType } from '../data/types.ts';
import { TF_BACKEND_ORDER, type TfBackendName } from '../compute/types.ts';

/** The studio views that can be linked to. */
export type StudioView = 'data' | 'schema' | 'profile' | 'train' | 'tune' | 'autopilot' | 'playground' | 'clarify' | 'monitor' | 'deploy' | 'experiments' | 'models' | 'compute';

export const STUDIO_VIEWS: readonly StudioView[] = ['data', 'schema', 'profile', 'train', 'tune', 'autopilot', 'playground', 'clarify', 'monitor', 'deploy', 'experiments', 'models', 'compute'];

/**
 * What a shared link restores (TensorFlow Playground style): everything a reader needs to see the same
 * screen, never the data itself. Every field is optional; an absent field means "the default".
 */
export interface StudioState {
  /** Sample id from public/samples/index.json; defaults to the first sample (penguins). */
  sample?: string;
  /** Target column; defaults to the sample's manifest target. */
  target?: string;
  /** Semantic type overrides by column name; defaults to none (inferred types). */
  types?: Record<string, SemanticType>;
  /** TensorFlow.js backend to force; defaults to 'auto'. */
  backend?: TfBackendName | 'auto';
  /** Open view; defaults to 'data'. */
  view?: StudioView;
  /** The Train view's algorithm (a registry name); defaults to 'xgboost'. */
  algorithm?: string;
  /** Hyperparameters the user typed in the Train form, by name, as text; defaults to none (the schema's and the data's). */
  hyperparameters?: Record<string, string>;
}

/** Query keys. Type overrides are one key per column, `t.<column>=<type>`, so any column name round-trips. */
const KEY = { sample: 'sample', target: 'target', backend: 'backend', view: 'view', algorithm: 'algorithm', typePrefix: 't.', hpPrefix: 'hp.' } as const;

/** A hyperparameter name as schemas spell them; anything else in an `hp.` key is ignored. */
const HP_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;
/** Longest hyperparameter value accepted from a link. */
const MAX_HP_LENGTH = 128;

/** Longest value accepted for a sample id or column name; longer values are ignored as garbage. */
const MAX_VALUE_LENGTH = 512;

const isBackend = (v: string): v is TfBackendName | 'auto' => v === 'auto' || (TF_BACKEND_ORDER as readonly string[]).includes(v);
const isView = (v: string): v is StudioView => (STUDIO_VIEWS as readonly string[]).includes(v);
const isSemanticType = (v: string): v is SemanticType => (SEMANTIC_TYPES as readonly string[]).includes(v);
const isName = (v: string) => v.length > 0 && v.length <= MAX_VALUE_LENGTH;

/**
 * Encode `state` as a query string without the leading '?' (empty when everything is default).
 * Defaults (`backend: 'auto'`, `view: 'data'`) are left out so links stay short.
 */
export function encodeState(state: StudioState): string {
  const p = new URLSearchParams();
  if (state.sample) p.set(KEY.sample, state.sample);
  if (state.target) p.set(KEY.target, state.target);
  if (state.types) {
    for (const [column, type] of Object.entries(state.types).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      if (column && isSemanticType(type)) p.set(KEY.typePrefix + column, type);
    }
  }
  if (state.backend && state.backend !== 'auto') p.set(KEY.backend, state.backend);
  if (state.view && state.view !== 'data') p.set(KEY.view, state.view);
  if (state.algorithm && state.algorithm !== 'xgboost') p.set(KEY.algorithm, state.algorithm);
  if (state.hyperparameters) {
    for (const [name, value] of Object.entries(state.hyperparameters).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      if (HP_NAME.test(name) && value.length <= MAX_HP_LENGTH) p.set(KEY.hpPrefix + name, value);
    }
  }
  return p.toString();
}

/**
 * Decode a query string (with or without the leading '?', or a '#' fragment) into the fields it sets.
 * Unknown keys and invalid values are ignored; it never throws, whatever the input.
 */
export function decodeState(search: string): Partial<StudioState> {
  let p: URLSearchParams;
  try {
    p = new URLSearchParams(typeof search === 'string' ? search.replace(/^[?#]/, '') : '');
  } catch {
    return {};
  }
  const out: Partial<StudioState> = {};
  const sample = p.get(KEY.sample);
  if (sample !== null && isName(sample)) out.sample = sample;
  const target = p.get(KEY.target);
  if (target !== null && isName(target)) out.target = target;
  const backend = p.get(KEY.backend);
  if (backend !== null && isBackend(backend)) out.backend = backend;
  const view = p.get(KEY.view);
  if (view !== null && isView(view)) out.view = view;
  const algorithm = p.get(KEY.algorithm);
  if (algorithm !== null && /^[a-z][a-z0-9-]{0,40}$/.test(algorithm)) out.algorithm = algorithm;
  const hyperparameters: Record<string, string> = {};
  for (const [key, value] of p) {
    if (!key.startsWith(KEY.hpPrefix)) continue;
    const name = key.slice(KEY.hpPrefix.length);
    if (HP_NAME.test(name) && value.length <= MAX_HP_LENGTH && name !== '__proto__') hyperparameters[name] = value;
  }
  if (Object.keys(hyperparameters).length > 0) out.hyperparameters = hyperparameters;
  const types: Record<string, SemanticType> = {};
  let anyType = false;
  for (const [key, value] of p) {
    if (!key.startsWith(KEY.typePrefix)) continue;
    const column = key.slice(KEY.typePrefix.length);
    if (!isName(column) || !isSemanticType(value)) continue;
    // Object.defineProperty keeps names such as "__proto__" as plain data keys.
    Object.defineProperty(types, column, { value, enumerable: true, writable: true, configurable: true });
    anyType = true;
  }
  if (anyType) out.types = types;
  return out;
}

/** What the address bar may say about the dataset on screen. */
export interface LinkContext {
  /** True when the data is the user's own (a local file, or a file read from a URL), not a bundled sample; defaults to false. */
  privateData?: boolean;
  /** The dataset's column names: with private data, a hyperparameter whose value is one of them is left out; defaults to none. */
  columns?: readonly string[];
}

/**
 * The part of `state` that may go into the address bar, the history and a share link. For private data that is
 * the view, algorithm, backend and typed hyperparameters only: no sample, no target and no type overrides (they
 * would write the user's column names into the URL), and no hyperparameter whose value names a column.
 */
export function linkableState(state: StudioState, context: LinkContext = {}): StudioState {
  if (!context.privateData) return state;
  const out: StudioState = {};
  if (state.backend !== undefined) out.backend = state.backend;
  if (state.view !== undefined) out.view = state.view;
  if (state.algorithm !== undefined) out.algorithm = state.algorithm;
  if (state.hyperparameters) {
    const columns = new Set((context.columns ?? []).map((c) => c.trim().toLowerCase()));
    const kept = Object.entries(state.hyperparameters).filter(([, value]) => !columns.has(value.trim().toLowerCase()));
    if (kept.length > 0) out.hyperparameters = Object.fromEntries(kept);
  }
  return out;
}
