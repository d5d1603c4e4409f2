import { describe, expect, it } from 'vitest';
import { PRECACHE_PREFIX, precacheManifest, serviceWorkerScript } from '../../../scripts/vite-precache.ts';

const file = (path: string, text: string) => ({ path, bytes: new TextEncoder().encode(text) });
const build = [file('index.html', '<html>'), file('assets/index-abc.js', 'js'), file('assets/tfjs-backend-wasm-x.wasm', 'wasm'), file('samples/penguins.json', '[]'), file('_headers', 'h'), file('sw.js', 'old'), file('assets/index-abc.js.map', '{}')];

describe('precacheManifest', () => {
  it('lists every build output and public file, in path order, index.html as the scope itself, and leaves out host files, maps and sw.js', () => {
    expect(precacheManifest(build).urls).toEqual(['assets/index-abc.js', 'assets/tfjs-backend-wasm-x.wasm', './', 'samples/penguins.json']);
  });

  it('names the cache after the contents: same files, same name; one changed byte or a renamed file, a new name', () => {
    const name = precacheManifest(build).cacheName;
    expect(name).toMatch(new RegExp(`^${PRECACHE_PREFIX}[0-9a-f]{16}$`));
    expect(precacheManifest([...build].reverse()).cacheName).toBe(name);
    expect(precacheManifest(build.map((f) => (f.path === 'samples/penguins.json' ? file(f.path, '[ ]') : f))).cacheName).not.toBe(name);
    expect(precacheManifest(build.map((f) => (f.path === 'samples/penguins.json' ? file('samples/penguin.json', '[]') : f))).cacheName).not.toBe(name);
    // Files the worker never caches do not change the name.
    expect(precacheManifest(build.map((f) => (f.path === '_headers' ? file(f.path, 'changed') : f))).cacheName).toBe(name);
  });

  it('refuses a build without index.html, naming what is missing', () => {
    expect(() => precacheManifest([file('assets/a.js', '')])).toThrow(/no index\.html/);
  });

  it('serviceWorkerScript defines PRECACHE before the transpiled worker, with no TypeScript or module syntax left', () => {
    const manifest = precacheManifest(build);
    const js = serviceWorkerScript(manifest);
    expect(js.startsWith(`'use strict';\nconst PRECACHE = ${JSON.stringify(manifest)};`)).toBe(true);
    expect(js).not.toMatch(/^\s*(import|export)\b|declare const|: string/m);
    expect(() => new Function(js)).not.toThrow();
  });
});
