// Progress reports at most every 100 ms, so that a worker posting them to the page does not flood it.
import type { LoadProgress, ProgressCallback } from './types.ts';

/** Milliseconds between reports. */
export const PROGRESS_INTERVAL_MS = 100;

export class ProgressThrottle {
  private last = -Infinity;
  constructor(private readonly callback: ProgressCallback | undefined, private readonly totalBytes: number) {}

  /** Report unless one went out less than PROGRESS_INTERVAL_MS ago; `force` reports regardless. Returns whether it reported. */
  report(bytesRead: number, rows: number, phase: string, force = false): boolean {
    const now = performance.now();
    if (!force && now - this.last < PROGRESS_INTERVAL_MS) return false;
    // The beat advances even without a callback: the loader yields to the event loop on it.
    this.last = now;
    const p: LoadProgress = { bytesRead, totalBytes: this.totalBytes, rows, phase };
    this.callback?.(p);
    return true;
  }

  /** Whether a report would go out now; lets the loader yield to the event loop on the same beat. */
  due(): boolean {
    return performance.now() - this.last >= PROGRESS_INTERVAL_MS;
  }
}
