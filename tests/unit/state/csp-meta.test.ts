import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, metaContentSecurityPolicy, securityHeaders } from '../../../src/security-headers.ts';

const read = (path: string) => readFileSync(new URL(`../../../${path}`, import.meta.url), 'utf8');
const directives = (policy: string) => new Map(policy.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...sources]) => [name, sources]));

describe('Content-Security-Policy', () => {
  it('the index.html <meta> fallback for static hosting carries the header policy less frame-ancestors, which <meta> cannot set', () => {
    const m = read('index.html').match(/<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"/i);
    expect(m?.[1]).toBe(metaContentSecurityPolicy);
    expect(contentSecurityPolicy).toBe(`${metaContentSecurityPolicy}; frame-ancestors 'none'`);
    expect(metaContentSecurityPolicy).not.toContain('frame-ancestors');
  });

  it('public/_headers sends exactly the headers the dev and preview servers send', () => {
    const sent = new Map(
      read('public/_headers')
        .split('\n')
        .filter((l) => /^\s+\S+:/.test(l))
        .map((l) => [l.trim().slice(0, l.trim().indexOf(':')), l.trim().slice(l.trim().indexOf(':') + 1).trim()]),
    );
    expect(Object.fromEntries(sent)).toEqual(securityHeaders);
  });

  it('the policy allows connections to its own origin only, frames nowhere and no data: or blob: images', () => {
    const d = directives(contentSecurityPolicy);
    expect(d.get('connect-src')).toEqual(["'self'"]);
    expect(d.get('default-src')).toEqual(["'self'"]);
    expect(d.get('frame-ancestors')).toEqual(["'none'"]);
    expect(d.get('object-src')).toEqual(["'none'"]);
    expect(d.has('img-src')).toBe(false);
    expect(d.has('font-src')).toBe(false);
  });
});
