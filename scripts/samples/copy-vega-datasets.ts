// Copies the vega-datasets samples into public/samples/ unchanged, checking each against the hash in the
// package's datapackage.json (a git blob SHA-1, as `git hash-object` prints) so a copy is known to be the
// published file.
// Run: npx tsx scripts/samples/copy-vega-datasets.ts
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Files taken from vega-datasets, by their path in its data/ folder. */
export const VEGA_SAMPLES = ['penguins.json', 'seattle-weather.csv'];

const root = (p: string) => fileURLToPath(new URL(`../../${p}`, import.meta.url));

function main(): void {
  const pkg = JSON.parse(readFileSync(root('node_modules/vega-datasets/datapackage.json'), 'utf8'));
  const version = JSON.parse(readFileSync(root('node_modules/vega-datasets/package.json'), 'utf8')).version;
  for (const file of VEGA_SAMPLES) {
    const bytes = readFileSync(root(`node_modules/vega-datasets/data/${file}`));
    const resource = pkg.resources.find((r: { path: string }) => r.path === file);
    const sha1 = `sha1:${createHash('sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex')}`;
    if (resource?.hash !== sha1) throw new Error(`${file}: ${sha1} does not match datapackage.json (${resource?.hash ?? 'no entry'})`);
    writeFileSync(root(`public/samples/${file}`), bytes);
    console.log(`copied ${file} from vega-datasets ${version} (${bytes.length} bytes, ${sha1})`);
  }
}

main();
