// The target's facts (task, classes, problem) for a view, computed in the profile worker: reading the whole
// target column on the page's thread froze it for a quarter second and more on large tables.
import type { DatasetClient } from '../../lib/clients/dataset-client.svelte.ts';
import { Cancelled, messageOf } from '../../lib/clients/worker-job.ts';
import type { SemanticType } from '../../lib/data/types.ts';
import type { Task } from '../../lib/ml/prepare/types.ts';
import type { TargetFacts } from '../../lib/profile/target-facts.ts';

/** What to ask about: the target column, its semantic type and the task (inferred when null). */
export interface TargetFactsRequest {
  target: string;
  type: SemanticType;
  task: Task | null;
}

/** Facts shown while the worker reads the column: a problem, so no job starts on a guessed task. */
export function pendingFacts(target: string): TargetFacts {
  return { inferred: 'regression', classes: [], problem: `Reading the target column ${JSON.stringify(target)}…` };
}

/**
 * The latest answer to "what does this target imply?" from the profile worker. `ask` sends a question and drops
 * the answers to questions asked before it; `current` is null without a question, pendingFacts while the answer
 * is on its way, else the answer (a failure becomes the problem).
 */
export class TargetFactsQuery {
  current = $state.raw<TargetFacts | null>(null);
  /** True while the worker has not answered the latest question. */
  pending = $state(false);
  #asked = 0;
  readonly #client: () => DatasetClient;

  constructor(client: () => DatasetClient) {
    this.#client = client;
  }

  /** Ask about `r` in the client's current dataset (null: no question). */
  ask(r: TargetFactsRequest | null): void {
    const data = this.#client();
    const id = ++this.#asked;
    if (!r || !data.dataset) {
      this.current = null;
      this.pending = false;
      return;
    }
    this.current = pendingFacts(r.target);
    this.pending = true;
    data.targetFacts(r.target, r.type, r.task).then(
      (facts) => {
        if (id !== this.#asked) return;
        this.current = facts;
        this.pending = false;
      },
      (e: unknown) => {
        // Cancelled: another dataset took over, and its own question follows.
        if (id !== this.#asked || e instanceof Cancelled) return;
        this.current = { ...pendingFacts(r.target), problem: messageOf(e) };
        this.pending = false;
      },
    );
  }
}

/**
 * Reactive target facts for the view that calls this (during component set-up): asks again when the dataset
 * (its loadId: a new load with the same column names) or `request()` changes.
 */
export function asyncTargetFacts(client: () => DatasetClient, request: () => TargetFactsRequest | null): { readonly current: TargetFacts | null; readonly pending: boolean } {
  const query = new TargetFactsQuery(client);
  $effect(() => {
    const r = request();
    void client().dataset?.loadId;
    query.ask(r);
  });
  return query;
}
