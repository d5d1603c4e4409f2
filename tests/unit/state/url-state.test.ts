import { describe, expect, it } from 'vitest';
import { decodeState, encodeState, linkableState, type StudioState } from '../../../src/lib/state/url-state.ts';

describe('url-state', () => {
  it('encodeState then decodeState round-trips every field', () => {
    const state: StudioState = {
      sample: 'penguins',
      target: 'species',
      types: { year: 'categorical', body_mass_g: 'float' },
      backend: 'wasm',
      view: 'profile',
      algorithm: 'linear-learner',
      hyperparameters: { epochs: '30', learning_rate: '0.01', predictor_type: 'binary_classifier' },
    };
    expect(decodeState(encodeState(state))).toEqual(state);
  });

  it('the algorithm is left out when it is the default xgboost; typed hyperparameters are hp.<name> keys in name order', () => {
    expect(encodeState({ algorithm: 'xgboost' })).toBe('');
    expect(encodeState({ algorithm: 'kmeans', hyperparameters: { k: '4', epochs: '2' } })).toBe('algorithm=kmeans&hp.epochs=2&hp.k=4');
  });

  it('decodeState ignores a malformed algorithm name and hyperparameter keys that are not names', () => {
    expect(decodeState('?algorithm=<b>&hp.a%20b=1&hp.__proto__=1&hp.=2&hp.eta=' + 'x'.repeat(200))).toEqual({});
    expect(decodeState('?algorithm=pca&hp.num_components=3')).toEqual({ algorithm: 'pca', hyperparameters: { num_components: '3' } });
  });

  it('encodeState leaves defaults out so links stay short', () => {
    expect(encodeState({})).toBe('');
    expect(encodeState({ backend: 'auto', view: 'data' })).toBe('');
    expect(encodeState({ sample: 'penguins' })).toBe('sample=penguins');
  });

  it('column names with spaces, markup, separators and unicode round-trip', () => {
    const names = ['<img src=x onerror=alert(1)>', 'a,b:c=d&e', 'température °C', 't.nested', '__proto__', '#hash?q'];
    const types = Object.fromEntries(names.map((n) => [n, 'text' as const]));
    const decoded = decodeState(encodeState({ target: names[0], types }));
    expect(decoded.target).toBe(names[0]);
    expect(Object.keys(decoded.types ?? {}).sort()).toEqual([...names].sort());
    expect(Object.getPrototypeOf(decoded.types)).toBe(Object.prototype);
  });

  it('encodeState orders type overrides by column so the same state gives the same link', () => {
    expect(encodeState({ types: { b: 'float', a: 'id' } })).toBe(encodeState({ types: { a: 'id', b: 'float' } }));
  });

  it('decodeState accepts a leading ? or # and a bare string', () => {
    expect(decodeState('?view=schema')).toEqual({ view: 'schema' });
    expect(decodeState('#view=schema')).toEqual({ view: 'schema' });
    expect(decodeState('view=schema')).toEqual({ view: 'schema' });
  });

  it('decodeState restores the train view and encodeState keeps it', () => {
    expect(decodeState('?sample=loan-approval&view=train')).toEqual({ sample: 'loan-approval', view: 'train' });
    expect(encodeState({ view: 'train' })).toBe('view=train');
  });

  it('decodeState ignores unknown keys and invalid values', () => {
    expect(decodeState('?backend=cuda&view=settings&t.x=number&t.=float&foo=bar&sample=')).toEqual({});
    expect(decodeState('?backend=webgpu&t.x=number&t.y=boolean')).toEqual({ backend: 'webgpu', types: { y: 'boolean' } });
  });

  it('decodeState never throws on garbage', () => {
    for (const s of ['', '?', '%', '%E0%A4%A', '?t.%ZZ=float', '&&&==', '?target=' + 'x'.repeat(10_000), undefined as unknown as string]) {
      expect(() => decodeState(s)).not.toThrow();
    }
    expect(decodeState('?target=' + 'x'.repeat(10_000))).toEqual({});
  });
});

describe('linkableState', () => {
  const state: StudioState = {
    sample: 'penguins',
    target: 'patient_ssn',
    types: { patient_ssn: 'id', diagnosis: 'categorical' },
    backend: 'wasm',
    view: 'train',
    algorithm: 'linear-learner',
    hyperparameters: { epochs: '30', predictor_type: 'binary_classifier', learning_rate: 'Diagnosis ' },
  };

  it('keeps a sample session whole', () => {
    expect(linkableState(state)).toEqual(state);
    expect(linkableState(state, { privateData: false, columns: ['patient_ssn'] })).toEqual(state);
  });

  it('with private data keeps only view, algorithm, backend and hyperparameters whose value is not a column name', () => {
    const kept = linkableState(state, { privateData: true, columns: ['patient_ssn', 'diagnosis'] });
    expect(kept).toEqual({ backend: 'wasm', view: 'train', algorithm: 'linear-learner', hyperparameters: { epochs: '30', predictor_type: 'binary_classifier' } });
    const query = encodeState(kept);
    expect(query).not.toMatch(/patient_ssn|diagnosis|sample=|target=|t\./i);
    expect(query).toBe('backend=wasm&view=train&algorithm=linear-learner&hp.epochs=30&hp.predictor_type=binary_classifier');
  });

  it('with private data and nothing else set writes an empty query', () => {
    expect(encodeState(linkableState({ sample: 's', target: 'x', types: { x: 'text' } }, { privateData: true }))).toBe('');
    expect(linkableState({ hyperparameters: { k: 'x' } }, { privateData: true, columns: ['X'] })).toEqual({});
  });
});
