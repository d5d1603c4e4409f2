// Colours for categories (clusters, classes, groups of a column): eight that stay apart for common colour
// vision deficiencies when paired with the legend's labels; they cycle after eight.
export const CATEGORY_COLOURS = ['#3b73d6', '#e4572e', '#29a36a', '#8e5ccf', '#f2a541', '#17a2b8', '#c2185b', '#6d6d6d'] as const;

/** The colour of category `k`. */
export function categoryColour(k: number): string {
  return CATEGORY_COLOURS[((Math.round(k) % CATEGORY_COLOURS.length) + CATEGORY_COLOURS.length) % CATEGORY_COLOURS.length];
}
