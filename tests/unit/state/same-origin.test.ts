import { describe, expect, it } from 'vitest';
import { checkSameOrigin, nameFromUrl } from '../../../src/lib/state/same-origin.ts';

const origin = 'http://localhost:5173';

describe('checkSameOrigin', () => {
  it('accepts a path and resolves it against the origin', () => {
    const r = checkSameOrigin('/samples/penguins.json', origin);
    expect(r.ok && r.url.href).toBe('http://localhost:5173/samples/penguins.json');
  });

  it('accepts an absolute URL on the same origin', () => {
    expect(checkSameOrigin('http://localhost:5173/data/x.csv', origin).ok).toBe(true);
  });

  it('refuses another origin and says why (the Content-Security-Policy) without fetching', () => {
    const r = checkSameOrigin('https://example.com/data.csv', origin);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.reason).toContain('https://example.com is another origin');
      expect(r.reason).toContain('Content-Security-Policy');
      expect(r.reason).toContain('never leaves this machine');
    }
  });

  it('treats another port as another origin', () => {
    expect(checkSameOrigin('http://localhost:8080/x.csv', origin).ok).toBe(false);
  });

  it('refuses empty input, non-http schemes and malformed URLs with a sentence', () => {
    for (const input of ['', '   ', 'javascript:alert(1)', 'data:text/csv,a', 'http://[::1']) {
      const r = checkSameOrigin(input, origin);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.reason.length).toBeGreaterThan(10);
    }
  });

  it('without an origin (Node) accepts absolute http URLs only', () => {
    expect(checkSameOrigin('https://example.com/a.csv', null).ok).toBe(true);
    expect(checkSameOrigin('/a.csv', null).ok).toBe(false);
  });
});

describe('nameFromUrl', () => {
  it('takes the decoded last path segment, else the host', () => {
    expect(nameFromUrl(new URL('http://h/a/b/my%20data.csv?x=1'))).toBe('my data.csv');
    expect(nameFromUrl(new URL('http://h/'))).toBe('h');
  });
});
