import { tableFromIPC } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { createDataEngine } from '../../../src/lib/engine/data-engine.ts';
import { targetFacts } from '../../../src/lib/profile/target-facts.ts';

const CSV = 'x,label,price,same\n1,yes,1.5,a\n2,no,2.5,a\n3,yes,3.25,a\n4,no,4,a\n5,yes,5.5,a\n';

async function loadedEngine() {
  const engine = createDataEngine();
  const loaded = await engine.loadBlob(new Blob([CSV]), 't.csv', {});
  const table = tableFromIPC(loaded.ipc.slice());
  await engine.setTable(loaded.ipc);
  return { engine, table };
}

describe('data engine targetFacts (the profile worker reads the target column)', () => {
  it('a two-valued text target is binary, with its classes in index order, as the pure function says', async () => {
    const { engine, table } = await loadedEngine();
    const facts = await engine.targetFacts('label', 'categorical', null);
    expect(facts.inferred).toBe('binary');
    expect([...facts.classes].sort()).toEqual(['no', 'yes']);
    expect(facts.problem).toBeNull();
    expect(facts).toEqual(targetFacts(table, 'label', 'categorical', null));
  });

  it('a float target is regression without classes; asking for multiclass on it names the problem or classes', async () => {
    const { engine, table } = await loadedEngine();
    expect(await engine.targetFacts('price', 'float', null)).toEqual({ inferred: 'regression', classes: [], problem: null });
    expect(await engine.targetFacts('price', 'float', 'multiclass')).toEqual(targetFacts(table, 'price', 'float', 'multiclass'));
  });

  it('a one-valued target and an unknown column come back as problems, not exceptions', async () => {
    const { engine } = await loadedEngine();
    expect((await engine.targetFacts('same', 'categorical', 'binary')).problem).toMatch(/./);
    expect(await engine.targetFacts('nope', 'float', null)).toEqual({ inferred: 'regression', classes: [], problem: 'There is no column "nope".' });
  });

  it('before setTable, and with an empty target name, it rejects with a message that says what to do', async () => {
    await expect(createDataEngine().targetFacts('label', 'categorical', null)).rejects.toThrow('No table to read the target from: call setTable first.');
    const { engine } = await loadedEngine();
    await expect(engine.targetFacts('', 'categorical', null)).rejects.toThrow('targetFacts: target must be a column name, got "".');
  });
});

describe('data engine digest (the profile worker hashes the table for run records)', () => {
  it('is the SHA-256 and byte count of the bytes given to setTable', async () => {
    const engine = createDataEngine();
    const loaded = await engine.loadBlob(new Blob([CSV]), 't.csv', {});
    const copy = loaded.ipc.slice();
    await engine.setTable(loaded.ipc);
    const { createHash } = await import('node:crypto');
    expect(await engine.digest()).toEqual({ sha256: createHash('sha256').update(copy).digest('hex'), bytes: copy.byteLength });
  });

  it('before setTable it rejects with a message that says what to do', async () => {
    await expect(createDataEngine().digest()).rejects.toThrow('No table to hash: call setTable first.');
  });
});
