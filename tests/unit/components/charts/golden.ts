// Golden SVG snapshots for charts (Observable Plot's snapshot suite, Perspective's normalised SVG): a
// component is rendered on the server, its <svg> cut out, numbers rounded to 3 decimals and Svelte's
// markers and scoped class hashes removed, then compared with tests/unit/components/charts/golden/NAME.svg.
// On a mismatch NAME-changed.svg is written beside it for review; UPDATE_GOLDEN=1 rewrites the golden.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { Component } from 'svelte';
import { render } from 'svelte/server';

const DIR = new URL('./golden/', import.meta.url);

/** The component's first <svg> element, normalised for comparison. */
export function renderSvg<P extends Record<string, unknown>>(component: Component<P>, props: P): string {
  const { body } = render(component, { props });
  const start = body.indexOf('<svg');
  const end = body.lastIndexOf('</svg>');
  if (start < 0 || end < 0) throw new Error('the component rendered no <svg>');
  return normalise(body.slice(start, end + 6));
}

/** Rounds numbers to 3 decimals, drops Svelte's hydration comments and scoped-style class hashes, one tag per line. */
export function normalise(svg: string): string {
  return svg
    .replace(/<!--[^]*?-->/g, '')
    .replace(/\s*\bsvelte-[a-z0-9]+\b/g, '')
    .replace(/ class=""/g, '')
    .replace(/-?\d+\.\d+(?:e[-+]?\d+)?|-?\d+e[-+]?\d+/gi, (n) => String(Math.round(Number(n) * 1000) / 1000))
    .replace(/>\s*</g, '>\n<')
    .trim() + '\n';
}

/** Compares `svg` with the stored golden NAME.svg; returns null when equal, else why (and writes NAME-changed.svg). */
export function compareGolden(name: string, svg: string): string | null {
  mkdirSync(DIR, { recursive: true });
  const golden = new URL(`${name}.svg`, DIR);
  const changed = new URL(`${name}-changed.svg`, DIR);
  if (process.env.UPDATE_GOLDEN === '1') {
    writeFileSync(golden, svg);
    rmSync(changed, { force: true });
    return null;
  }
  if (!existsSync(golden)) {
    writeFileSync(changed, svg);
    return `no golden ${name}.svg yet; review ${name}-changed.svg and run with UPDATE_GOLDEN=1 to store it`;
  }
  if (readFileSync(golden, 'utf8') === svg) {
    rmSync(changed, { force: true });
    return null;
  }
  writeFileSync(changed, svg);
  return `${name}.svg differs from the rendering; see ${name}-changed.svg (UPDATE_GOLDEN=1 accepts it)`;
}
