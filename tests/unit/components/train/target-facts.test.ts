// The views' target facts come from the profile worker: TargetFactsQuery shows a pending problem until the
// answer comes, drops answers to questions no longer asked, and turns a failure into the problem. A fake
// DatasetClient stands in for the worker. (The $effect glue, asyncTargetFacts, runs in the browser specs.)
import { describe, expect, it } from 'vitest';
import type { DatasetClient } from '../../../../src/lib/clients/dataset-client.svelte.ts';
import { Cancelled } from '../../../../src/lib/clients/worker-job.ts';
import { pendingFacts, TargetFactsQuery } from '../../../../src/components/train/target-facts.svelte.ts';
import type { TargetFacts } from '../../../../src/lib/profile/target-facts.ts';

interface Asked { target: string; resolve: (f: TargetFacts) => void; reject: (e: unknown) => void }

function fake(dataset: { loadId: number } | null = { loadId: 1 }) {
  const asked: Asked[] = [];
  const data = { dataset, targetFacts: (target: string) => new Promise<TargetFacts>((resolve, reject) => asked.push({ target, resolve, reject })) };
  return { query: new TargetFactsQuery(() => data as unknown as DatasetClient), asked, data };
}

const binary = (classes: string[]): TargetFacts => ({ inferred: 'binary', classes, problem: null });
const tick = () => new Promise((r) => setTimeout(r, 0));

describe('TargetFactsQuery', () => {
  it('is pending (a problem, so no job starts on a guessed task) until the worker answers, then the answer', async () => {
    const { query, asked } = fake();
    query.ask({ target: 'y', type: 'categorical', task: null });
    expect(query.current).toEqual({ inferred: 'regression', classes: [], problem: 'Reading the target column "y"…' });
    asked[0].resolve(binary(['no', 'yes']));
    await tick();
    expect(query.current).toEqual(binary(['no', 'yes']));
  });

  it('drops the answer to an older question, even when it comes last', async () => {
    const { query, asked } = fake();
    query.ask({ target: 'a', type: 'categorical', task: null });
    query.ask({ target: 'b', type: 'categorical', task: null });
    asked[1].resolve(binary(['b0', 'b1']));
    asked[0].resolve(binary(['a0', 'a1']));
    await tick();
    expect(asked.map((a) => a.target)).toEqual(['a', 'b']);
    expect(query.current).toEqual(binary(['b0', 'b1']));
  });

  it('no question, or no dataset, is null and asks nothing', () => {
    const { query, asked } = fake(null);
    query.ask({ target: 'y', type: 'float', task: null });
    expect(query.current).toBeNull();
    const other = fake();
    other.query.ask(null);
    expect(other.query.current).toBeNull();
    expect(asked.length + other.asked.length).toBe(0);
  });

  it('a failed answer becomes the problem; a Cancelled one (another dataset took over) is ignored', async () => {
    const { query, asked } = fake();
    query.ask({ target: 'y', type: 'float', task: null });
    asked[0].reject(new Cancelled());
    await tick();
    expect(query.current).toEqual(pendingFacts('y'));
    query.ask({ target: 'y', type: 'float', task: null });
    asked[1].reject(new Error('The data worker failed.'));
    await tick();
    expect(query.current).toEqual({ inferred: 'regression', classes: [], problem: 'The data worker failed.' });
  });
});
