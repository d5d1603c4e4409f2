// Parsing the report as a browser would, under vitest's jsdom environment (the test files opt in with
// `@vitest-environment jsdom`), and the checks several tests share.

/** The report parsed as an HTML document (scripts never run under DOMParser). */
export function parse(html: string): Document {
  return new DOMParser().parseFromString(html, 'text/html');
}

const NUMERIC_ATTRS = ['x', 'y', 'x1', 'x2', 'y1', 'y2', 'cx', 'cy', 'r', 'width', 'height', 'viewBox', 'd', 'transform'];

/** Every number in every geometric attribute of the document's SVG elements. */
export function svgNumbers(doc: Document): number[] {
  const out: number[] = [];
  for (const el of doc.querySelectorAll('svg, svg *')) {
    for (const name of NUMERIC_ATTRS) {
      const v = el.getAttribute(name);
      if (v === null) continue;
      // Every token that is not a command letter or a function name must be a number.
      for (const token of v.replace(/translate|rotate/g, ' ').split(/[\s,()MLZ]+/).filter((t) => t !== '')) out.push(Number(token));
    }
  }
  return out;
}

/** The rows of a facet's metric table: [name, meaning, value text]. */
export function tableRows(article: Element): string[][] {
  return [...article.querySelectorAll('table.metrics tbody tr')].map((tr) => [...tr.children].map((c) => c.textContent ?? ''));
}
