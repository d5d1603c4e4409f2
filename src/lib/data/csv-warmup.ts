// Warms the CSV reader's hot code in a fresh worker before a file arrives. V8 runs a new thread's
// functions in its interpreter and baseline tiers and optimises them only after many iterations, on
// background threads, so the first file a fresh data worker parses starts in slow code while compiler
// threads compete for the cores. The spare data worker parses this synthetic CSV once it has started,
// while it waits for the user, on the same path as a real load (loadStream → CsvReader → scanBytes →
// ColumnBuilder → Arrow table). Measured in headless Chromium 156 on a busy 2-core machine (52 MB CSV,
// fresh workers, alternating pairs): the worker thread's own CPU time for the parse went from 365 to 345 ms
// (medians of 6; the clock ticks every 10 ms), and the parse's wall time 1.23–1.30× faster (medians of 10
// pairs at load averages of 8–11, where every wall figure is noisy). A small gain, not the 1.7× Chromium-vs-Node
// gap once suspected: that gap was CPU starvation and Blob reads waiting behind the parser (see yield-now.ts).
// Nothing is kept: the reader, builders and table are dropped; the only module state on that path (the
// byte scanner's last quoted value, parse-number's `lastNumber`) is written before every read of it.
import { csvReadersCreated } from './csv-reader.ts';
import { loadStream } from './load.ts';
import type { Table } from 'apache-arrow';

/** Rows of the synthetic CSV; defaults to 8,000 (about 0.6 MB; 50–300 ms in a fresh Chromium worker on a busy 2-core machine). */
export const WARMUP_ROWS = 8_000;

/** The synthetic file is handed to the loader in slices this big, so that records cut at slice ends (the carried-record path) are warm too. */
const SLICE_BYTES = 1 << 16;

const WORDS = ['north', 'south', 'east', 'west', 'Seattle', 'Boise', 'Denver', 'Austin', 'Reno', 'Tulsa', 'Miami', 'Chicago'];

/**
 * A CSV of `rows` rows in the shapes real files have: integers, decimals with 1–6 places, negatives,
 * blank and `NA` cells in a numeric column, short repeated categories, a 0/1 label, quoted text with a
 * delimiter and doubled quotes inside, and ISO dates. Deterministic (a fixed linear congruential sequence).
 */
export function warmupCsv(rows = WARMUP_ROWS): Uint8Array {
  let state = 0x2545f491;
  const next = () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 4294967296;
  };
  const lines = ['id,count,amount,delta,ratio,reading,city,segment,flag,note,day'];
  for (let r = 0; r < rows; r++) {
    const reading = next() < 0.03 ? (next() < 0.5 ? '' : 'NA') : ((next() - 0.5) * 80).toFixed(3);
    const note = next() < 0.02 ? `"${WORDS[r % WORDS.length]}, ""${r}"""` : WORDS[(r * 7) % WORDS.length];
    const day = `2024-${String(1 + (r % 12)).padStart(2, '0')}-${String(1 + (r % 28)).padStart(2, '0')}`;
    lines.push([
      r, Math.floor(next() * 90), (next() * 200000).toFixed(2), ((next() - 0.3) * 5000).toFixed(1), next().toFixed(6), reading,
      WORDS[Math.floor(next() * WORDS.length)], `s${Math.floor(next() * 40)}`, next() < 0.3 ? 1 : 0, note, day,
    ].join(','));
  }
  return new TextEncoder().encode(lines.join('\n') + '\n');
}

/** Thrown inside the warm-up's byte source when a real load starts; never leaves warmUpCsvReader. */
class Overtaken extends Error {}

/**
 * Parse a synthetic CSV of `rows` rows through the loader and drop the result, so that the reader's hot
 * loops are optimised before a real file comes. Stops early (without an error) when a real CSV load starts
 * in this realm meanwhile, so that the load never shares its thread with the warm-up for more than a slice.
 * `after` gets the table when the warm-up ran to the end. Resolves with the milliseconds it took.
 */
export async function warmUpCsvReader(rows = WARMUP_ROWS, after?: (table: Table) => void): Promise<number> {
  const t0 = performance.now();
  const bytes = warmupCsv(rows);
  // Ours is the one reader created from here on; a second is a real load's.
  const before = csvReadersCreated();
  async function* slices(): AsyncGenerator<Uint8Array> {
    for (let at = 0; at < bytes.length; at += SLICE_BYTES) {
      if (csvReadersCreated() - before > 1) throw new Overtaken();
      yield bytes.subarray(at, at + SLICE_BYTES);
    }
  }
  try {
    const result = await loadStream('warm-up.csv', slices(), bytes.length);
    after?.(result.table);
  } catch (e) {
    if (!(e instanceof Overtaken)) throw e;
  }
  return performance.now() - t0;
}
