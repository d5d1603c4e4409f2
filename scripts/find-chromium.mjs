// Locates the Chromium the browser tests and benchmarks drive. Playwright cannot download its own browsers
// here, so mlpad uses Debian's package (/usr/bin/chromium) or MLPAD_CHROMIUM.
import { existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

export function findChromium() {
  const fromEnv = process.env.MLPAD_CHROMIUM;
  if (fromEnv && existsSync(fromEnv)) return fromEnv;
  return CANDIDATES.find((p) => existsSync(p)) ?? null;
}

/** Find Chromium, installing Debian's package when we are root with apt; otherwise explain and exit. */
export function ensureChromium() {
  let found = findChromium();
  if (found) return found;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const hasApt = existsSync('/usr/bin/apt-get');
  if (isRoot && hasApt) {
    console.log('[mlpad] Chromium not found; installing Debian\'s chromium package (apt-get install -y chromium)…');
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    try {
      execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
      execFileSync('apt-get', ['install', '-y', '-qq', 'chromium'], { stdio: 'inherit', env });
    } catch {
      // fall through to the message below
    }
    found = findChromium();
    if (found) return found;
  }
  console.error('[mlpad] The browser tests need Chromium and none was found.\n'
    + '        Install it with:  sudo apt-get install -y chromium\n'
    + '        or point MLPAD_CHROMIUM at a Chromium/Chrome binary.');
  process.exit(1);
}

/** Launch flags proven on this machine kind: WebGPU on SwiftShader headless, no background network. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--enable-unsafe-webgpu',
  '--enable-features=Vulkan',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];
