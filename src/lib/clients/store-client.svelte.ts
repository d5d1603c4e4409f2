// Owns the studio's store (IndexedDB records + OPFS blobs, or memory where the browser refuses) and the reactive
// view of what it holds: experiments, runs, model packages and the bytes used. Every write goes through `write`, so
// a full quota becomes one visible sentence and nothing already stored is touched (the engine's commits are atomic).
import { StoreQuotaError, type StoreBackend, type StoreUsage } from '../store/backend.ts';
import { openBrowserStore } from '../store/browser-backend.ts';
import { MemoryBackend } from '../store/memory-backend.ts';
import { COLLECTIONS, deleteRun, listExperiments, listRuns, migrate, collectGarbage, type Experiment, type Run, type Tag } from '../experiments/index.ts';
import { checkTags } from '../experiments/validate.ts';
import { createModelPackageGroup, listModelPackageGroups, listModelPackages, registerModel, type ModelPackage, type ModelPackageGroup } from '../registry/index.ts';
import { withTags } from './job-runs.ts';
import { messageOf } from './worker-job.ts';

/** What the user reads when the browser keeps nothing (no IndexedDB: some private windows). */
export const NOT_KEPT_MESSAGE = 'This browser does not let mlpad keep data; runs will be lost on reload';

/** What the user reads when the quota ran out. */
export const QUOTA_MESSAGE = 'The browser has no more room for mlpad\u2019s storage, so this was not saved; everything saved before is intact. Delete runs or models you no longer need, or clean up unreferenced blobs (Experiments \u2192 Storage), and try again.';

export class StoreClient {
  /** The open store; null until open() has finished. */
  store = $state.raw<StoreBackend | null>(null);
  /** A sentence shown while the store cannot keep data across reloads (memory fallback); null when it can. */
  notKept = $state<string | null>(null);
  /** The last failed write, as a sentence (a full quota says what to delete); null when none. */
  error = $state<string | null>(null);
  /** Bumped after every change to the store, here or in another tab. */
  revision = $state(0);
  experiments = $state.raw<Experiment[]>([]);
  /** Every run, newest first. */
  runs = $state.raw<Run[]>([]);
  groups = $state.raw<ModelPackageGroup[]>([]);
  packages = $state.raw<ModelPackage[]>([]);
  usage = $state.raw<StoreUsage | null>(null);

  #ready: Promise<StoreBackend> | null = null;
  #unsubscribe: (() => void) | null = null;
  #refreshing: Promise<void> | null = null;
  #again = false;

  /** Opens the store once (later calls share the first); `name` is the IndexedDB database, defaults to 'mlpad'. */
  open(name = 'mlpad'): Promise<StoreBackend> {
    this.#ready ??= this.#open(name);
    return this.#ready;
  }

  async #open(name: string): Promise<StoreBackend> {
    let store: StoreBackend;
    try {
      store = await openBrowserStore({ name });
    } catch (e) {
      store = new MemoryBackend();
      this.notKept = `${NOT_KEPT_MESSAGE} (${messageOf(e)}).`;
    }
    try {
      await migrate(store);
    } catch (e) {
      this.error = messageOf(e);
    }
    this.#unsubscribe = store.subscribe(() => {
      this.revision++;
      void this.refresh();
    });
    this.store = store;
    await this.refresh();
    return store;
  }

  /** Reloads the lists and usage from the store; calls during a refresh coalesce into one more. */
  refresh(): Promise<void> {
    if (this.#refreshing) {
      this.#again = true;
      return this.#refreshing;
    }
    this.#refreshing = (async () => {
      do {
        this.#again = false;
        const store = this.store;
        if (!store) return;
        try {
          const [experiments, runs, groups, packages, usage] = await Promise.all([
            listExperiments(store), listRuns(store), listModelPackageGroups(store), listModelPackages(store), store.usage(),
          ]);
          this.experiments = experiments;
          this.runs = runs;
          this.groups = groups;
          this.packages = packages;
          this.usage = usage;
        } catch (e) {
          this.error = `Could not read mlpad\u2019s storage: ${messageOf(e)}`;
        }
      } while (this.#again);
    })().finally(() => { this.#refreshing = null; });
    return this.#refreshing;
  }

  /**
   * Runs `fn` against the store; a failure becomes `error` (a full quota: QUOTA_MESSAGE) and resolves to undefined.
   * `what` names the action for the sentence, e.g. 'record the training run'.
   */
  async write<T>(what: string, fn: (store: StoreBackend) => Promise<T>): Promise<T | undefined> {
    const store = await this.open();
    try {
      const out = await fn(store);
      return out;
    } catch (e) {
      this.error = e instanceof StoreQuotaError || (e instanceof Error && e.name === 'QuotaExceededError') ? QUOTA_MESSAGE : `Could not ${what}: ${messageOf(e)}`;
      return undefined;
    }
  }

  dismissError(): void {
    this.error = null;
  }

  /** Deletes a run (and its trials), then blobs nothing names; resolves to the bytes freed. */
  async deleteRun(runName: string): Promise<number | undefined> {
    const before = this.usage;
    const out = await this.write(`delete run ${runName}`, (s) => deleteRun(s, runName));
    if (!out) return undefined;
    return out.deletedBlobs.reduce((n, h) => n + (before?.blobs[h] ?? 0), 0);
  }

  /** Replaces a run's tags (checked as SageMaker's: keys 1–128 characters, values at most 256, keys unique). */
  async setTags(runName: string, tags: Tag[]): Promise<boolean> {
    const done = await this.write(`change the tags of ${runName}`, async (s) => {
      checkTags(tags);
      const run = (await s.get(COLLECTIONS.runs, runName)) as Run | undefined;
      if (!run) throw new Error(`run ${runName} is gone (deleted in another tab?)`);
      await s.commit({ put: [{ collection: COLLECTIONS.runs, id: runName, value: withTags(run, tags) }] });
      return true;
    });
    return done === true;
  }

  /** Registers the run's model output as the next version of `group` (created when new). */
  registerRunModel(runName: string, group: string, artifactName: string, description?: string): Promise<ModelPackage | undefined> {
    return this.write(`register the model of ${runName}`, async (s) => {
      if (!this.groups.some((g) => g.ModelPackageGroupName === group) && !(await s.get(COLLECTIONS.modelPackageGroups, group))) {
        await createModelPackageGroup(s, { ModelPackageGroupName: group });
      }
      return registerModel(s, { ModelPackageGroupName: group, RunName: runName, ArtifactName: artifactName, ...(description ? { ModelPackageDescription: description } : {}) });
    });
  }

  /** Deletes blobs no record names; resolves to the bytes freed. */
  async cleanUp(): Promise<number | undefined> {
    const before = this.usage;
    const hashes = await this.write('clean up unreferenced blobs', (s) => collectGarbage(s));
    if (!hashes) return undefined;
    // Blob deletion announces no record change, so refresh here.
    await this.refresh();
    return hashes.reduce((n, h) => n + (before?.blobs[h] ?? 0), 0);
  }

  dispose(): void {
    this.#unsubscribe?.();
    this.#unsubscribe = null;
  }
}
