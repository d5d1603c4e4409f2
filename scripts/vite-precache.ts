// A Vite plugin that writes dist/sw.js: src/sw/service-worker.ts transpiled, preceded by the list of files a
// build produced (every output and every public file) and a cache name derived from their contents, so each
// new build installs a new cache and the service worker deletes the old ones when it activates.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import ts from 'typescript';
import type { Plugin, ResolvedConfig } from 'vite';

/** Every precache name starts with this; the service worker deletes other caches with it on activate. */
export const PRECACHE_PREFIX = 'mlpad-precache-';

/** What the service worker precaches. */
export interface PrecacheManifest {
  /** `PRECACHE_PREFIX` + 16 hex digits of a SHA-256 over every path and its contents. */
  cacheName: string;
  prefix: string;
  /** URLs relative to the service worker's scope, sorted; index.html is the scope itself ('./'). */
  urls: string[];
}

/** Files the studio never fetches: host configuration, source maps, dot-files and the worker itself. */
const SKIP = /(^|\/)(\.[^/]*|_headers|_redirects|sw\.js|[^/]*\.map)$/;

/** The manifest for files given as (path relative to the output folder with '/' separators, contents). */
export function precacheManifest(files: readonly { path: string; bytes: Uint8Array }[]): PrecacheManifest {
  const kept = files.filter((f) => !SKIP.test(f.path)).sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  if (!kept.some((f) => f.path === 'index.html')) throw new Error('precache: the build has no index.html, so there is no app shell to cache.');
  const all = createHash('sha256');
  for (const f of kept) all.update(f.path).update('\0').update(createHash('sha256').update(f.bytes).digest()).update('\0');
  return {
    cacheName: PRECACHE_PREFIX + all.digest('hex').slice(0, 16),
    prefix: PRECACHE_PREFIX,
    urls: kept.map((f) => (f.path === 'index.html' ? './' : f.path.split('/').map(encodeURIComponent).join('/'))),
  };
}

/** The text of sw.js for `manifest`: the service worker source transpiled to plain JavaScript. */
export function serviceWorkerScript(manifest: PrecacheManifest): string {
  const source = readFileSync(new URL('../src/sw/service-worker.ts', import.meta.url), 'utf8');
  const js = ts.transpileModule(source, { compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.None, removeComments: true } }).outputText;
  return `'use strict';\nconst PRECACHE = ${JSON.stringify(manifest)};\n${js}`;
}

function filesUnder(root: string, dir = root): { path: string; bytes: Uint8Array }[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = join(dir, e.name);
    if (e.isDirectory()) return filesUnder(root, full);
    return e.isFile() ? [{ path: relative(root, full).split(sep).join('/'), bytes: readFileSync(full) }] : [];
  });
}

/** Emit sw.js into the build output (production builds only; the dev server has no service worker). */
export function precache(): Plugin {
  let config: ResolvedConfig;
  return {
    name: 'mlpad:precache',
    apply: 'build',
    enforce: 'post',
    configResolved(resolved) {
      config = resolved;
    },
    writeBundle: {
      sequential: true,
      order: 'post',
      handler() {
        // Read the output folder once written: worker bundles, their wasm and the copied public files are all there.
        const outDir = resolve(config.root, config.build.outDir);
        const manifest = precacheManifest(filesUnder(outDir));
        writeFileSync(join(outDir, 'sw.js'), serviceWorkerScript(manifest));
      },
    },
  };
}
