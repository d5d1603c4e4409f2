import { decodeState, encodeState, type StudioState } from '../state/url-state.ts';

/** The studio state the page was opened with. */
export function readUrlState(): Partial<StudioState> {
  return decodeState(location.search);
}

/** Mirror `state` into the query string without adding a history entry (Playground-style shareable URL). */
export function writeUrlState(state: StudioState): void {
  const query = encodeState(state);
  const next = `${location.pathname}${query ? `?${query}` : ''}${location.hash}`;
  if (next !== `${location.pathname}${location.search}${location.hash}`) history.replaceState(history.state, '', next);
}
