// Writes a seeded ~50 MB CSV (mixed numeric and categorical columns) for `npm run bench:data`.
import { createWriteStream, existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { mulberry32 } from '../../src/lib/ml/random.ts';

const CITIES = ['Seattle', 'Portland', 'Boise', 'Denver', 'Austin', 'Boston', 'Chicago', 'Miami', 'Reno', 'Tulsa'];

/** Write the benchmark CSV to `path` unless a file of at least `targetBytes` is already there; returns its size. */
export async function makeBenchCsv(path: string, targetBytes = 50 * 1024 * 1024, seed = 42): Promise<number> {
  if (existsSync(path) && statSync(path).size >= targetBytes) return statSync(path).size;
  mkdirSync(dirname(path), { recursive: true });
  const rnd = mulberry32(seed);
  const out = createWriteStream(path);
  const write = (s: string) => (out.write(s) ? Promise.resolve() : new Promise<void>((r) => out.once('drain', () => r())));
  await write('id,age,income,balance,score,ratio,temp,city,segment,label\n');
  let bytes = 0;
  let id = 0;
  while (bytes < targetBytes) {
    const lines: string[] = [];
    for (let i = 0; i < 5000; i++, id++) {
      const age = 18 + Math.floor(rnd() * 60);
      const income = (20000 + rnd() * 180000).toFixed(2);
      const balance = ((rnd() - 0.3) * 50000).toFixed(2);
      const score = (rnd() * 850).toFixed(1);
      const ratio = rnd().toFixed(6);
      const temp = rnd() < 0.02 ? '' : ((rnd() - 0.5) * 80).toFixed(3);
      const city = CITIES[Math.floor(rnd() * CITIES.length)];
      const segment = `seg_${Math.floor(rnd() * 50)}`;
      const label = rnd() < 0.3 ? 1 : 0;
      lines.push(`${id},${age},${income},${balance},${score},${ratio},${temp},${city},${segment},${label}`);
    }
    const chunk = lines.join('\n') + '\n';
    bytes += chunk.length;
    await write(chunk);
  }
  await new Promise<void>((r) => out.end(r));
  return statSync(path).size;
}
