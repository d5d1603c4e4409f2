// What the studio's one-job workers (data loading, training) share: a job ends early either because the
// user cancelled it or because its worker failed to start or crashed. Both are promises to race against
// the job's own result; the caller terminates the worker afterwards.

/** The rejection of a cancelled job: callers ignore it (the cancel already said what happened). */
export class Cancelled extends Error {}

/** The message of anything thrown. */
export const messageOf = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/** A job's early ends: `cancel()` rejects `cancelled` with Cancelled; an error event of the worker rejects `failed`. */
export interface JobEnds {
  cancel: () => void;
  cancelled: Promise<never>;
  failed: Promise<never>;
}

/** The early ends of a job on `worker`; `failure(reason)` words the error when the worker fails. */
export function jobEnds(worker: Worker, failure: (reason: string) => string): JobEnds {
  let cancel!: () => void;
  const cancelled = new Promise<never>((_, reject) => {
    cancel = () => reject(new Cancelled());
  });
  const failed = new Promise<never>((_, reject) => {
    worker.addEventListener('error', (e) => reject(new Error(failure(e.message || 'it could not start'))));
  });
  return { cancel, cancelled, failed };
}
