import { decodeState, encodeState, linkableState, type LinkContext, type StudioState } from '../state/url-state.ts';

/** The studio state the page was opened with. */
export function readUrlState(): Partial<StudioState> {
  return decodeState(location.search);
}

/**
 * Mirror `state` into the query string without adding a history entry (Playground-style shareable URL). With
 * `context.privateData`, only what `linkableState` keeps is written: a local file's column names never reach the
 * address bar, the history or a share link.
 */
export function writeUrlState(state: StudioState, context: LinkContext = {}): void {
  const query = encodeState(linkableState(state, context));
  const next = `${location.pathname}${query ? `?${query}` : ''}${location.hash}`;
  if (next !== `${location.pathname}${location.search}${location.hash}`) history.replaceState(history.state, '', next);
}
