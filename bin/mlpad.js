#!/usr/bin/env node
// Runs the TypeScript CLI straight from the checkout: tsx compiles src/cli on the fly, so `npx mlpad`
// works without a build step.
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

// Pin the project's tsconfig: tsx would otherwise look for one in the caller's working directory.
register({ tsconfig: fileURLToPath(new URL('../tsconfig.json', import.meta.url)) });

// `mlpad profile … | head` closes stdout early; that is not an error worth a stack trace.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

try {
  const { main } = await import('../src/cli/main.ts');
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  // Only reached when the CLI itself cannot load (e.g. a missing dependency); main() catches the rest.
  process.stderr.write(`mlpad: cannot start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
}
