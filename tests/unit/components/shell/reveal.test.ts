// Reveal counts a view's pieces up one step per frame, so a big view mounts in short tasks (issue 13). In Node
// there are no animation frames, so it steps on timers; fake timers make the count exact.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Reveal } from '../../../../src/components/reveal.svelte.ts';

describe('Reveal', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('restart(3) starts at step 0 and adds one step per tick until 3, then stops', () => {
    const r = new Reveal();
    r.restart(3);
    expect(r.step).toBe(0);
    expect(r.done).toBe(false);
    vi.advanceTimersToNextTimer();
    expect(r.step).toBe(1);
    vi.advanceTimersToNextTimer();
    vi.advanceTimersToNextTimer();
    expect(r.step).toBe(3);
    expect(r.done).toBe(true);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('restart goes back to step 0; stop freezes the count', () => {
    const r = new Reveal();
    r.restart(5);
    vi.advanceTimersToNextTimer();
    vi.advanceTimersToNextTimer();
    expect(r.step).toBe(2);
    r.restart(5);
    expect(r.step).toBe(0);
    vi.advanceTimersToNextTimer();
    r.stop();
    vi.runAllTimers();
    expect(r.step).toBe(1);
  });

  it('extend(n) counts on from where it is up to n; a smaller n changes nothing', () => {
    const r = new Reveal();
    r.restart(1);
    vi.runAllTimers();
    expect(r.step).toBe(1);
    r.extend(0);
    expect(vi.getTimerCount()).toBe(0);
    r.extend(3);
    expect(r.step).toBe(1);
    vi.runAllTimers();
    expect(r.step).toBe(3);
    expect(r.done).toBe(true);
  });
});
