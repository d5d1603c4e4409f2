// CPU seconds of a headless Chromium's renderer threads, read from Linux /proc (nothing elsewhere): what the
// studio's dedicated workers (training, histogram) spent, apart from the page's own threads, for bench:gbdt's
// Chromium half, where a loaded 2-core machine makes wall-clock times swing but CPU seconds hold steadier.
import { readdirSync, readFileSync } from 'node:fs';

/** CPU seconds per renderer thread, keyed pid/tid, with whether it is a dedicated worker's (Linux /proc; empty elsewhere). */
export function rendererThreadCpu(pids: number[]): Map<string, { name: string; worker: boolean; s: number }> {
  const out = new Map<string, { name: string; worker: boolean; s: number }>();
  for (const pid of pids) {
    let tids: string[];
    try { tids = readdirSync(`/proc/${pid}/task`); } catch { continue; }
    for (const tid of tids) {
      let stat: string;
      try { stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8'); } catch { continue; }
      const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      out.set(`${pid}/${tid}`, { name, worker: name.startsWith('DedicatedWorker'), s: (Number(fields[11]) + Number(fields[12])) / 100 });
    }
  }
  return out;
}

/** Waits (up to `maxS` seconds) until the renderers spend under 0.1 CPU seconds in a second. */
export async function quiet(pids: number[], maxS = 60): Promise<void> {
  const cpu = () => [...rendererThreadCpu(pids).values()].reduce((s, t) => s + t.s, 0);
  for (let i = 0, before = cpu(); i < maxS; i++) {
    await new Promise((r) => setTimeout(r, 1000));
    const now = cpu();
    if (now - before < 0.1) return;
    before = now;
  }
}

/**
 * Samples the dedicated-worker threads' CPU every 100 ms from now: the training worker and its histogram
 * workers, without the page's main thread and compositor. `stop` gives the CPU seconds they spent since
 * (a thread's last sample counts, so one that ends loses at most 100 ms; NaN where /proc is not there) and
 * how many threads spent at least 0.5 s (the training worker, plus the histogram workers that really ran);
 * pageS: the renderers' other threads (page main thread, compositor, raster) over the same span.
 */
export function workerCpuSampler(pids: number[]): { stop(): { cpuS: number; busy: number; pageS: number; threads: string } } {
  const first = rendererThreadCpu(pids);
  const last = new Map(first);
  const sample = () => { for (const [k, v] of rendererThreadCpu(pids)) last.set(k, v); };
  const timer = setInterval(sample, 100);
  return {
    stop() {
      clearInterval(timer);
      sample();
      if (last.size === 0) return { cpuS: NaN, busy: 0, pageS: NaN, threads: '' };
      let cpuS = 0, busy = 0, pageS = 0;
      const each: [string, number][] = [];
      for (const [k, v] of last) {
        const d = v.s - (first.get(k)?.s ?? 0);
        if (d > 0) each.push([`${v.name} ${k}`, d]);
        if (!v.worker) { pageS += d; continue; }
        cpuS += d;
        if (d >= 0.5) busy++;
      }
      const threads = each.sort((a, b) => b[1] - a[1]).slice(0, 8).map(([n, d]) => `${n}: ${d.toFixed(2)} s`).join(', ');
      return { cpuS, busy, pageS, threads };
    },
  };
}
