// `npm test`: the one gate. Typecheck, lint, unit tests, build, browser tests — in that order, stopping at
// the first failure so the message at the bottom of the log is the one that matters.
import { spawnSync } from 'node:child_process';
import { ensureChromium } from './find-chromium.mjs';

const steps = [
  ['typecheck (tsc)', 'npx', ['tsc', '--noEmit', '-p', '.']],
  ['typecheck (svelte-check)', 'npx', ['svelte-check', '--tsconfig', './tsconfig.json', '--fail-on-warnings', '--threshold', 'error']],
  ['lint (eslint)', 'npx', ['eslint', '.', '--max-warnings=0']],
  ['unit tests (vitest)', 'npx', ['vitest', 'run']],
  ['build (vite)', 'npx', ['vite', 'build', '--logLevel', 'warn']],
  ['browser tests (playwright, headless Chromium)', 'npx', ['playwright', 'test']],
];

const only = process.argv.slice(2);
const chromium = ensureChromium();
process.env.MLPAD_CHROMIUM = chromium;

for (const [title, cmd, args] of steps) {
  if (only.length && !only.some((o) => title.startsWith(o))) continue;
  const t0 = Date.now();
  console.log(`\n━━ ${title}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: process.env });
  const secs = ((Date.now() - t0) / 1000).toFixed(1);
  if (r.status !== 0) {
    console.error(`\n✗ ${title} failed (exit ${r.status ?? r.signal}) after ${secs}s`);
    process.exit(r.status || 1);
  }
  console.log(`✓ ${title} (${secs}s)`);
}
console.log('\nAll checks passed.');
