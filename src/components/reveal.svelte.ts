import { untrack } from 'svelte';

// Mounts a big view in pieces: `step` counts up from 0 one step per frame, after the browser has painted the
// step before, so each piece renders in its own short task instead of the whole view in one long one (issue 13:
// the first render of a 2-million-row training result froze the page for 200–500 ms).

/** Milliseconds between steps when the page is hidden (no animation frames run then); 16. */
const HIDDEN_STEP_MS = 16;

/**
 * A step counter for staged rendering: wrap the view's later parts in `{#if reveal.step >= k}`.
 * Create it in a component's script (its effect restarts the count and stops it on unmount).
 */
export class Reveal {
  /** Pieces shown so far: 0 right after `restart`, `last` once everything is shown. */
  step = $state(0);
  #last = 0;
  #frame = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;

  /** Whether every step has been shown. */
  get done(): boolean {
    return this.step >= this.#last;
  }

  /** Starts again from step 0 and counts up to `last` (steps ≥ `last` are never reached). */
  restart(last: number): void {
    this.stop();
    this.#last = last;
    this.step = 0;
    this.#next();
  }

  /** Counts on up to `last` from where it is (a view that learns it has more to show); a smaller `last` is ignored. */
  extend(last: number): void {
    if (last <= this.#last) return;
    this.#last = last;
    if (!this.#frame && this.#timer === undefined) this.#next();
  }

  /** Stops counting where it is. */
  stop(): void {
    if (this.#frame) cancelAnimationFrame(this.#frame);
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#frame = 0;
    this.#timer = undefined;
  }

  #next(): void {
    if (this.step >= this.#last) return;
    const advance = () => {
      this.#frame = 0;
      this.#timer = undefined;
      this.step++;
      this.#next();
    };
    // The animation frame comes before the paint; the timeout after it, so each step is painted before the next runs.
    if (typeof requestAnimationFrame !== 'function' || document.visibilityState === 'hidden') this.#timer = setTimeout(advance, HIDDEN_STEP_MS);
    else this.#frame = requestAnimationFrame(() => { this.#frame = 0; this.#timer = setTimeout(advance, 0); });
  }
}

/**
 * A Reveal that restarts whenever `key()` changes (a new result) and stops when the component unmounts.
 * Call it during a component's initialisation.
 */
export function revealSteps(last: number, key: () => unknown): Reveal {
  const reveal = new Reveal();
  $effect(() => {
    void key();
    // Untracked: restart reads `step`, and the effect must not run again at every step.
    untrack(() => reveal.restart(last));
    return () => reveal.stop();
  });
  return reveal;
}
