import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from '../../../src/security-headers.ts';

describe('index.html Content-Security-Policy', () => {
  it('the <meta> fallback for static hosting carries exactly the policy the servers send', () => {
    const html = readFileSync(new URL('../../../index.html', import.meta.url), 'utf8');
    const m = html.match(/<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"/i);
    expect(m?.[1]).toBe(contentSecurityPolicy);
  });
});
